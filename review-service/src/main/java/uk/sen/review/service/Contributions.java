package uk.sen.review.service;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.persistence.SchoolRecords;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.SignedLinks;
import uk.sen.platform.security.TrustNames;
import uk.sen.platform.time.EnglandClock;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.domain.AnnualReview;
import uk.sen.review.domain.Contribution;
import uk.sen.review.domain.ContributionRequest;
import uk.sen.review.domain.ContributionRequest.Agency;
import uk.sen.review.domain.ContributionRequest.Contributor;
import uk.sen.review.domain.ContributionRequest.ReviewKind;
import uk.sen.review.domain.SupportPlan;
import uk.sen.review.domain.SupportReview;
import uk.sen.review.events.ReviewEvents;

/**
 * Views and advice gathered before an EHC plan annual review meeting (CoP 9.176: advice and information circulated
 * at least two weeks before it) or a SEN support review. The SENCO or an SEN administrator asks a teacher of the
 * school, the pupil's parents or one kind of agency, by a due date; teachers answer through the API, parents and
 * agencies through a form that a signed link opens (notification-service sends it, minted from the request and the
 * contact). The review shows who has and has not contributed; the SENCO records which contributions were circulated
 * with the advice. Forms close when the annual review meeting is held or its day has passed, or when the SEN support
 * review is recorded. Every read and write is audited as the pupil's data.
 */
@ApplicationScoped
public class Contributions {

    private static final Logger LOG = Logger.getLogger(Contributions.class);

    public static final int MAX_TEXT = 4000;
    public static final int MAX_OUTCOMES = 20;

    /** A teacher's comment on one outcome of the plan. */
    @Schema(description = "A teacher's comment on one outcome: the outcome as the plan words it, progress towards it, "
            + "what helps, what next")
    public record OutcomeComment(
            @Schema(description = "The outcome, as the plan words it", examples = "Sam will read a short book on his own") String outcome,
            @Schema(nullable = true, description = "Progress towards it this year", examples = "Reads simple texts with support") String progress,
            @Schema(nullable = true, description = "What helps", examples = "Short daily sessions; decodable books") String whatHelps,
            @Schema(nullable = true, description = "What should happen next", examples = "Move to the next phonics phase") String whatNext) {
    }

    /** A contribution as the review shows it. */
    @Schema(description = "A contribution received: a teacher's comments per outcome, a parent's views, an agency's "
            + "advice and report")
    public record ContributionView(UUID id,
            @Schema(description = "Who gave it: the teacher's account, or the id of the contact (notification-service) "
                    + "the link was sent to", examples = "teacher.harbour") String from,
            @Schema(nullable = true, description = "A teacher's general comments, a parent's views on what is going "
                    + "well, an agency's advice") String views,
            @Schema(nullable = true, description = "A parent's concerns") String concerns,
            @Schema(nullable = true, description = "A parent's hopes, and what they would like to happen") String hopes,
            @Schema(description = "A teacher's comments per outcome") List<OutcomeComment> outcomes,
            @Schema(nullable = true, description = "The size of the agency's report (PDF), when one was sent; read it "
                    + "at GET /api/v1/contributions/{id}/report.pdf") Integer reportBytes,
            Instant receivedAt,
            @Schema(nullable = true, description = "The day it was circulated with the advice for the meeting") LocalDate sharedOn) {
    }

    /** A request as the review shows it, with what came of it. */
    @Schema(description = "A request for views or advice, and what came of it")
    public record RequestView(UUID id,
            @Schema(description = "ANNUAL (an EHC plan annual review) or SUPPORT (a SEN support review)") ReviewKind reviewKind,
            @Schema(description = "The review: an annual review under /reviews, or a SEN support review of the plan") UUID reviewId,
            @Schema(nullable = true, description = "The support plan (SUPPORT)") UUID planId,
            UUID pupilId, String schoolUrn, Contributor contributor,
            @Schema(nullable = true, description = "The teacher's account (TEACHER)") String teacher,
            @Schema(nullable = true, description = "The kind of agency (AGENCY)") Agency agency,
            @Schema(description = "The day contributions are asked for by") LocalDate dueOn,
            @Schema(description = "The meeting's day (an annual review: the form closes after it), or the day the SEN "
                    + "support review is planned for") LocalDate meetingDate,
            @Schema(description = "AWAITED, RECEIVED (at least one contribution), or CLOSED (the review held, or the "
                    + "annual review meeting's day passed, with nothing received)", enumeration = { "AWAITED",
                            "RECEIVED", "CLOSED" }) String status,
            @Schema(description = "Still awaited after its due date") boolean overdue,
            @Schema(nullable = true, description = "When its contributors were reminded") Instant remindedAt,
            String requestedBy, Instant requestedAt, long version,
            @Schema(description = "The contributions received, first first") List<ContributionView> contributions) {
    }

    /** Who has and has not contributed to a review, and what they gave. */
    @Schema(description = "The views and advice asked for before a review meeting: who has and has not contributed")
    public record ReviewContributions(
            @Schema(nullable = true, description = "The annual review, or the support plan's review scheduled now (none "
                    + "once the plan has no review to come)") UUID reviewId,
            UUID pupilId,
            @Schema(nullable = true, description = "The meeting's day") LocalDate meetingDate,
            @Schema(description = "Requests answered") int received,
            @Schema(description = "Requests still awaited") int awaited,
            List<RequestView> requests) {
    }

    /** What a form opened by a link shows: nothing of the child beyond the meeting's day. */
    public record Form(Contributor contributor, ReviewKind reviewKind, String trustName, LocalDate meetingDate,
            LocalDate dueOn, boolean received, int maxReportBytes) {
    }

    /**
     * The review a request is for, whichever kind: its day (an annual review's meeting, the day a SEN support review
     * is planned for) and whether contributions are still taken.
     */
    private record Meeting(ReviewKind kind, UUID reviewId, UUID planId, UUID pupilId, String trustId, String schoolUrn,
            LocalDate day, boolean open) {
    }

    public record RequestInput(Contributor contributor, String teacher, Agency agency, LocalDate dueOn) {
    }

    public record TeacherInput(String comments, List<OutcomeComment> outcomes) {
    }

    public record LinkInput(String views, String concerns, String hopes, byte[] report) {
    }

    @Inject
    EntityManager em;

    @Inject
    SchoolRecords records;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock calendar;

    @Inject
    ReviewConfig config;

    @Inject
    ReviewEvents events;

    @Inject
    SignedLinks links;

    @Inject
    TrustNames trustNames;

    @Inject
    ObjectMapper json;

    // ---- asking ------------------------------------------------------------------------------------------------

    /** Asks for contributions to an annual review whose meeting is set, due by default two weeks before it. */
    @Transactional
    public RequestView request(UUID reviewId, RequestInput in) {
        AnnualReview review = records.inScope(AnnualReview.class, "Review", reviewId);
        if (review.status != AnnualReview.Status.MEETING_SET) {
            throw ProblemException.rule("reviewId", "views and advice are asked for once the meeting is set and "
                    + "until it is held (the review is " + review.status + ")");
        }
        return ask(meeting(review), config.clock().adviceBy(review.meetingDate), in);
    }

    /** Asks for contributions to the support plan's scheduled review, due by default a week before it. */
    @Transactional
    public RequestView requestForSupport(UUID planId, RequestInput in) {
        SupportPlan plan = records.inScope(SupportPlan.class, "Support plan", planId);
        SupportReview review = SupportReview.<SupportReview> find("planId = ?1 and status = ?2", plan.id,
                SupportReview.Status.SCHEDULED).firstResult();
        if (review == null) {
            throw ProblemException.rule("planId", "the plan has no review scheduled to ask views for");
        }
        return ask(meeting(review), review.dueOn.minusWeeks(1), in);
    }

    private RequestView ask(Meeting meeting, LocalDate defaultDue, RequestInput in) {
        LocalDate today = calendar.today();
        List<Violation> v = new ArrayList<>();
        if (in.contributor() == null) {
            v.add(new Violation("contributor", "must be TEACHER, PARENT or AGENCY"));
        }
        String teacher = in.teacher() == null ? null : in.teacher().strip();
        if (in.contributor() == Contributor.TEACHER && (teacher == null || teacher.isEmpty())) {
            v.add(new Violation("teacher", "name the teacher's account"));
        }
        if (in.contributor() != Contributor.TEACHER && teacher != null) {
            v.add(new Violation("teacher", "only for a request to a teacher"));
        }
        if (in.contributor() == Contributor.AGENCY && in.agency() == null) {
            v.add(new Violation("agency", "name the kind of agency"));
        }
        if (in.contributor() != Contributor.AGENCY && in.agency() != null) {
            v.add(new Violation("agency", "only for a request to an agency"));
        }
        LocalDate dueOn = in.dueOn();
        if (dueOn == null) {
            dueOn = defaultDue.isBefore(today) ? today : defaultDue; // a review sooner than that: today
        } else if (dueOn.isBefore(today)) {
            v.add(new Violation("dueOn", "must not be in the past"));
        }
        if (dueOn.isAfter(meeting.day()) && !meeting.day().isBefore(today)) {
            v.add(new Violation("dueOn", "must not be after the review (" + meeting.day() + ")"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        ContributionRequest r = new ContributionRequest();
        r.id = UUID.randomUUID();
        r.trustId = meeting.trustId();
        r.schoolUrn = meeting.schoolUrn();
        r.pupilId = meeting.pupilId();
        r.reviewKind = meeting.kind();
        r.reviewId = meeting.reviewId();
        r.planId = meeting.planId();
        r.contributor = in.contributor();
        r.teacher = teacher;
        r.agency = in.agency();
        r.dueOn = dueOn;
        r.requestedBy = caller.username();
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        r.persist();
        em.flush();
        audit.record(AuditLog.CREATE, "pupil", List.of(r.pupilId.toString()), r.trustId, r.schoolUrn,
                "contribution request " + r.id + " (" + r.contributor + ") for " + r.reviewKind + " review "
                        + r.reviewId);
        events.publish(ReviewEvents.CONTRIBUTION_REQUESTED, data(r, meeting, null));
        return view(r, meeting, List.of());
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** The requests of an annual review and what came of them (audited as a read of the pupil's data). */
    @Transactional
    public ReviewContributions ofReview(UUID reviewId) {
        AnnualReview review = records.inScope(AnnualReview.class, "Review", reviewId);
        return contributions(meeting(review), ContributionRequest.list("reviewId = ?1 order by createdAt", reviewId));
    }

    /** The requests for a support plan's reviews and what came of them (audited as a read of the pupil's data). */
    @Transactional
    public ReviewContributions ofSupportPlan(UUID planId) {
        SupportPlan plan = records.inScope(SupportPlan.class, "Support plan", planId);
        SupportReview scheduled = SupportReview.<SupportReview> find("planId = ?1 and status = ?2", plan.id,
                SupportReview.Status.SCHEDULED).firstResult();
        Meeting now = scheduled == null ? new Meeting(ReviewKind.SUPPORT, null, plan.id, plan.pupilId, plan.trustId,
                plan.schoolUrn, null, false) : meeting(scheduled);
        return contributions(now, ContributionRequest.list("planId = ?1 order by createdAt", planId));
    }

    private ReviewContributions contributions(Meeting meeting, List<ContributionRequest> requests) {
        audit.record(AuditLog.READ, "pupil", List.of(meeting.pupilId().toString()), meeting.trustId(),
                meeting.schoolUrn(), "contributions to " + meeting.kind() + " review " + meeting.reviewId());
        Map<UUID, List<Contribution>> given = contributionsOf(requests);
        List<RequestView> views = requests.stream()
                .map(r -> view(r, meetingOf(r), given.getOrDefault(r.id, List.of()))).toList();
        int received = (int) views.stream().filter(r -> "RECEIVED".equals(r.status())).count();
        int awaited = (int) views.stream().filter(r -> "AWAITED".equals(r.status())).count();
        return new ReviewContributions(meeting.reviewId(), meeting.pupilId(), meeting.day(), received, awaited, views);
    }

    /** The teacher's own requests still awaited, soonest due first. */
    @Transactional
    public List<RequestView> mine() {
        String trust = caller.requireTrust();
        List<ContributionRequest> requests = ContributionRequest.list(
                "teacher = ?1 and trustId = ?2 order by dueOn, createdAt", caller.username(), trust);
        List<RequestView> open = new ArrayList<>();
        for (ContributionRequest r : requests) {
            Meeting meeting = meetingOf(r);
            if (caller.coversSchool(r.trustId, r.schoolUrn) && meeting.open()
                    && Contribution.count("requestId = ?1", r.id) == 0) {
                open.add(view(r, meeting, List.of()));
            }
        }
        audit.record(AuditLog.LIST, "pupil", open.stream().map(r -> r.pupilId().toString()).distinct().toList(),
                trust, null, "contribution requests awaiting " + caller.username());
        return open;
    }

    /** An agency's report, to the staff of the pupil's school (audited as an export). */
    @Transactional
    public byte[] report(UUID contributionId) {
        Contribution c = records.inScope(Contribution.class, "Report", contributionId);
        if (c.report == null) {
            throw ProblemException.notFound("Report", contributionId);
        }
        ContributionRequest r = ContributionRequest.findById(c.requestId);
        audit.record(AuditLog.EXPORT, "pupil", List.of(r.pupilId.toString()), c.trustId, c.schoolUrn,
                "agency report of contribution " + c.id);
        return c.report;
    }

    // ---- contributing ------------------------------------------------------------------------------------------

    /** A teacher answers a request addressed to them, once, while the meeting is to come. */
    @Transactional
    public RequestView teacherContributes(UUID requestId, TeacherInput in) {
        ContributionRequest r = records.inScope(ContributionRequest.class, "Contribution request", requestId);
        if (r.contributor != Contributor.TEACHER || !r.teacher.equals(caller.username())) {
            throw ProblemException.forbidden("This request is addressed to someone else.");
        }
        em.lock(r, LockModeType.PESSIMISTIC_WRITE); // one answer at a time per request
        Meeting review = meetingOf(r);
        if (!review.open()) {
            throw ProblemException.gone("The review has been held (or its meeting's day has passed): contributions "
                    + "are closed.");
        }
        if (answered(r.id, caller.username())) {
            throw ProblemException.conflict("You have already answered this request.");
        }
        List<OutcomeComment> outcomes = in.outcomes() == null ? List.of() : in.outcomes();
        List<Violation> v = new ArrayList<>();
        text(v, "comments", in.comments());
        if (outcomes.size() > MAX_OUTCOMES) {
            v.add(new Violation("outcomes", "at most " + MAX_OUTCOMES));
        }
        for (int i = 0; i < outcomes.size(); i++) {
            OutcomeComment o = outcomes.get(i);
            if (o == null || o.outcome() == null || o.outcome().isBlank()) {
                v.add(new Violation("outcomes[" + i + "].outcome", "must not be blank"));
                continue;
            }
            text(v, "outcomes[" + i + "].outcome", o.outcome());
            text(v, "outcomes[" + i + "].progress", o.progress());
            text(v, "outcomes[" + i + "].whatHelps", o.whatHelps());
            text(v, "outcomes[" + i + "].whatNext", o.whatNext());
        }
        if ((in.comments() == null || in.comments().isBlank()) && outcomes.isEmpty()) {
            v.add(new Violation("comments", "give comments, or a comment on at least one outcome"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        Contribution c = newContribution(r, caller.username());
        c.views = blankToNull(in.comments());
        try {
            c.outcomes = outcomes.isEmpty() ? null : json.writeValueAsString(outcomes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        received(r, review, c, caller.username());
        return view(r, review, List.of(c));
    }

    /** The form a link opens: 404 for a link that is not one, for another thing, or once the meeting is past. */
    @Transactional
    public Form form(String token) {
        Opened o = open(token);
        boolean received = answered(o.request().id, o.contact().toString());
        return new Form(o.request().contributor, o.request().reviewKind, trustNames.of(o.request().trustId).orElse(null),
                o.review().day(), o.request().dueOn, received, config.contributions().maxReportBytes());
    }

    /** A parent's views or an agency's advice (and report), given through their link, once. */
    @Transactional
    public void linkContributes(String token, LinkInput in) {
        Opened o = open(token);
        ContributionRequest r = o.request();
        em.lock(r, LockModeType.PESSIMISTIC_WRITE); // one answer at a time per request
        if (answered(r.id, o.contact().toString())) {
            throw ProblemException.conflict("Your contribution has already been received; thank you. To change it, "
                    + "please contact the school.");
        }
        List<Violation> v = new ArrayList<>();
        text(v, r.contributor == Contributor.AGENCY ? "advice" : "views", in.views());
        if (r.contributor == Contributor.PARENT) {
            text(v, "concerns", in.concerns());
            text(v, "hopes", in.hopes());
            if (in.report() != null) {
                v.add(new Violation("report", "a report is for agencies"));
            }
        }
        if (isBlank(in.views()) && isBlank(in.concerns()) && isBlank(in.hopes()) && in.report() == null) {
            v.add(new Violation(r.contributor == Contributor.AGENCY ? "advice" : "views", "write something, or "
                    + (r.contributor == Contributor.AGENCY ? "attach your report" : "fill in one of the boxes")));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        if (in.report() != null) {
            requirePdf(in.report());
        }
        Contribution c = newContribution(r, o.contact().toString());
        c.views = blankToNull(in.views());
        if (r.contributor == Contributor.PARENT) {
            c.concerns = blankToNull(in.concerns());
            c.hopes = blankToNull(in.hopes());
        }
        if (in.report() != null) {
            c.report = in.report();
            c.reportBytes = in.report().length;
        }
        received(r, o.review(), c, "contribution-link");
    }

    /** The contributions of the review circulated on {@code on} with the advice: they must be the review's own. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> circulate(AnnualReview review, List<UUID> contributionIds, LocalDate on) {
        if (contributionIds == null || contributionIds.isEmpty()) {
            return List.of();
        }
        List<UUID> shared = new ArrayList<>();
        for (UUID id : contributionIds.stream().distinct().toList()) {
            Contribution c = id == null ? null : Contribution.findById(id);
            ContributionRequest r = c == null ? null : ContributionRequest.findById(c.requestId);
            if (r == null || !r.reviewId.equals(review.id)) {
                throw ProblemException.invalid("contributions", "'" + id + "' is not a contribution to this review");
            }
            c.sharedOn = on;
            c.updatedAt = Instant.now();
            shared.add(c.id);
        }
        return shared;
    }

    // ---- reminders ---------------------------------------------------------------------------------------------

    @Scheduled(every = "${sen.review.contributions.remind-every:15m}", delayed = "45s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        int reminded = remindDue(calendar.today());
        if (reminded > 0) {
            LOG.infof("Contribution reminders: %d requests reminded", reminded);
        }
    }

    /**
     * Reminds, once, the parents and agencies of each request still awaited whose due date is within
     * {@code remind-days-before} days (and not past) while its meeting is to come. Replicas share the work: a request
     * another is reminding is skipped, and one reminded is never reminded again.
     */
    @Transactional
    public int remindDue(LocalDate today) {
        @SuppressWarnings("unchecked")
        List<ContributionRequest> due = em.createNativeQuery("""
                SELECT r.* FROM contribution_request r
                LEFT JOIN annual_review a ON r.review_kind = 'ANNUAL' AND a.id = r.review_id
                LEFT JOIN support_review s ON r.review_kind = 'SUPPORT' AND s.id = r.review_id
                WHERE r.reminded_at IS NULL AND r.contributor IN ('PARENT', 'AGENCY')
                  AND r.due_on >= cast(?1 as date) AND r.due_on <= cast(?1 as date) + ?2
                  AND ((a.status = 'MEETING_SET' AND a.meeting_date >= cast(?1 as date)) OR s.status = 'SCHEDULED')
                  AND NOT EXISTS (SELECT 1 FROM contribution c WHERE c.request_id = r.id)
                ORDER BY r.due_on, r.id
                FOR UPDATE OF r SKIP LOCKED""", ContributionRequest.class)
                .setParameter(1, today).setParameter(2, config.contributions().remindDaysBefore()).getResultList();
        for (ContributionRequest r : due) {
            r.remindedAt = Instant.now();
            r.updatedAt = r.remindedAt;
            events.publish(ReviewEvents.CONTRIBUTION_REMINDER, data(r, meetingOf(r), null));
        }
        return due.size();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private record Opened(ContributionRequest request, Meeting review, UUID contact) {
    }

    /** The request a link names, while its meeting is to come; anything else is the same 404. */
    private Opened open(String token) {
        Optional<SignedLinks.Subject> subject = links.open(token);
        ContributionRequest r = subject.map(s -> ContributionRequest.<ContributionRequest> findById(s.thing()))
                .orElse(null);
        Meeting review = r == null || r.contributor == Contributor.TEACHER ? null : meetingOf(r);
        if (review == null || !review.open()) {
            throw ProblemException.notFound("Form", "link");
        }
        return new Opened(r, review, subject.get().person());
    }

    /** The review a request is for. */
    private Meeting meetingOf(ContributionRequest r) {
        if (r.reviewKind == ReviewKind.SUPPORT) {
            SupportReview review = SupportReview.findById(r.reviewId);
            return review == null ? new Meeting(ReviewKind.SUPPORT, r.reviewId, r.planId, r.pupilId, r.trustId,
                    r.schoolUrn, null, false) : meeting(review);
        }
        AnnualReview review = AnnualReview.findById(r.reviewId);
        return meeting(review);
    }

    /** An annual review takes contributions while its meeting is set and the meeting's day has not passed. */
    private Meeting meeting(AnnualReview review) {
        boolean open = review.status == AnnualReview.Status.MEETING_SET && review.meetingDate != null
                && !calendar.today().isAfter(review.meetingDate);
        return new Meeting(ReviewKind.ANNUAL, review.id, null, review.pupilId, review.trustId, review.schoolUrn,
                review.meetingDate, open);
    }

    /** A SEN support review takes contributions until it is recorded (an overdue one too). */
    private static Meeting meeting(SupportReview review) {
        return new Meeting(ReviewKind.SUPPORT, review.id, review.planId, review.pupilId, review.trustId,
                review.schoolUrn, review.dueOn, review.status == SupportReview.Status.SCHEDULED);
    }

    /** Whether {@code contributor} (an account, or a contact's id) has answered the request. */
    private static boolean answered(UUID requestId, String contributor) {
        return Contribution.count("requestId = ?1 and contributor = ?2", requestId, contributor) > 0;
    }

    private void requirePdf(byte[] report) {
        int max = config.contributions().maxReportBytes();
        if (report.length > max) {
            throw new ProblemException(413, "too-large", "Report too large", "A report may be at most "
                    + max / (1024 * 1024) + " MB.", List.of(new Violation("report", "at most " + max + " bytes")));
        }
        boolean pdf = report.length > 5 && new String(report, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)
                .equals("%PDF-");
        if (pdf) {
            try (PDDocument doc = Loader.loadPDF(report)) {
                pdf = doc.getNumberOfPages() > 0;
            } catch (IOException e) {
                pdf = false;
            }
        }
        if (!pdf) {
            throw new ProblemException(415, "not-a-pdf", "Not a PDF", "The report must be a PDF document.",
                    List.of(new Violation("report", "must be a PDF")));
        }
    }

    private Contribution newContribution(ContributionRequest r, String contributor) {
        Contribution c = new Contribution();
        c.id = UUID.randomUUID();
        c.requestId = r.id;
        c.trustId = r.trustId;
        c.schoolUrn = r.schoolUrn;
        c.contributor = contributor;
        c.receivedAt = Instant.now();
        c.createdAt = c.receivedAt;
        c.updatedAt = c.receivedAt;
        return c;
    }

    private void received(ContributionRequest r, Meeting review, Contribution c, String actor) {
        c.persist();
        em.flush();
        audit.recordSystem(actor, AuditLog.CREATE, "pupil", r.pupilId.toString(), r.trustId, r.schoolUrn,
                "contribution " + c.id + " to request " + r.id + " (" + r.contributor + ")");
        events.publish(ReviewEvents.CONTRIBUTION_RECEIVED, data(r, review, calendar.today()));
    }

    private Map<UUID, List<Contribution>> contributionsOf(List<ContributionRequest> requests) {
        if (requests.isEmpty()) {
            return Map.of();
        }
        List<Contribution> all = Contribution.list("requestId in ?1 order by receivedAt",
                requests.stream().map(r -> r.id).toList());
        return all.stream().collect(Collectors.groupingBy(c -> c.requestId));
    }

    private RequestView view(ContributionRequest r, Meeting review, List<Contribution> given) {
        LocalDate today = calendar.today();
        String status = !given.isEmpty() ? "RECEIVED" : review.open() ? "AWAITED" : "CLOSED";
        List<ContributionView> views = given.stream().sorted(Comparator.comparing(c -> c.receivedAt))
                .map(this::view).toList();
        return new RequestView(r.id, r.reviewKind, r.reviewId, r.planId, r.pupilId, r.schoolUrn, r.contributor,
                r.teacher, r.agency, r.dueOn, review.day(), status, "AWAITED".equals(status) && today.isAfter(r.dueOn),
                r.remindedAt, r.requestedBy, r.createdAt, r.version, views);
    }

    private ContributionView view(Contribution c) {
        List<OutcomeComment> outcomes = List.of();
        if (c.outcomes != null) {
            try {
                outcomes = json.readValue(c.outcomes, new TypeReference<List<OutcomeComment>>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored outcomes of contribution " + c.id + " are not JSON", e);
            }
        }
        return new ContributionView(c.id, c.contributor, c.views, c.concerns, c.hopes, outcomes, c.reportBytes,
                c.receivedAt, c.sharedOn);
    }

    private static ReviewEvents.ContributionData data(ContributionRequest r, Meeting review, LocalDate receivedOn) {
        return new ReviewEvents.ContributionData(r.id.toString(), r.reviewKind.name(), r.reviewId.toString(),
                r.pupilId.toString(), r.trustId, r.schoolUrn, r.contributor.name(),
                r.agency == null ? null : r.agency.name(), r.dueOn, review.day(), receivedOn);
    }

    private static void text(List<Violation> v, String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            v.add(new Violation(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s.strip();
    }
}
