package uk.sen.review.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.Csv;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.domain.AnnualReview;
import uk.sen.review.domain.AnnualReview.Decision;
import uk.sen.review.domain.AnnualReview.Kind;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.domain.StatutoryClock.StepStatus;

/**
 * The local authority's view of the EHC plan reviews (annual and phase transfer) of the pupils at its schools,
 * whichever trust runs them: how far each review has got, whether the report reached the LA within 2 weeks of the
 * meeting, the LA's decision, and which steps are overdue today. It shares less than the register's LA exchange: the
 * pupil's id and school with the review's dates and decision; no name, UPN or date of birth, and not who was invited
 * or attended. Reads only; each pupil listed is audited against their trust and school, so each trust sees in its own
 * audit what its LA read.
 */
@ApplicationScoped
@Transactional
public class LaReviews {

    /** Ids per query when the overdue steps of a whole export are read. */
    private static final int BATCH = 500;

    @Schema(name = "LaReview", description = """
            An EHC plan review of a pupil at a school of your LA, as the LA tracks it: its dates, the report's timeliness, \
            the LA's decision and the steps overdue today""")
    public record LaReview(
            @Schema(description = "The review's id") UUID reviewId,
            @Schema(description = "The pupil's id in the platform (no name or UPN is shared here)") UUID pupilId,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = "The trust that runs the school", examples = "northbridge") String trustId,
            @Schema(description = "An annual review, or the phase transfer review before a move to the next phase",
                    enumeration = { "ANNUAL", "PHASE_TRANSFER" }) String kind,
            @Schema(nullable = true, description = "The phase transfer, for a PHASE_TRANSFER review")
            StatutoryClock.Transfer transfer,
            @Schema(description = "Where the review has got to", enumeration = { "SCHEDULED", "MEETING_SET", "HELD",
                    "AWAITING_FINAL_PLAN", "COMPLETED", "CLOSED" }) String status,
            @Schema(description = "The last day for the review meeting") LocalDate dueBy,
            @Schema(nullable = true, description = """
                    For a phase transfer, the day the amended plan naming the next setting must be final (15 February, \
                    or 31 March for post-16)""") LocalDate planBy,
            @Schema(nullable = true, description = "The meeting's date, once the school set it") LocalDate meetingDate,
            @Schema(nullable = true, description = "The day the meeting was held") LocalDate heldOn,
            @Schema(nullable = true, description = "The last day the review report is on time: 2 weeks after the meeting")
            LocalDate reportDueBy,
            @Schema(nullable = true, description = "The day the school sent the review report to the LA and everyone invited")
            LocalDate reportSentOn,
            @Schema(nullable = true, description = """
                    Whether the report was sent within 2 weeks of the meeting; empty until it is sent (an unsent report \
                    past its date is listed in overdueSteps)""") Boolean reportOnTime,
            @Schema(nullable = true, description = "The LA's decision after the meeting") Decision laDecision,
            @Schema(nullable = true, description = "The day the LA decided") LocalDate laDecisionOn,
            @Schema(nullable = true, description = "The day the final amended plan was issued, after a decision to amend")
            LocalDate finalPlanOn,
            @Schema(description = """
                    The steps past their date and not done, as at today, soonest first; empty when none. Each is one \
                    of REVIEW_MEETING, PHASE_TRANSFER_PLAN, INVITATIONS, ADVICE, REPORT, LA_DECISION and \
                    FINAL_AMENDED_PLAN""", examples = "[\"REVIEW_MEETING\"]") List<String> overdueSteps) {
    }

    /** Which reviews: a school, a window of due dates (both ends included) and a kind, each optional. */
    public record Filter(String school, LocalDate from, LocalDate to, String kind) {
    }

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock calendar;

    @Inject
    ReviewConfig config;

    /** One page of the LA's reviews, soonest due first. */
    public Page<LaReview> list(Filter filter, PageRequest page) {
        String la = requireLa();
        PanacheQuery<AnnualReview> query = query(la, filter);
        List<AnnualReview> reviews = query.page(io.quarkus.panache.common.Page.of(page.page, page.size)).list();
        List<LaReview> rows = rows(reviews);
        audited(AuditLog.LIST, reviews, "EHC plan reviews for LA " + la);
        return Page.of(rows, page, query.count());
    }

    /** Every review the filter selects, soonest due first: the rows of the CSV file. */
    public List<LaReview> all(Filter filter) {
        String la = requireLa();
        List<AnnualReview> reviews = query(la, filter).list();
        List<LaReview> rows = rows(reviews);
        audited(AuditLog.EXPORT, reviews, "EHC plan reviews for LA " + la + " as CSV");
        return rows;
    }

    /** The caller's LA code, or 403 for a caller whose token names no LA. */
    public String requireLa() {
        String la = caller.la();
        if (la == null || la.isBlank()) {
            throw ProblemException.forbidden("Your account is not linked to a local authority.");
        }
        return la;
    }

    /** The rows as a CSV file (RFC 4180, formula-guarded), one line per review, with a header. */
    public static String csv(List<LaReview> rows) {
        StringBuilder out = new StringBuilder();
        Csv.row(out, List.of("review_id", "pupil_id", "school_urn", "trust_id", "kind", "transfer", "status",
                "due_by", "plan_by", "meeting_date", "held_on", "report_due_by", "report_sent_on", "report_on_time",
                "la_decision", "la_decision_on", "final_plan_on", "overdue_steps"));
        for (LaReview r : rows) {
            Csv.row(out, Arrays.asList(r.reviewId().toString(), r.pupilId().toString(), r.schoolUrn(),
                    r.trustId(), r.kind(), text(r.transfer()), r.status(), text(r.dueBy()), text(r.planBy()),
                    text(r.meetingDate()), text(r.heldOn()), text(r.reportDueBy()), text(r.reportSentOn()),
                    text(r.reportOnTime()), text(r.laDecision()), text(r.laDecisionOn()), text(r.finalPlanOn()),
                    String.join("; ", r.overdueSteps())));
        }
        return out.toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * The reviews of pupils at a school of the LA today (the LA the register gives the pupil's school), at that
     * school: an open review follows its pupil to a new school, while a finished one stays with the school that held
     * it, so a review finished at a school of another LA is not shown.
     */
    private PanacheQuery<AnnualReview> query(String la, Filter filter) {
        StringBuilder q = new StringBuilder("""
                from AnnualReview r where exists (select p from FollowedPupil p where p.pupilId = r.pupilId \
                and p.laCode = :la and p.trustId = r.trustId and p.schoolUrn = r.schoolUrn)""");
        Parameters params = Parameters.with("la", la);
        if (filter.school() != null) {
            if (!filter.school().matches("\\d{6}")) {
                throw ProblemException.invalid("school", "must be a school's URN (6 digits)");
            }
            q.append(" and r.schoolUrn = :school");
            params.and("school", filter.school());
        }
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw ProblemException.invalid("to", "must not be before from (" + filter.from() + ")");
        }
        if (filter.from() != null) {
            q.append(" and r.dueBy >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            q.append(" and r.dueBy <= :to");
            params.and("to", filter.to());
        }
        if (filter.kind() != null) {
            try {
                params.and("kind", Kind.valueOf(filter.kind().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("kind", "must be one of " + List.of(Kind.values()));
            }
            q.append(" and r.kind = :kind");
        }
        return AnnualReview.find(q + " order by r.dueBy, r.id", params);
    }

    private List<LaReview> rows(List<AnnualReview> reviews) {
        LocalDate today = calendar.today();
        StatutoryClock clock = config.clock();
        Map<UUID, List<String>> overdue = overdueSteps(reviews.stream().map(r -> r.id).toList(), today);
        List<LaReview> rows = new ArrayList<>(reviews.size());
        for (AnnualReview r : reviews) {
            LocalDate reportDueBy = r.heldOn == null ? null : clock.reportBy(r.heldOn);
            Boolean reportOnTime = r.reportSentOn == null || reportDueBy == null ? null
                    : StatutoryClock.status(reportDueBy, r.reportSentOn, today) == StepStatus.DONE_ON_TIME;
            rows.add(new LaReview(r.id, r.pupilId, r.schoolUrn, r.trustId, r.kind.name(), r.transfer, r.status.name(),
                    r.dueBy, r.planBy, r.meetingDate, r.heldOn, reportDueBy, r.reportSentOn, reportOnTime,
                    r.laDecision, r.laDecisionOn, r.finalPlanOn, overdue.getOrDefault(r.id, List.of())));
        }
        return rows;
    }

    /** The steps of each review that are overdue today, by the deadline's own status. */
    private static Map<UUID, List<String>> overdueSteps(List<UUID> reviews, LocalDate today) {
        Map<UUID, List<String>> overdue = new HashMap<>();
        for (int i = 0; i < reviews.size(); i += BATCH) {
            Collection<UUID> batch = reviews.subList(i, Math.min(reviews.size(), i + BATCH));
            // only the candidates are read; whether each is overdue is the deadline's to say
            List<Deadline> open = Deadline.list("""
                    sourceId in ?1 and doneOn is null and cancelled = false and dueOn < ?2 \
                    order by dueOn, step""", batch, today);
            for (Deadline d : open) {
                if (d.status(today) == StepStatus.OVERDUE) {
                    overdue.computeIfAbsent(d.sourceId, k -> new ArrayList<>()).add(d.step);
                }
            }
        }
        return overdue;
    }

    /** Audited per trust and school, as the register's LA exchange is, so each trust sees what its LA read. */
    private void audited(String action, List<AnnualReview> reviews, String detail) {
        Map<List<String>, List<String>> byTrustAndSchool = new LinkedHashMap<>();
        for (AnnualReview r : reviews) {
            List<String> pupils = byTrustAndSchool.computeIfAbsent(List.of(r.trustId, r.schoolUrn),
                    k -> new ArrayList<>());
            if (!pupils.contains(r.pupilId.toString())) {
                pupils.add(r.pupilId.toString());
            }
        }
        byTrustAndSchool.forEach((trustAndSchool, pupils) -> audit.record(action, "pupil", pupils,
                trustAndSchool.get(0), trustAndSchool.get(1), detail));
    }
}
