package uk.sen.review.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Parameters;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.persistence.SchoolRecords;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.ScopedQuery;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.domain.AssessmentException;
import uk.sen.review.domain.AssessmentRequest;
import uk.sen.review.domain.AssessmentRequest.RequestedBy;
import uk.sen.review.domain.AssessmentRequest.Status;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.domain.Sen2RequestOutcome;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.domain.SupportPlan;
import uk.sen.review.domain.SupportReview;
import uk.sen.review.events.ReviewEvents;
import uk.sen.review.events.ReviewEvents.AssessmentRequestData;

/**
 * EHC needs assessment requests and their statutory clock (docs/domain.md section 3): from the day the LA receives the
 * request, the decision whether to assess within 6 weeks, a decision not to issue a plan within 16, the final plan
 * within 20. Steps are taken in order; an exception (Regs 10(4)) is recorded with its reason and date and makes
 * the steps it names excepted rather than missed.
 */
@ApplicationScoped
@Transactional
public class AssessmentRequestService {

    /** The request's statutory steps, in order. */
    public static final List<Step> STEPS = List.of(Step.DECISION_TO_ASSESS, Step.DECISION_NOT_TO_ISSUE, Step.FINAL_PLAN);
    /** "A continuous period of not less than 4 weeks". */
    static final int FOUR_WEEKS_DAYS = 28;

    /** What was decided, as assessment-request-decided says it. */
    public static final String ASSESS = "ASSESS";
    public static final String NOT_TO_ASSESS = "NOT_TO_ASSESS";
    public static final String ISSUE_PLAN = "ISSUE_PLAN";
    public static final String NOT_TO_ISSUE_PLAN = "NOT_TO_ISSUE_PLAN";
    public static final String FINAL_PLAN_ISSUED = "FINAL_PLAN_ISSUED";
    public static final String WITHDRAWN = "WITHDRAWN";

    @Inject
    ReviewConfig config;

    @Inject
    Deadlines deadlines;

    @Inject
    ReviewEvents events;

    @Inject
    EnglandClock calendar;

    @Inject
    AuditLog audit;

    @Inject
    CallerScope caller;

    @Inject
    SchoolRecords records;

    // ---- creating -----------------------------------------------------------------------------------------------

    /** A request the LA has received (made by the school or by a parent): its clock starts on {@code receivedOn}. */
    public AssessmentRequest create(UUID pupilId, RequestedBy requestedBy, LocalDate receivedOn) {
        FollowedPupil pupil = FollowedPupil.findById(pupilId);
        if (pupil == null || !caller.coversSchool(pupil.trustId, pupil.schoolUrn)) {
            throw ProblemException.notFound("Pupil", pupilId);
        }
        notInFuture("receivedOn", receivedOn);
        requireNoneOpen(pupilId);
        AssessmentRequest r = newRequest(pupil.pupilId, pupil.trustId, pupil.schoolUrn, requestedBy);
        r.status = Status.RECEIVED;
        r.receivedOn = receivedOn;
        r.persist();
        receive(r, receivedOn);
        audit.record(AuditLog.CREATE, "pupil", List.of(pupilId.toString()), r.trustId, r.schoolUrn,
                "EHC needs assessment request " + r.id + " received by the LA " + receivedOn);
        return r;
    }

    /** A request the school prepares after a support review decided to ask for an assessment; no clock yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    AssessmentRequest prepare(SupportPlan plan, SupportReview review) {
        requireNoneOpen(plan.pupilId);
        AssessmentRequest r = newRequest(plan.pupilId, plan.trustId, plan.schoolUrn, RequestedBy.SCHOOL);
        r.status = Status.PREPARING;
        r.sourceReviewId = review.id;
        r.persist();
        return r;
    }

    private AssessmentRequest newRequest(UUID pupilId, String trustId, String schoolUrn, RequestedBy by) {
        AssessmentRequest r = new AssessmentRequest();
        r.id = UUID.randomUUID();
        r.pupilId = pupilId;
        r.trustId = trustId;
        r.schoolUrn = schoolUrn;
        r.requestedBy = by;
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        return r;
    }

    // ---- the steps ----------------------------------------------------------------------------------------------

    /** The LA received a request the school prepared: the 20-week clock starts. */
    public AssessmentRequest received(UUID id, LocalDate on, String ifMatch) {
        AssessmentRequest r = forChange(id, ifMatch);
        requireStatus(r, "receivedOn", Status.PREPARING);
        notInFuture("receivedOn", on);
        SupportReview source = r.sourceReviewId == null ? null : SupportReview.findById(r.sourceReviewId);
        if (source != null && source.heldOn != null && on.isBefore(source.heldOn)) {
            throw ProblemException.rule("receivedOn", "the request was prepared after the support review of "
                    + source.heldOn + ", so the LA cannot have received it before then");
        }
        receive(r, on);
        return changed(r, "received by the LA " + on);
    }

    private void receive(AssessmentRequest r, LocalDate on) {
        StatutoryClock clock = config.clock();
        r.receivedOn = on;
        r.status = Status.RECEIVED;
        deadlines.due(r.deadlineOwner(), Step.DECISION_TO_ASSESS, clock.decisionToAssessBy(on));
        deadlines.due(r.deadlineOwner(), Step.DECISION_NOT_TO_ISSUE, clock.decisionNotToIssueBy(on));
        deadlines.due(r.deadlineOwner(), Step.FINAL_PLAN, clock.finalPlanBy(on));
        events.publish(ReviewEvents.ASSESSMENT_REQUEST_RECEIVED, data(r, null, null, null, null));
    }

    /** The LA's decision whether to assess; a decision not to assess ends the request (SEN2 outcome N). */
    public AssessmentRequest decideAssessment(UUID id, boolean assess, LocalDate on, String ifMatch) {
        AssessmentRequest r = forChange(id, ifMatch);
        requireStatus(r, "assess", Status.RECEIVED);
        notInFuture("decidedOn", on);
        if (on.isBefore(r.receivedOn)) {
            throw ProblemException.rule("decidedOn", "the LA cannot decide before it received the request ("
                    + r.receivedOn + ")");
        }
        r.assess = assess;
        r.assessDecidedOn = on;
        deadlines.done(r.deadlineOwner(), Step.DECISION_TO_ASSESS, on);
        if (assess) {
            r.status = Status.ASSESSING;
            r.outcomeCode = Sen2RequestOutcome.ASSESS;
        } else {
            end(r, on, "The LA decided not to carry out an EHC needs assessment");
            r.outcomeCode = Sen2RequestOutcome.NOT_ASSESS;
        }
        events.publish(ReviewEvents.ASSESSMENT_REQUEST_DECIDED, data(r, assess ? ASSESS : NOT_TO_ASSESS, on, null,
                assess ? "The assessment goes ahead; a decision not to issue a plan is due by "
                        + config.clock().decisionNotToIssueBy(r.receivedOn) + "."
                        : "No assessment: the parent may appeal the decision."));
        return changed(r, "LA decision " + (assess ? "to assess" : "not to assess") + " on " + on);
    }

    /** After the assessment, the LA's decision whether to issue a plan; not issuing ends the request. */
    public AssessmentRequest decideIssue(UUID id, boolean issue, LocalDate on, String ifMatch) {
        AssessmentRequest r = forChange(id, ifMatch);
        requireStatus(r, "issue", Status.ASSESSING);
        notInFuture("decidedOn", on);
        if (on.isBefore(r.assessDecidedOn)) {
            throw ProblemException.rule("decidedOn", "the decision whether to issue follows the decision to assess ("
                    + r.assessDecidedOn + ")");
        }
        r.issue = issue;
        r.issueDecidedOn = on;
        deadlines.done(r.deadlineOwner(), Step.DECISION_NOT_TO_ISSUE, on);
        String note;
        if (issue) {
            r.status = Status.ISSUING;
            note = "A draft plan follows; the parent has at least 15 days to comment (until "
                    + config.clock().commentsUntil(on) + "); the final plan is due by "
                    + config.clock().finalPlanBy(r.receivedOn) + ".";
        } else {
            end(r, on, "The LA decided not to issue an EHC plan after the assessment");
            note = "No EHC plan: the parent may appeal the decision.";
        }
        events.publish(ReviewEvents.ASSESSMENT_REQUEST_DECIDED, data(r, issue ? ISSUE_PLAN : NOT_TO_ISSUE_PLAN, on,
                null, note));
        return changed(r, "LA decision " + (issue ? "to issue a plan" : "not to issue a plan") + " on " + on);
    }

    /** The final EHC plan was issued: the request is complete. The register records the plan (provision E). */
    public AssessmentRequest finalPlan(UUID id, LocalDate on, String ifMatch) {
        AssessmentRequest r = forChange(id, ifMatch);
        requireStatus(r, "finalPlanOn", Status.ISSUING);
        notInFuture("issuedOn", on);
        if (on.isBefore(r.issueDecidedOn)) {
            throw ProblemException.rule("issuedOn", "the final plan follows the decision to issue (" + r.issueDecidedOn + ")");
        }
        r.finalPlanOn = on;
        r.status = Status.COMPLETED;
        deadlines.done(r.deadlineOwner(), Step.FINAL_PLAN, on);
        events.publish(ReviewEvents.ASSESSMENT_REQUEST_DECIDED, data(r, FINAL_PLAN_ISSUED, on,
                ReviewEvents.REGISTER_OPEN_EHC_PLAN, "The final EHC plan was issued on " + on + ". The register owns "
                        + "provision: record the plan (E) there; its annual review is scheduled from the register's event."));
        return changed(r, "final EHC plan issued " + on);
    }

    /** The request was withdrawn; its open steps are cancelled. A SEN2 outcome code may be chosen from the list. */
    public AssessmentRequest withdraw(UUID id, LocalDate on, String reason, String outcomeCode, String ifMatch) {
        AssessmentRequest r = forChange(id, ifMatch);
        if (!r.status.isOpen()) {
            throw ProblemException.rule("status", "the request is already " + r.status);
        }
        notInFuture("on", on);
        if (r.receivedOn != null && on.isBefore(r.receivedOn)) {
            throw ProblemException.rule("on", "the request was received on " + r.receivedOn
                    + "; it cannot be withdrawn before then");
        }
        if (outcomeCode != null && Sen2RequestOutcome.findById(outcomeCode) == null) {
            throw ProblemException.invalid("outcomeCode", "must be one of " + Sen2RequestOutcome.<Sen2RequestOutcome> listAll()
                    .stream().map(c -> c.code).sorted().toList());
        }
        boolean announced = r.receivedOn != null;
        end(r, on, "Withdrawn: " + reason.strip());
        if (outcomeCode != null) {
            r.outcomeCode = outcomeCode;
        }
        if (announced) {
            events.publish(ReviewEvents.ASSESSMENT_REQUEST_DECIDED, data(r, WITHDRAWN, on, null, r.endedReason));
        }
        return changed(r, "withdrawn " + on);
    }

    /**
     * Records an exception to the time limits with its reason and date. The steps it names (by default every step
     * not yet done on time) are marked excepted: shown as such, never announced as missed.
     */
    public AssessmentException recordException(UUID id, AssessmentException.Kind kind, String reason,
            LocalDate recordedOn, LocalDate periodFrom, LocalDate periodTo, List<Step> steps, String ifMatch) {
        AssessmentRequest r = forChange(id, ifMatch);
        if (r.status == Status.PREPARING) {
            throw ProblemException.rule("status", "the LA has not received the request yet, so no time limit runs");
        }
        List<Violation> v = new ArrayList<>();
        if (recordedOn.isAfter(calendar.today())) {
            v.add(new Violation("recordedOn", "must not be in the future"));
        }
        if (periodFrom != null && periodTo != null && periodTo.isBefore(periodFrom)) {
            v.add(new Violation("periodTo", "must not be before periodFrom"));
        } else if (kind.needsFourWeekPeriod) {
            if (periodFrom == null || periodTo == null) {
                v.add(new Violation(periodFrom == null ? "periodFrom" : "periodTo", "a " + kind
                        + " exception needs the period (from and to) of at least 4 weeks"));
            } else if (ChronoUnit.DAYS.between(periodFrom, periodTo) + 1 < FOUR_WEEKS_DAYS) {
                v.add(new Violation("periodTo", "the period " + periodFrom + " to " + periodTo + " is shorter than "
                        + "4 weeks, so this exception does not apply"));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        if (recordedOn.isBefore(r.receivedOn)) {
            throw ProblemException.rule("recordedOn", "the request was received on " + r.receivedOn
                    + "; an exception to its time limits is recorded after that");
        }
        Set<Step> chosen = new LinkedHashSet<>();
        List<Deadline> ofRequest = deadlines.of(r.id);
        if (steps == null || steps.isEmpty()) {
            for (Step step : STEPS) {
                Deadline d = find(ofRequest, step);
                if (d != null && !d.cancelled && (d.doneOn == null || d.doneOn.isAfter(d.dueOn))) {
                    chosen.add(step);
                }
            }
            if (chosen.isEmpty()) {
                throw ProblemException.rule("steps", "every step of this request was met on time or is cancelled; "
                        + "there is nothing for an exception to apply to");
            }
        } else {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (!STEPS.contains(step)) {
                    throw ProblemException.invalid("steps[" + i + "]", "must be one of " + STEPS);
                }
                Deadline d = find(ofRequest, step);
                if (d == null || d.cancelled) {
                    throw ProblemException.rule("steps[" + i + "]", step + " no longer applies to this request");
                }
                if (d.doneOn != null && !d.doneOn.isAfter(d.dueOn)) {
                    throw ProblemException.rule("steps[" + i + "]", step + " was met on time (" + d.doneOn
                            + "); no exception is needed");
                }
                chosen.add(step);
            }
        }
        AssessmentException e = new AssessmentException();
        e.id = UUID.randomUUID();
        e.requestId = r.id;
        e.kind = kind;
        e.reason = reason.strip();
        e.recordedOn = recordedOn;
        e.periodFrom = periodFrom;
        e.periodTo = periodTo;
        e.steps = chosen.stream().map(Step::name).collect(Collectors.joining(","));
        e.recordedBy = caller.username();
        e.recordedAt = Instant.now();
        e.persist();
        chosen.forEach(step -> deadlines.except(r.deadlineOwner(), step));
        changed(r, "exception " + kind + " recorded " + recordedOn + " for " + e.steps);
        return e;
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    /**
     * A page of the requests in the caller's schools, newest first; a school, a pupil and a status (in any case)
     * narrow it. Each pupil listed is audited.
     */
    public Page<AssessmentRequest> list(String school, UUID pupil, String status, PageRequest page) {
        ScopedQuery scoped = ScopedQuery.of(caller).and("schoolUrn = :school", "school", school);
        String trust = caller.trustId();
        StringBuilder q = new StringBuilder(scoped.where());
        Parameters params = scoped.params();
        if (pupil != null) {
            q.append(" and pupilId = :pupil");
            params.and("pupil", pupil);
        }
        if (status != null) {
            try {
                params.and("status", Status.valueOf(status.toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(Status.values()));
            }
            q.append(" and status = :status");
        }
        Page<AssessmentRequest> result = Page.of(AssessmentRequest.<AssessmentRequest> find(q
                + " order by createdAt desc, id", params), page, r -> r);
        audit.record(AuditLog.LIST, "pupil", result.items().stream().map(r -> r.pupilId.toString()).toList(), trust,
                school, "assessment requests list");
        return result;
    }

    /** The request an exception was recorded for (no audit: the caller just changed it). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AssessmentRequest requestOf(AssessmentException exception) {
        return AssessmentRequest.findById(exception.requestId);
    }

    /** The SEN2 request outcome codes, by code. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Sen2RequestOutcome> outcomeCodes() {
        return Sen2RequestOutcome.<Sen2RequestOutcome> listAll().stream().sorted((a, b) -> a.code.compareTo(b.code))
                .toList();
    }

    /** The outcome code's entry, or null for none (or a code no longer listed). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Sen2RequestOutcome outcome(String code) {
        return code == null ? null : Sen2RequestOutcome.findById(code);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AssessmentRequest> openRequest(UUID pupilId) {
        // two parameters, not a list, so Hibernate keeps the query's SQL (AnnualReviewService.openReview says why)
        return AssessmentRequest.find("pupilId = ?1 and status <> ?2 and status <> ?3", pupilId, Status.COMPLETED,
                Status.ENDED).firstResultOptional();
    }

    /** A request the caller may see (404 otherwise), audited as a read of the pupil's data. */
    public AssessmentRequest visible(UUID id) {
        AssessmentRequest r = records.inScope(AssessmentRequest.class, "Assessment request", id);
        audit.record(AuditLog.READ, "pupil", r.pupilId.toString(), r.trustId, r.schoolUrn);
        return r;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AssessmentException> exceptions(UUID requestId) {
        return AssessmentException.list("requestId = ?1 order by recordedAt", requestId);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void end(AssessmentRequest r, LocalDate on, String reason) {
        r.status = Status.ENDED;
        r.endedOn = on;
        r.endedReason = reason;
        deadlines.cancelOpen(r.deadlineOwner());
    }

    private void requireNoneOpen(UUID pupilId) {
        Optional<AssessmentRequest> open = openRequest(pupilId);
        if (open.isPresent()) {
            throw ProblemException.rule("pupilId", "an EHC needs assessment request is already open for this pupil ("
                    + open.get().id + ", " + open.get().status + ")");
        }
    }

    private AssessmentRequest forChange(UUID id, String ifMatch) {
        return records.forChange(AssessmentRequest.class, "Assessment request", id, ifMatch);
    }

    private AssessmentRequest changed(AssessmentRequest r, String detail) {
        return records.changed(r, "pupil", r.pupilId, "EHC needs assessment request " + r.id + ": " + detail);
    }

    private static void requireStatus(AssessmentRequest r, String field, Status... allowed) {
        for (Status s : allowed) {
            if (r.status == s) {
                return;
            }
        }
        String hint = switch (r.status) {
            case PREPARING -> "the LA has not received the request yet; record when it did first";
            case RECEIVED -> "the LA's decision whether to assess comes first";
            case ASSESSING -> "the LA's decision whether to issue a plan comes next";
            case ISSUING -> "only the final plan is left to record";
            case COMPLETED, ENDED -> "the request is over";
        };
        throw ProblemException.rule(field, "not possible while the request is " + r.status + ": " + hint
                + " (steps go: received, decision whether to assess, decision whether to issue, final plan)");
    }

    private void notInFuture(String field, LocalDate on) {
        if (on.isAfter(calendar.today())) {
            throw ProblemException.invalid(field, "must not be in the future");
        }
    }

    private static Deadline find(List<Deadline> deadlines, Step step) {
        return deadlines.stream().filter(d -> d.step.equals(step.name())).findFirst().orElse(null);
    }

    private AssessmentRequestData data(AssessmentRequest r, String decision, LocalDate decidedOn,
            String registerAction, String note) {
        StatutoryClock clock = config.clock();
        LocalDate received = r.receivedOn;
        boolean excepted = Deadline.count("sourceId = ?1 and excepted = true", r.id) > 0;
        return new AssessmentRequestData(r.id.toString(), r.pupilId.toString(), r.trustId, r.schoolUrn,
                r.requestedBy.name(), r.status.name(), received,
                received == null ? null : nextDue(r, clock),
                received == null ? null : clock.decisionToAssessBy(received),
                received == null ? null : clock.decisionNotToIssueBy(received),
                received == null ? null : clock.finalPlanBy(received), decision, decidedOn, r.outcomeCode,
                !r.status.isOpen(), excepted, registerAction, note);
    }

    /** The date of the next statutory step for the request as it stands; the last one once it is over. */
    private static LocalDate nextDue(AssessmentRequest r, StatutoryClock clock) {
        return switch (r.status) {
            case PREPARING, RECEIVED -> clock.decisionToAssessBy(r.receivedOn);
            case ASSESSING -> clock.decisionNotToIssueBy(r.receivedOn);
            case ISSUING, COMPLETED, ENDED -> clock.finalPlanBy(r.receivedOn);
        };
    }
}
