package uk.sen.register.repository;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Counts of the register as at a date, computed by PostgreSQL in one pass over the schools' pupils: the database
 * returns a few dozen grouped rows whatever the number of pupils.
 */
@ApplicationScoped
public class SummaryRepository {

    /** Counts for one school and one year group, or one school and one primary need (null: none recorded). */
    public record Count(String schoolUrn, boolean byNeed, String key, long onRoll, long k, long e, long legacy) {
    }

    @Inject
    EntityManager em;

    /**
     * Pupils on roll on {@code asAt} (on-roll date on or before, no leaving date on or before), with the provision
     * open that day and the primary need recorded for that day.
     */
    public List<Count> counts(String trustId, Collection<String> schoolUrns, LocalDate asAt) {
        if (schoolUrns.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH roll AS (
                    SELECT p.school_urn, p.nc_year, sp.provision, nh.need_code
                    FROM pupil p
                    LEFT JOIN sen_provision sp
                           ON sp.pupil_id = p.id AND sp.start_date <= :asAt
                          AND (sp.end_date IS NULL OR sp.end_date > :asAt)
                    LEFT JOIN pupil_need_history nh
                           ON sp.id IS NOT NULL AND nh.pupil_id = p.id AND nh.rank = 1 AND nh.valid_from <= :asAt
                          AND (nh.valid_to IS NULL OR nh.valid_to > :asAt)
                    WHERE p.trust_id = :trust AND p.school_urn IN (:schools)
                      AND p.on_roll_date <= :asAt AND (p.leaving_date IS NULL OR p.leaving_date > :asAt)
                )
                SELECT school_urn, GROUPING(nc_year) = 1 AS by_need, COALESCE(nc_year, need_code) AS key,
                       count(*),
                       count(*) FILTER (WHERE provision = 'K'),
                       count(*) FILTER (WHERE provision = 'E'),
                       count(*) FILTER (WHERE provision IN ('S', 'A', 'P'))
                FROM roll
                GROUP BY GROUPING SETS ((school_urn, nc_year), (school_urn, need_code))""")
                .setParameter("trust", trustId).setParameter("schools", schoolUrns).setParameter("asAt", asAt)
                .getResultList();
        return rows.stream().map(r -> new Count((String) r[0], (Boolean) r[1], (String) r[2],
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), ((Number) r[5]).longValue(),
                ((Number) r[6]).longValue())).toList();
    }
}
