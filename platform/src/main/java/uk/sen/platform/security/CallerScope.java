package uk.sen.platform.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import uk.sen.platform.problem.ProblemException;

/**
 * Who is calling and what they may see, read from the bearer token: realm roles, the {@code trust} claim, the
 * {@code schools} claim (URNs) and the {@code la} claim. Every scope decision in the services goes through here,
 * so that "outside your scope" means the same thing everywhere.
 */
@RequestScoped
public class CallerScope {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public String username() {
        String name = claimString("preferred_username");
        if (name == null || name.isBlank()) {
            name = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        }
        return name;
    }

    public String subject() {
        String sub = token.getSubject();
        return sub != null ? sub : username();
    }

    public String trustId() {
        return claimString("trust");
    }

    public String la() {
        return claimString("la");
    }

    public Set<String> schools() {
        Object value = token.getClaim("schools");
        Set<String> urns = new TreeSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) {
                urns.add(v instanceof JsonString s ? s.getString() : v.toString());
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(v -> urns.add(String.valueOf(v)));
        } else if (value instanceof JsonString s) {
            urns.add(s.getString());
        } else if (value != null) {
            urns.add(value.toString());
        }
        return urns;
    }

    /** The platform's roles the caller holds, in a stable order. */
    public List<String> roles() {
        Set<String> held = new LinkedHashSet<>();
        for (String role : Roles.ALL) {
            if (identity.hasRole(role)) {
                held.add(role);
            }
        }
        return List.copyOf(held);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** Sees every school of its trust (trust-admin, or an integration client without a school list). */
    public boolean isTrustWide() {
        return hasRole(Roles.TRUST_ADMIN) || (hasRole(Roles.INTEGRATION) && schools().isEmpty());
    }

    /** Whether a record of this trust and school is within the caller's trust and school scope. */
    public boolean coversSchool(String trustId, String schoolUrn) {
        if (trustId == null || !trustId.equals(trustId())) {
            return false;
        }
        return isTrustWide() || (schoolUrn != null && schools().contains(schoolUrn));
    }

    /** The caller's trust, or 403 when the token carries none (for endpoints that only make sense in a trust). */
    public String requireTrust() {
        String trust = trustId();
        if (trust == null || trust.isBlank()) {
            throw ProblemException.forbidden("Your account is not linked to a trust.");
        }
        return trust;
    }

    /** Schools the caller may act in among those asked for; an explicit school outside scope answers 404. */
    public void requireSchool(String trustId, String schoolUrn) {
        if (!coversSchool(trustId, schoolUrn)) {
            throw ProblemException.notFound("School", schoolUrn);
        }
    }

    private String claimString(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof JsonArray array && !array.isEmpty()) {
            JsonValue first = array.get(0);
            return first instanceof JsonString s ? s.getString() : first.toString();
        }
        return value.toString();
    }
}
