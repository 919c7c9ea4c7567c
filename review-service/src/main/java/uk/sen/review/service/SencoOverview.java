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

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.time.SchoolTerms;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.Rows;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.platform.time.TermCalendar.Term;

/**
 * What a SENCO has to do across their schools: every open deadline that is overdue or comes within N days, and
 * the reviews (EHC plan and SEN support) due this term. Reads only; each pupil listed is audited.
 */
@ApplicationScoped
@Transactional
public class SencoOverview {

    public static final int MAX_WITHIN_DAYS = 366;

    /** One open deadline: whose, of what, which step, when, and whether it is due, overdue or excepted. */
    @Schema(description = "An open deadline: whose, of what, which step, when, and whether it is due, overdue or excepted")
    public record DeadlineItem(UUID deadlineId, UUID pupilId,
            @Schema(nullable = true, description = "The pupil's forename, as the register shows it to you when asked "
                    + "for this list (absent if the register could not be asked; never stored here)", examples = "Sam")
            String forename,
            @Schema(nullable = true, description = "The pupil's surname, likewise", examples = "Taylor") String surname,
            @Schema(nullable = true, description = "The pupil's UPN", examples = "A801200100012") String upn,
            @Schema(nullable = true, description = "The pupil's year group", examples = "4") String ncYear,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = "What the deadline belongs to: an EHC plan review, a SEN support review or an EHC "
                    + "needs assessment request", enumeration = { Deadline.ANNUAL_REVIEW, Deadline.SUPPORT_REVIEW,
                            Deadline.ASSESSMENT_REQUEST }) String sourceType,
            @Schema(description = "The same, in words", enumeration = { "EHC plan review", "SEN support plan",
                    "EHC needs assessment request" }) String source,
            @Schema(description = "The id of the review or request (read it under /reviews, /assessment-requests, "
                    + "or within its support plan)") UUID sourceId,
            @Schema(nullable = true, description = "For a SEN support review, the id of its support plan") UUID planId,
            @Schema(description = "The step", enumeration = { "REVIEW_MEETING", "PHASE_TRANSFER_PLAN", "INVITATIONS",
                    "ADVICE", "REPORT", "LA_DECISION", "FINAL_AMENDED_PLAN", "SUPPORT_REVIEW", "DECISION_TO_ASSESS",
                    "DECISION_NOT_TO_ISSUE", "FINAL_PLAN" }) String step,
            @Schema(description = "The step in words", examples = "Review invitations") String stepLabel,
            @Schema(description = "Whether the date is a statutory time limit (a SEN support review is expected "
                    + "practice)") boolean statutory,
            @Schema(description = "The last day the step is on time") LocalDate dueOn,
            @Schema(description = "Days from today to the due date; negative when overdue") long daysLeft,
            @Schema(description = "DUE, OVERDUE, or EXCEPTED when a recorded exception lifts the time limit")
            StatutoryClock.StepStatus status,
            @Schema(description = "A recorded exception to the time limits applies to the step") boolean excepted) {

        /** The same, with the pupil's name from {@code names} (none when it is not there). */
        public DeadlineItem named(Map<UUID, PupilNames.Name> names) {
            PupilNames.Name n = names.get(pupilId);
            return n == null ? this : new DeadlineItem(deadlineId, pupilId, n.forename(), n.surname(), upn, ncYear,
                    schoolUrn, sourceType, source, sourceId, planId, step, stepLabel, statutory, dueOn, daysLeft,
                    status, excepted);
        }
    }

    /** A review due this term (or overdue from before it and still open). */
    @Schema(description = "A review due this term, or overdue from before it and still open")
    public record DueReview(
            @Schema(description = "An EHC plan review (ANNUAL or PHASE_TRANSFER) or a SEN support review (SUPPORT)",
                    enumeration = { "ANNUAL", "PHASE_TRANSFER", "SUPPORT" }) String kind,
            @Schema(description = "The review's id: an EHC plan review under /reviews, a SEN support review within "
                    + "its plan") UUID reviewId,
            @Schema(nullable = true, description = "For a SEN support review, its support plan's id") UUID planId,
            UUID pupilId,
            @Schema(nullable = true, description = "The pupil's forename, as the register shows it to you when asked "
                    + "for this list (absent if the register could not be asked; never stored here)", examples = "Sam")
            String forename,
            @Schema(nullable = true, description = "The pupil's surname, likewise", examples = "Taylor") String surname,
            @Schema(nullable = true, description = "The pupil's UPN", examples = "A801200100012") String upn,
            @Schema(nullable = true, description = "The pupil's year group", examples = "4") String ncYear,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = "The term it was judged by", examples = "Spring 2026/27") String term,
            @Schema(description = "The last day for the review") LocalDate dueBy,
            @Schema(description = "The review's status: of an EHC plan review, or of a SEN support review (SCHEDULED "
                    + "or COMPLETED)", enumeration = { "SCHEDULED", "MEETING_SET", "HELD", "AWAITING_FINAL_PLAN",
                            "COMPLETED" }) String status,
            @Schema(nullable = true, description = "The meeting's date, for an EHC plan review whose meeting is set")
            LocalDate meetingDate,
            @Schema(nullable = true, description = "When the review was held") LocalDate heldOn,
            @Schema(description = "Still open and past its date") boolean overdue) {

        /** The same, with the pupil's name from {@code names} (none when it is not there). */
        public DueReview named(Map<UUID, PupilNames.Name> names) {
            PupilNames.Name n = names.get(pupilId);
            return n == null ? this : new DueReview(kind, reviewId, planId, pupilId, n.forename(), n.surname(), upn,
                    ncYear, schoolUrn, term, dueBy, status, meetingDate, heldOn, overdue);
        }
    }

    /** The term each LA's reviews were judged against. */
    @Schema(description = "The term an LA's reviews were judged by")
    public record TermUsed(
            @Schema(nullable = true, description = "The LA's code; empty for pupils whose LA is not known (the "
                    + "default terms)", examples = "801") String la,
            @Schema(description = "The term", examples = "Spring 2026/27") String term,
            @Schema(description = "Its first day") LocalDate start,
            @Schema(description = "Its last day") LocalDate end) {
    }

    @Schema(description = "The reviews due this term and the terms they were judged by")
    public record DueThisTerm(@Schema(description = "The day the term was taken from (today unless asked)") LocalDate asAt,
            @Schema(description = "The term used for each LA of the pupils listed") List<TermUsed> terms,
            @Schema(description = "The reviews, soonest due first") List<DueReview> items) {

        /** The same, each review with its pupil's name from {@code names}. */
        public DueThisTerm named(Map<UUID, PupilNames.Name> names) {
            return new DueThisTerm(asAt, terms, items.stream().map(r -> r.named(names)).toList());
        }
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
                       d.excepted, sr.plan_id, p.upn, p.nc_year
                FROM deadline d
                LEFT JOIN support_review sr ON d.source_type = 'support-review' AND sr.id = d.source_id
                LEFT JOIN followed_pupil p ON p.pupil_id = d.pupil_id
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
            LocalDate due = Rows.date(r[7]);
            boolean excepted = (Boolean) r[8];
            String sourceType = (String) r[3];
            items.add(new DeadlineItem(Rows.uuid(r[0]), Rows.uuid(r[1]), null, null, (String) r[10], (String) r[11],
                    (String) r[2], sourceType,
                    sourceLabel(sourceType), Rows.uuid(r[4]), Rows.uuid(r[9]), (String) r[5], Step.labelOf((String) r[5]),
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
                SELECT r.id, r.pupil_id, r.school_urn, r.kind, r.status, r.due_by, r.meeting_date, r.held_on, p.la_code,
                       p.upn, p.nc_year
                FROM annual_review r JOIN followed_pupil p ON p.pupil_id = r.pupil_id
                WHERE r.trust_id = :trust AND r.status <> 'CLOSED'
                  AND (r.due_by BETWEEN :from AND :to OR (r.status <> 'COMPLETED' AND r.due_by < :from))"""
                + scope.sql("r.school_urn"))
                .setParameter("trust", trust).setParameter("from", from).setParameter("to", to)).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> support = scope.bind(em.createNativeQuery("""
                SELECT s.id, s.pupil_id, s.school_urn, s.plan_id, s.status, s.due_on, s.held_on, s.term, p.la_code,
                       p.upn, p.nc_year
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
            LocalDate due = Rows.date(r[5]);
            boolean open = !"COMPLETED".equals(r[4]);
            boolean overdue = open && due.isBefore(date);
            if (term.contains(due) || (open && due.isBefore(term.start()))) {
                used.putIfAbsent(la == null ? "" : la, new TermUsed(la, term.label(), term.start(), term.end()));
                items.add(new DueReview((String) r[3], Rows.uuid(r[0]), null, Rows.uuid(r[1]), null, null, (String) r[9],
                        (String) r[10], (String) r[2],
                        term.label(), due, (String) r[4], Rows.date(r[6]), Rows.date(r[7]), overdue));
            }
        }
        for (Object[] r : support) {
            String la = (String) r[8];
            Term term = la == null ? defaultTerm : termByLa.getOrDefault(la, defaultTerm);
            LocalDate due = Rows.date(r[5]);
            boolean open = "SCHEDULED".equals(r[4]);
            boolean overdue = open && due.isBefore(date);
            if (term.contains(due) || (open && due.isBefore(term.start()))) {
                used.putIfAbsent(la == null ? "" : la, new TermUsed(la, term.label(), term.start(), term.end()));
                items.add(new DueReview("SUPPORT", Rows.uuid(r[0]), Rows.uuid(r[3]), Rows.uuid(r[1]), null, null, (String) r[9],
                        (String) r[10], (String) r[2],
                        (String) r[7], due, (String) r[4], null, Rows.date(r[6]), overdue));
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
}
