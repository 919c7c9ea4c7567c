package uk.sen.workload.repository;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import uk.sen.platform.io.Rows;
import uk.sen.workload.domain.ProtectedTime;
import uk.sen.workload.domain.SchoolCalendar;

/**
 * Sums of logged time, computed by PostgreSQL: reports never pull individual entries (nor their notes) into the
 * service. Reports read the weekly totals a trigger keeps ({@code time_week_total}, V3) plus the entries of the
 * part-weeks at the ends of a period, and roll them up in one GROUPING SETS query: a trust's year is a few
 * thousand totals in, a few thousand sums out.
 */
@ApplicationScoped
public class TimeAggregates {

    /** Monday of the entry's week (ISO weeks, as {@link SchoolCalendar#weekStart}); a function of V3. */
    private static final String WEEK = "iso_week_start(entry_date)";

    /** Which entries: a trust, optionally some schools (null = all of the trust's) and one SENCO, and dates. */
    public record Filter(String trust, Collection<String> schools, String senco, LocalDate from, LocalDate to) {
    }

    /** One sum; the fields a grouping did not use are null. */
    public record Cell(String school, String senco, LocalDate week, String category, long minutes) {
    }

    /** The three roll-ups every report is assembled from. */
    public record Rollups(List<Cell> bySencoWeek, List<Cell> byWeekCategory, List<Cell> bySencoCategory) {
    }

    @Inject
    EntityManager em;

    public Rollups rollups(Filter f) {
        List<Object> params = new ArrayList<>();
        Query q = em.createNativeQuery("WITH e AS (" + weeklySource(f, params) + ")"
                + " SELECT cast(GROUPING(school_urn, senco, week, category_code) AS int), school_urn, senco, week,"
                + " category_code, sum(minutes) FROM e GROUP BY GROUPING SETS"
                + " ((school_urn, senco, week), (week, category_code), (school_urn, senco, category_code))");
        bind(q, params);
        List<Cell> bySencoWeek = new ArrayList<>();
        List<Cell> byWeekCategory = new ArrayList<>();
        List<Cell> bySencoCategory = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            Cell cell = new Cell((String) r[1], (String) r[2], Rows.date(r[3]), (String) r[4], Rows.number(r[5]));
            switch ((int) Rows.number(r[0])) {
                case 0b0001 -> bySencoWeek.add(cell);
                case 0b1100 -> byWeekCategory.add(cell);
                case 0b0010 -> bySencoCategory.add(cell);
                default -> throw new IllegalStateException("Unexpected grouping " + r[0]);
            }
        }
        return new Rollups(bySencoWeek, byWeekCategory, bySencoCategory);
    }

    /** Sums per SENCO, week and category: the rows of a CSV export. */
    public List<Cell> detail(Filter f) {
        List<Object> params = new ArrayList<>();
        Query q = em.createNativeQuery("WITH e AS (" + weeklySource(f, params) + ")"
                + " SELECT school_urn, senco, week, category_code, sum(minutes) FROM e"
                + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
        bind(q, params);
        List<Cell> cells = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            cells.add(new Cell((String) r[0], (String) r[1], Rows.date(r[2]), (String) r[3], Rows.number(r[4])));
        }
        return cells;
    }

    /**
     * Minutes by school, SENCO, week and category for {@code f}: whole weeks from the weekly totals, the part-weeks
     * at either end of the range (a term starting on a Tuesday) from the entries themselves.
     */
    private static String weeklySource(Filter f, List<Object> params) {
        LocalDate firstWhole = f.from().getDayOfWeek() == DayOfWeek.MONDAY ? f.from()
                : SchoolCalendar.weekStart(f.from()).plusWeeks(1);
        LocalDate lastWhole = f.to().getDayOfWeek() == DayOfWeek.SUNDAY ? SchoolCalendar.weekStart(f.to())
                : SchoolCalendar.weekStart(f.to()).minusWeeks(1);
        boolean anyWhole = !firstWhole.isAfter(lastWhole);
        params.add(f.trust());
        params.add(firstWhole);
        params.add(lastWhole);
        // the head and the tail part-weeks; with no whole week inside, the head is the whole range
        params.add(f.from());
        params.add(anyWhole ? firstWhole.minusDays(1) : f.to());
        params.add(anyWhole ? lastWhole.plusWeeks(1) : f.to().plusDays(1));
        params.add(f.to());
        String filters = filters(f, params);
        return "SELECT school_urn, senco, week_start AS week, category_code, minutes FROM time_week_total"
                + " WHERE trust_id = ?1 AND week_start BETWEEN ?2 AND ?3" + filters
                + " UNION ALL SELECT school_urn, senco, iso_week_start(entry_date), category_code, minutes"
                + " FROM time_entry WHERE trust_id = ?1"
                + " AND (entry_date BETWEEN ?4 AND ?5 OR entry_date BETWEEN ?6 AND ?7)" + filters;
    }

    private static String filters(Filter f, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (f.schools() != null && f.schools().isEmpty()) {
            where.append(" AND false");
        } else if (f.schools() != null) {
            params.add(f.schools());
            where.append(" AND school_urn IN (?").append(params.size()).append(")");
        }
        if (f.senco() != null) {
            params.add(f.senco());
            where.append(" AND senco = ?").append(params.size());
        }
        return where.toString();
    }

    /**
     * Minutes SEN administrators gave to each SENCO at each school ({@code support_entry}, V5), keyed
     * "school|senco"; the filter's SENCO is the one supported.
     */
    public Map<String, Long> supportBySenco(Filter f) {
        List<Object> params = new ArrayList<>();
        Query q = em.createNativeQuery("SELECT school_urn, senco, sum(minutes) FROM support_entry WHERE "
                + where(f, params) + " GROUP BY 1, 2");
        bind(q, params);
        Map<String, Long> minutes = new TreeMap<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            minutes.put(r[0] + "|" + r[1], Rows.number(r[2]));
        }
        return minutes;
    }

    /** Minutes per week (Monday) of one SENCO at one school. */
    public Map<LocalDate, Long> weekly(String trust, String school, String senco, LocalDate from, LocalDate to) {
        List<Object> params = new ArrayList<>();
        String where = where(new Filter(trust, List.of(school), senco, from, to), params);
        Query q = em.createNativeQuery("SELECT " + WEEK + " AS week, sum(minutes) FROM time_entry WHERE " + where
                + " GROUP BY 1");
        bind(q, params);
        Map<LocalDate, Long> weeks = new TreeMap<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            weeks.put(Rows.date(r[0]), Rows.number(r[1]));
        }
        return weeks;
    }

    /** Minutes of one SENCO at one school, leaving out some categories (the statutory work the forecast counts). */
    public long minutesExcept(String trust, String school, String senco, LocalDate from, LocalDate to,
            Collection<String> excludedCategories) {
        List<Object> params = new ArrayList<>();
        String where = where(new Filter(trust, List.of(school), senco, from, to), params);
        if (!excludedCategories.isEmpty()) {
            params.add(excludedCategories);
            where += " AND category_code NOT IN (?" + params.size() + ")";
        }
        Query q = em.createNativeQuery("SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE " + where);
        bind(q, params);
        return Rows.number(q.getSingleResult());
    }

    /**
     * Minutes logged at a school against each finished piece of statutory work (its meeting was held or it was
     * completed), by kind: the samples that calibrate the expected effort of each kind.
     */
    public Map<String, List<Integer>> minutesPerFinishedWork(String trust, String school) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT w.kind, sum(e.minutes) FROM statutory_work w
                JOIN time_entry e ON e.review_id = w.source_id AND e.trust_id = w.trust_id AND e.school_urn = w.school_urn
                WHERE w.trust_id = ?1 AND w.school_urn = ?2 AND w.status IN ('HELD', 'DONE')
                GROUP BY w.kind, w.source_id""")
                .setParameter(1, trust).setParameter(2, school).getResultList();
        Map<String, List<Integer>> samples = new TreeMap<>();
        for (Object[] r : rows) {
            samples.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((int) Rows.number(r[1]));
        }
        return samples;
    }

    /** SENCOs who logged time at a school between two dates. */
    public Set<String> sencosWithTime(String trust, String school, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("""
                SELECT DISTINCT senco FROM time_entry
                WHERE trust_id = ?1 AND school_urn = ?2 AND entry_date BETWEEN ?3 AND ?4""")
                .setParameter(1, trust).setParameter(2, school).setParameter(3, from).setParameter(4, to)
                .getResultList();
        Set<String> sencos = new TreeSet<>();
        rows.forEach(r -> sencos.add((String) r));
        return sencos;
    }

    /** Whether a SENCO has any time or any allocation in a trust (optionally some schools). */
    public boolean knows(String trust, Collection<String> schools, String senco) {
        if (schools != null && schools.isEmpty()) {
            return false;
        }
        String inSchools = schools == null ? "" : " AND school_urn IN (?3)";
        Query q = em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM time_entry WHERE trust_id = ?1 AND senco = ?2"
                + inSchools + ") OR EXISTS (SELECT 1 FROM protected_time WHERE trust_id = ?1 AND senco = ?2" + inSchools
                + ")");
        q.setParameter(1, trust).setParameter(2, senco);
        if (schools != null) {
            q.setParameter(3, schools);
        }
        return Boolean.TRUE.equals(q.getSingleResult());
    }

    /** Allocation periods that touch {@code from..to}, for a trust, optionally some schools and one SENCO. */
    public List<ProtectedTime> allocations(String trust, Collection<String> schools, String senco, LocalDate from,
            LocalDate to) {
        if (schools != null && schools.isEmpty()) {
            return List.of();
        }
        StringBuilder q = new StringBuilder(
                "trustId = ?1 and effectiveFrom <= ?2 and (effectiveTo is null or effectiveTo >= ?3)");
        List<Object> params = new ArrayList<>(List.of(trust, to, from));
        if (schools != null) {
            params.add(schools);
            q.append(" and schoolUrn in ?").append(params.size());
        }
        if (senco != null) {
            params.add(senco);
            q.append(" and senco = ?").append(params.size());
        }
        return ProtectedTime.list(q + " order by schoolUrn, senco, effectiveFrom", params.toArray());
    }

    /** Allocations grouped by school and SENCO ("school|senco"). */
    public static Map<String, List<ProtectedTime>> bySchoolAndSenco(List<ProtectedTime> allocations) {
        Map<String, List<ProtectedTime>> grouped = new LinkedHashMap<>();
        for (ProtectedTime p : allocations) {
            grouped.computeIfAbsent(p.schoolUrn + "|" + p.senco, k -> new ArrayList<>()).add(p);
        }
        return grouped;
    }

    private static String where(Filter f, List<Object> params) {
        params.add(f.trust());
        params.add(f.from());
        params.add(f.to());
        return "trust_id = ?1 AND entry_date BETWEEN ?2 AND ?3" + filters(f, params);
    }

    private static void bind(Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
    }
}
