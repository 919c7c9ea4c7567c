package uk.sen.platform.security;

/** Realm roles issued by the identity provider; constants so {@code @RolesAllowed} and code name them one way. */
public final class Roles {
    public static final String SENCO = "senco";
    public static final String TEACHER = "teacher";
    public static final String SLT = "slt";
    public static final String TRUST_ADMIN = "trust-admin";
    public static final String LA_OFFICER = "la-officer";
    public static final String INTEGRATION = "integration";

    /** Roles that act within a list of schools of one trust. */
    public static final java.util.Set<String> SCHOOL_ROLES = java.util.Set.of(SENCO, TEACHER, SLT);
    /** Roles that see every school of their trust. */
    public static final java.util.Set<String> TRUST_ROLES = java.util.Set.of(TRUST_ADMIN, INTEGRATION);
    public static final java.util.List<String> ALL = java.util.List.of(SENCO, TEACHER, SLT, TRUST_ADMIN, LA_OFFICER, INTEGRATION);

    private Roles() {
    }
}
