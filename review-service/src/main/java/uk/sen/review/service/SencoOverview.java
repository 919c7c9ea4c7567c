package uk.sen.review.service;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.domain.TermCalendar.Term;

/**
 * What a SENCO has to do across their schools: every open deadline that is overdue or comes within N days, and
 * the reviews (EHC plan and SEN support) due this term. Reads only; each pupil listed is audited.
 */
@ApplicationScoped
@Transactional
public class SencoOverview {

    public static final int MAX_WITHIN_DAYS = 366;

    /** One open deadline: whose, of what, which step, when, and whether it is due, overdue or excepted. */
    public record DeadlineItem(UUID deadlineId, UUID pupilId, String schoolUrn, String sourceType, String source,
            UUID sourceId, UUID planId, String step, String stepLabel, boolean statutory, LocalDate dueOn,
            long daysLeft, StatutoryClock.StepStatus status, boolean excepted) {
    }

    /** A review due this term (or overdue from before it and still open). */
    public record DueReview(String kind, UUID reviewId, UUID planId, UUID pupilId, String schoolUrn, String term,
            LocalDate dueBy, String status, LocalDate meetingDate, LocalDate heldOn, boolean overdue) {
    }

    /** The term each LA's reviews were judged against. */
    public record TermUsed(String la, String term, LocalDate start, LocalDate end) {
    }

    public record DueThisTerm(LocalDate asAt, List<TermUsed> terms, List<DueReview> items) {
    }

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock calendar;

    @Inject
    SchoolTerms terms;

    /** Open deadlines of the caller's schools that are overdue or due within {@code within} days, soonest first. */
    public Page<DeadlineItem> deadlines(String school, int within, PageRequest page) {
        if (within < 0 || within > MAX_WITHIN_DAYS) {
            throw ProblemException.invalid("within", "must be between 0 and " + MAX_WITHIN_DAYS + " days");
        }
        String trust = caller.requireTrust();
        Scope scope = scope(trust, school);
        LocalDate today = calendar.today();
        String where = """
                WHERE d.trust_id = :trust AND d.done_on IS NULL AND NOT d.cancelled AND d.due_on <= :until"""
                + scope.sql("d.school_urn");
        Query count = em.createNativeQuery("SELECT count(*) FROM deadline d " + where);
        Query select = em.createNativeQuery("""
                SELECT d.id, d.pupil_id, d.school_urn, d.source_type, d.source_id, d.step, d.statutory, d.due_on,
                       d.excepted, sr.plan_id
                FROM deadline d
                LEFT JOIN support_review sr ON d.source_type = 'support-review' AND sr.id = d.source_id
                """ + where + " ORDER BY d.due_on, d.step, d.id");
        for (Query q : List.of(count, select)) {
            q.setParameter("trust", trust).setParameter("until", today.plusDays(within));
            scope.bind(q);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        List<DeadlineItem> items = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            LocalDate due = toDate(r[7]);
            boolean excepted = (Boolean) r[8];
            String sourceType = (String) r[3];
            items.add(new DeadlineItem(uuid(r[0]), uuid(r[1]), (String) r[2], sourceType, sourceLabel(sourceType),
                    uuid(r[4]), r[9] == null ? null : uuid(r[9]), (String) r[5], Step.labelOf((String) r[5]),
                    (Boolean) r[6], due, ChronoUnit.DAYS.between(today, due),
                    StatutoryClock.status(due, null, today, excepted), excepted));
        }
        audit.record(AuditLog.LIST, "pupil", items.stream().map(i -> i.pupilId().toString()).distinct().toList(),
                trust, school, "deadlines within " + within + " days");
        return Page.of(items, page, total);
    }

    /**
     * The EHC plan reviews and SEN support reviews due this term in the caller's schools, each judged by its
     * pupil's LA's term dates (in a holiday, the coming term), with reviews still open from before the term.
     */
    public DueThisTerm dueThisTerm(String school, LocalDate asAt) {
        String trust = caller.requireTrust();
        Scope scope = scope(trust, school);
        LocalDate date = asAt != null ? asAt : calendar.today();
        // the widest window any LA's term could need; each row is then judged by its own LA's term
        Term defaultTerm = terms.of(null).currentOrNext(date);
        LocalDate from = defaultTerm.start();
        LocalDate to = defaultTerm.end();
        Map<String, Term> termByLa = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<String> las = scope.bind(em.createNativeQuery("SELECT DISTINCT la_code FROM followed_pupil p "
                + "WHERE p.trust_id = :trust AND la_code IS NOT NULL" + scope.sql("p.school_urn"))
                .setParameter("trust", trust)).getResultList();
        for (String la : las) {
            Term t = terms.of(la).currentOrNext(date);
            termByLa.put(la, t);
            from = t.start().isBefore(from) ? t.start() : from;
            to = t.end().isAfter(to) ? t.end() : to;
        }

        @SuppressWarnings("unchecked")
        List<Object[]> annual = scope.bind(em.createNativeQuery("""
                SELECT r.id, r.pupil_id, r.school_urn, r.kind, r.status, r.due_by, r.meeting_date, r.held_on, p.la_code
                FROM annual_review r JOIN followed_pupil p ON p.pupil_id = r.pupil_id
                WHERE r.trust_id = :trust AND r.status <> 'CLOSED'
                  AND (r.due_by BETWEEN :from AND :to OR (r.status <> 'COMPLETED' AND r.due_by < :from))"""
                + scope.sql("r.school_urn"))
                .setParameter("trust", trust).setParameter("from", from).setParameter("to", to)).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> support = scope.bind(em.createNativeQuery("""
                SELECT s.id, s.pupil_id, s.school_urn, s.plan_id, s.status, s.due_on, s.held_on, s.term, p.la_code
                FROM support_review s JOIN followed_pupil p ON p.pupil_id = s.pupil_id
                WHERE s.trust_id = :trust AND s.status <> 'CANCELLED'
                  AND (s.due_on BETWEEN :from AND :to OR (s.status = 'SCHEDULED' AND s.due_on < :from))"""
                + scope.sql("s.school_urn"))
                .setParameter("trust", trust).setParameter("from", from).setParameter("to", to)).getResultList();

        Map<String, TermUsed> used = new LinkedHashMap<>();
        List<DueReview> items = new ArrayList<>();
        for (Object[] r : annual) {
            String la = (String) r[8];
            Term term = la == null ? defaultTerm : termByLa.getOrDefault(la, defaultTerm);
            LocalDate due = toDate(r[5]);
            boolean open = !"COMPLETED".equals(r[4]);
            boolean overdue = open && due.isBefore(date);
            if (term.contains(due) || (open && due.isBefore(term.start()))) {
                used.putIfAbsent(la == null ? "" : la, new TermUsed(la, term.label(), term.start(), term.end()));
                items.add(new DueReview((String) r[3], uuid(r[0]), null, uuid(r[1]), (String) r[2], term.label(), due,
                        (String) r[4], toDate(r[6]), toDate(r[7]), overdue));
            }
        }
        for (Object[] r : support) {
            String la = (String) r[8];
            Term term = la == null ? defaultTerm : termByLa.getOrDefault(la, defaultTerm);
            LocalDate due = toDate(r[5]);
            boolean open = "SCHEDULED".equals(r[4]);
            boolean overdue = open && due.isBefore(date);
            if (term.contains(due) || (open && due.isBefore(term.start()))) {
                used.putIfAbsent(la == null ? "" : la, new TermUsed(la, term.label(), term.start(), term.end()));
                items.add(new DueReview("SUPPORT", uuid(r[0]), uuid(r[3]), uuid(r[1]), (String) r[2], (String) r[7],
                        due, (String) r[4], null, toDate(r[6]), overdue));
            }
        }
        if (used.isEmpty()) {
            used.put("", new TermUsed(null, defaultTerm.label(), defaultTerm.start(), defaultTerm.end()));
        }
        items.sort(Comparator.comparing(DueReview::dueBy).thenComparing(DueReview::reviewId));
        audit.record(AuditLog.LIST, "pupil", items.stream().map(i -> i.pupilId().toString()).distinct().toList(),
                trust, school, "reviews due this term (" + date + ")");
        return new DueThisTerm(date, List.copyOf(used.values()), items);
    }

    // ---- scope --------------------------------------------------------------------------------------------------

    /** The schools a query may read: one asked for (404 outside scope), the caller's, or the whole trust. */
    private record Scope(Set<String> schools) {
        String sql(String column) {
            return schools == null ? "" : " AND " + column + " IN (:schools)";
        }

        Query bind(Query q) {
            return schools == null ? q : q.setParameter("schools", schools);
        }
    }

    private Scope scope(String trust, String school) {
        if (school != null) {
            caller.requireSchool(trust, school);
            return new Scope(Set.of(school));
        }
        if (caller.isTrustWide()) {
            return new Scope(null);
        }
        Set<String> schools = caller.schools();
        // no schools: an impossible URN keeps the query valid and empty
        return new Scope(schools.isEmpty() ? Set.of("-") : schools);
    }

    static String sourceLabel(String sourceType) {
        return switch (sourceType) {
            case Deadline.ANNUAL_REVIEW -> "EHC plan review";
            case Deadline.SUPPORT_REVIEW -> "SEN support plan";
            case Deadline.ASSESSMENT_REQUEST -> "EHC needs assessment request";
            default -> sourceType;
        };
    }

    static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }
}
