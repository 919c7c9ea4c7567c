package uk.sen.register.repository;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.jpa.HibernateHints;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import uk.sen.platform.io.UnmappedTables;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.SenProvision;
import uk.sen.register.domain.SenRules.RankedNeed;

@ApplicationScoped
public class PupilRepository implements PanacheRepositoryBase<Pupil, UUID> {

    /** What a register list may be filtered by; null fields do not filter. */
    public record Filter(String trustId, Set<String> schools, String laCode, String school, Provision provision,
            Set<String> needCodes, String ncYear, String name, String upn, Set<UUID> ids, LocalDate asAt) {
    }

    public Optional<SenProvision> openProvision(UUID pupilId) {
        return SenProvision.find("pupilId = ?1 and endDate is null", pupilId).firstResultOptional();
    }

    public List<SenProvision> history(UUID pupilId) {
        return SenProvision.list("pupilId = ?1 order by startDate, recordedAt", pupilId);
    }

    /**
     * Records that from {@code effective} on the pupil's needs are {@code needs} (none: off the register). Needs
     * recorded for that day or later end there, so periods never overlap even when a change is back-dated.
     */
    public void recordNeedHistory(UUID pupilId, List<RankedNeed> needs, LocalDate effective) {
        // no entity maps the history: without saying so, Hibernate flushed the whole session before each statement;
        // the session's changes now go in the one flush that follows (profiled in the pipeline benchmark: session
        // flushes 18% of register-service's CPU before, 14% after)
        UnmappedTables.touchingOnly(getEntityManager().createNativeQuery("""
                UPDATE pupil_need_history SET valid_to = GREATEST(valid_from, ?1)
                WHERE pupil_id = ?2 AND (valid_to IS NULL OR valid_to > ?1)"""), "pupil_need_history")
                .setParameter(1, effective).setParameter(2, pupilId).executeUpdate();
        for (RankedNeed need : needs) {
            UnmappedTables.touchingOnly(getEntityManager().createNativeQuery("""
                    INSERT INTO pupil_need_history (pupil_id, rank, need_code, valid_from) VALUES (?1, ?2, ?3, ?4)"""),
                    "pupil_need_history").setParameter(1, pupilId).setParameter(2, need.rank())
                    .setParameter(3, need.code()).setParameter(4, effective).executeUpdate();
        }
    }

    public Optional<Pupil> findByUpn(String trustId, String upn) {
        return find("trustId = ?1 and upn = ?2", trustId, upn).firstResultOptional();
    }

    /**
     * One page of pupils matching the filter, in name order, with the provision each had on {@code asAt}: the page
     * after {@code after} when given (keyset paging: as fast for the last page as for the first), else from
     * {@code offset}; at most {@code limit} rows.
     */
    @SuppressWarnings("unchecked")
    public List<Object[]> page(Filter f, Cursor after, int offset, int limit) {
        Query q = build(f, true);
        String jpql = "select p, sp " + q.jpql;
        if (after != null) {
            jpql += " and (p.surname, p.forename, p.id) > (:afterSurname, :afterForename, :afterId)";
            q.params.put("afterSurname", after.surname());
            q.params.put("afterForename", after.forename());
            q.params.put("afterId", after.id());
        }
        // read-only: a page is only shown, so Hibernate keeps no snapshots of it and never dirty-checks it at the
        // flushes before the list's later statements and at its commit
        return getEntityManager().createQuery(jpql + " order by p.surname, p.forename, p.id", Object[].class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setFirstResult(after == null ? offset : 0).setMaxResults(limit)
                .unwrap(org.hibernate.query.Query.class).setProperties(q.params).getResultList();
    }

    /**
     * The current needs of each of these pupils, by rank, in one query (a list page's pupils). The ids go as one
     * array parameter: with {@code in :ids} Hibernate translated the query to SQL again on every call (a list of
     * parameters is never cached), 10% of the service's CPU under the register list (found by profiling the benchmark).
     */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<Pupil.Need>> needsOf(Collection<UUID> pupilIds) {
        Map<UUID, List<Pupil.Need>> needs = new HashMap<>();
        if (pupilIds.isEmpty()) {
            return needs;
        }
        List<Object[]> rows = getEntityManager().createNativeQuery(
                "SELECT n.pupil_id, n.rank, n.need_code FROM pupil_need n WHERE n.pupil_id = ANY (:ids) ORDER BY n.rank")
                .setParameter("ids", pupilIds.toArray(UUID[]::new)).getResultList();
        rows.forEach(row -> needs.computeIfAbsent((UUID) row[0], id -> new ArrayList<>())
                .add(new Pupil.Need(((Number) row[1]).intValue(), (String) row[2])));
        return needs;
    }

    /**
     * Where a page ends in the list's order: the page after it starts after this pupil. Only the pupil's id leaves
     * the service, as an opaque token ({@link #token}); the names are read again from the register
     * ({@link PupilRepository#cursorAt}), so no child's name ever reaches a URL or a log.
     */
    public record Cursor(String surname, String forename, UUID id) {

        /** The first byte of a token, so its format can change without old tokens being misread. */
        private static final byte VERSION = 1;
        private static final int LENGTH = 1 + 16;

        /** The token of a page that ended with this pupil: URL-safe base64 of the version and the pupil's id. */
        public static String token(UUID lastPupil) {
            ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put(VERSION)
                    .putLong(lastPupil.getMostSignificantBits()).putLong(lastPupil.getLeastSignificantBits());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        }

        /** The pupil a token names; IllegalArgumentException if it is not a token this service gives. */
        public static UUID pupilOf(String token) {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length != LENGTH || bytes[0] != VERSION) {
                throw new IllegalArgumentException("not a register cursor");
            }
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, 16);
            return new UUID(in.getLong(), in.getLong());
        }
    }

    /**
     * The list's position after this pupil, if the pupil is one the list could show (its trust, schools and
     * school); one lookup by primary key.
     */
    public Optional<Cursor> cursorAt(Filter f, UUID pupilId) {
        StringBuilder jpql = new StringBuilder(
                "select p.surname, p.forename from Pupil p where p.id = :id and p.trustId = :trust");
        Map<String, Object> params = new HashMap<>();
        params.put("id", pupilId);
        appendScope(f, jpql, params);
        var query = getEntityManager().createQuery(jpql.toString(), Object[].class).setMaxResults(1);
        params.forEach(query::setParameter);
        // a list, not a stream: a stream opens a scrollable result, a third of this lookup's cost
        return query.getResultList().stream().findFirst().map(r -> new Cursor((String) r[0], (String) r[1], pupilId));
    }

    /** How many pupils match the filter. */
    public long count(Filter f) {
        if (f.provision() == null && f.needCodes() == null && f.ncYear() == null && f.name() == null
                && f.upn() == null && f.ids() == null) {
            return countOfSchools(f);
        }
        // without a provision filter the provision join changes no count (one provision open at a time), so the
        // count reads the pupils alone
        Query q = build(f, f.provision() != null);
        return (Long) getEntityManager().createQuery("select count(p) " + q.jpql, Long.class)
                .unwrap(org.hibernate.query.Query.class).setProperties(q.params).getSingleResult();
    }

    /** The pupils of the schools in the filter's scope, from the counts PostgreSQL keeps (V4__pupil_counts.sql). */
    private long countOfSchools(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT coalesce(sum(c.pupils), 0) FROM pupil_count c WHERE c.trust_id = :trust");
        Map<String, Object> params = new HashMap<>();
        appendScope(f, "c.school_urn", "SELECT s.urn FROM school s WHERE s.la_code = :la", sql, params);
        // no result class: Hibernate caches a native query's plan under a key that, with a result class, differs
        // on every call, so the cache filled and each lookup walked it (found by profiling the benchmark)
        jakarta.persistence.Query query = getEntityManager().createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    /**
     * Folds the count deltas the pupil triggers appended into one row per school. Rows appended by transactions
     * still open are left for the next fold, so no count is ever lost or doubled.
     */
    @Scheduled(every = "${register.pupil-counts.fold-every:10s}", concurrentExecution = ConcurrentExecution.SKIP)
    @Transactional
    public void foldCounts() {
        getEntityManager().createNativeQuery("""
                WITH many AS (SELECT trust_id, school_urn FROM pupil_count GROUP BY trust_id, school_urn
                              HAVING count(*) > 1),
                     folded AS (DELETE FROM pupil_count c USING many m
                                WHERE c.trust_id = m.trust_id AND c.school_urn = m.school_urn
                                RETURNING c.trust_id, c.school_urn, c.pupils)
                INSERT INTO pupil_count (trust_id, school_urn, pupils)
                SELECT trust_id, school_urn, sum(pupils) FROM folded GROUP BY trust_id, school_urn""")
                .executeUpdate();
    }

    private record Query(String jpql, Map<String, Object> params) {
    }

    /**
     * The scope every read of the list shares, after a {@code p.trustId = :trust} condition: the caller's trust,
     * schools and LA, and the school asked for.
     */
    private static void appendScope(Filter f, StringBuilder jpql, Map<String, Object> params) {
        appendScope(f, "p.schoolUrn", "select s.urn from School s where s.laCode = :la", jpql, params);
    }

    /**
     * The scope as conditions on {@code schoolUrn}, in JPQL or SQL after a condition on {@code :trust};
     * {@code schoolsOfLa} selects the URNs of the schools of {@code :la}.
     */
    private static void appendScope(Filter f, String schoolUrn, String schoolsOfLa, StringBuilder query,
            Map<String, Object> params) {
        params.put("trust", f.trustId());
        if (f.schools() != null) {
            query.append(" and ").append(schoolUrn).append(" in (:schools)");
            params.put("schools", f.schools());
        }
        if (f.laCode() != null) {
            query.append(" and ").append(schoolUrn).append(" in (").append(schoolsOfLa).append(")");
            params.put("la", f.laCode());
        }
        if (f.school() != null) {
            query.append(" and ").append(schoolUrn).append(" = :school");
            params.put("school", f.school());
        }
    }

    /** The filter as JPQL; {@code withProvision} joins the provision open on {@code asAt} as {@code sp}. */
    private static Query build(Filter f, boolean withProvision) {
        StringBuilder jpql = new StringBuilder("from Pupil p");
        Map<String, Object> params = new HashMap<>();
        if (withProvision) {
            jpql.append(" left join SenProvision sp on sp.pupilId = p.id and sp.startDate <= :asAt "
                    + "and (sp.endDate is null or sp.endDate > :asAt)");
            params.put("asAt", f.asAt());
        }
        jpql.append(" where p.trustId = :trust");
        appendScope(f, jpql, params);
        if (f.provision() == Provision.N) {
            jpql.append(" and sp.id is null");
        } else if (f.provision() != null) {
            jpql.append(" and sp.provision = :provision");
            params.put("provision", f.provision());
        }
        if (f.needCodes() != null) {
            jpql.append(" and exists (select 1 from Pupil p2 join p2.needs n where p2 = p and n.needCode in :needs)");
            params.put("needs", new ArrayList<>(f.needCodes()));
        }
        if (f.ncYear() != null) {
            jpql.append(" and p.ncYear = :year");
            params.put("year", f.ncYear());
        }
        if (f.name() != null) {
            jpql.append(" and (lower(p.surname) like :name escape '!' or lower(p.forename) like :name escape '!')");
            params.put("name", "%" + likeLiteral(f.name().toLowerCase(Locale.ROOT)) + "%");
        }
        if (f.upn() != null) {
            jpql.append(" and (p.upn = :upn or p.formerUpn = :upn)");
            params.put("upn", f.upn().toUpperCase());
        }
        if (f.ids() != null) {
            jpql.append(" and p.id in :ids");
            params.put("ids", new ArrayList<>(f.ids()));
        }
        return new Query(jpql.toString(), params);
    }

    /** The text as a LIKE pattern matching itself: a name may hold % or _, which are wildcards otherwise. */
    static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

}
