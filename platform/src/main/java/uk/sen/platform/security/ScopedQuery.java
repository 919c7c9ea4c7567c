package uk.sen.platform.security;

import java.util.List;

import io.quarkus.panache.common.Parameters;

/**
 * A Panache query restricted to what the caller may see: their trust and, unless they are trust-wide, their schools
 * (entities with {@code trustId} and {@code schoolUrn}). Optional filters are added only when given.
 */
public final class ScopedQuery {

    private final StringBuilder where = new StringBuilder("trustId = :trust");
    private final Parameters params;

    private ScopedQuery(String trust) {
        params = Parameters.with("trust", trust);
    }

    public static ScopedQuery of(CallerScope caller) {
        ScopedQuery query = new ScopedQuery(caller.requireTrust());
        if (!caller.isTrustWide()) {
            // an empty IN list is not valid JPQL; a caller without schools matches nothing
            query.where.append(" and schoolUrn in :schools");
            query.params.and("schools", caller.schools().isEmpty() ? List.of("-") : caller.schools());
        }
        return query;
    }

    /** Adds {@code clause} (using {@code :name}) when {@code value} is not null. */
    public ScopedQuery and(String clause, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.and(name, value);
        }
        return this;
    }

    public String where() {
        return where.toString();
    }

    public Parameters params() {
        return params;
    }
}
