package uk.sen.platform.security;

/** Realm roles issued by the identity provider; constants so {@code @RolesAllowed} and code name them one way. */
public final class Roles {
    public static final String SENCO = "senco";
    /**
     * An SEN administrator (a deputy, an administrator): the SENCO's paperwork for their schools (pupils' details,
     * contacts, meeting dates, invitations, advice circulated, imports), never the SENCO's decisions (provision,
     * needs, a review's report and outcome, the LA's decision, the basis for sharing).
     */
    public static final String SEN_ADMIN = "sen-admin";
    public static final String TEACHER = "teacher";
    public static final String SLT = "slt";
    public static final String TRUST_ADMIN = "trust-admin";
    public static final String LA_OFFICER = "la-officer";
    public static final String INTEGRATION = "integration";

    /** Roles that act within a list of schools of one trust. */
    public static final java.util.Set<String> SCHOOL_ROLES = java.util.Set.of(SENCO, SEN_ADMIN, TEACHER, SLT);
    /** Roles that see every school of their trust. */
    public static final java.util.Set<String> TRUST_ROLES = java.util.Set.of(TRUST_ADMIN, INTEGRATION);
    public static final java.util.List<String> ALL = java.util.List.of(SENCO, SEN_ADMIN, TEACHER, SLT, TRUST_ADMIN, LA_OFFICER,
            INTEGRATION);

    private Roles() {
    }
}
