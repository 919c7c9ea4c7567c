package uk.sen.workload.repository;

import io.quarkus.panache.common.Parameters;
import uk.sen.platform.security.CallerScope;

/**
 * The where clause of a Panache query and its named parameters, built condition by condition: the lists that take
 * optional filters add one condition per filter given.
 */
public final class Where {

    private final StringBuilder query = new StringBuilder();
    private final Parameters params = new Parameters();

    private Where() {
    }

    /** A query starting with {@code condition}, which names the parameter {@code name}. */
    public static Where of(String condition, String name, Object value) {
        Where where = new Where();
        where.query.append(condition);
        where.params.and(name, value);
        return where;
    }

    /** The records the caller may see by school: their trust's, and only their schools' unless they see all of it. */
    public static Where inScope(CallerScope caller) {
        Where where = of("trustId = :trust", "trust", caller.requireTrust());
        return caller.isTrustWide() ? where : where.and("schoolUrn in :schools", "schools", caller.schools());
    }

    /** Adds {@code condition}, which names the parameter {@code name}. */
    public Where and(String condition, String name, Object value) {
        query.append(" and ").append(condition);
        params.and(name, value);
        return this;
    }

    /** Adds {@code condition} only when a filter {@code value} is given (not null). */
    public Where andIfGiven(String condition, String name, Object value) {
        return value == null ? this : and(condition, name, value);
    }

    /** The query, sorted by {@code order}. */
    public String orderBy(String order) {
        return query + " order by " + order;
    }

    public Parameters params() {
        return params;
    }
}
