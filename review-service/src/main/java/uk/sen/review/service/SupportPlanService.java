package uk.sen.review.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Parameters;
import uk.sen.platform.time.SchoolTerms;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.persistence.SchoolRecords;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.ScopedQuery;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.domain.AssessmentRequest;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.domain.SupportPlan;
import uk.sen.review.domain.SupportPlan.Outcome;
import uk.sen.review.domain.SupportPlan.Provision;
import uk.sen.review.domain.SupportReview;
import uk.sen.review.domain.SupportReview.NextStep;
import uk.sen.review.domain.SupportReview.Score;
import uk.sen.platform.time.TermCalendar;
import uk.sen.platform.time.TermCalendar.Term;
import uk.sen.review.events.ReviewEvents;
import uk.sen.review.events.ReviewEvents.SupportPlanData;
import uk.sen.review.events.ReviewEvents.SupportReviewData;

/**
 * SEN support (provision K): the assess-plan-do-review cycle. The register's events open and close the plan; the
 * SENCO keeps its outcomes and provision and records each review, which schedules the next one at the end of the
 * next term (one review per term, so parents are met at least three times a year). Every change is checked,
 * audited and announced in one transaction; a refused request changes nothing.
 */
@ApplicationScoped
@Transactional
public class SupportPlanService {

    static final String SYSTEM = "review-service";

    /** An outcome as the SENCO sends it: a new one has no id. */
    public record OutcomeEdit(UUID id, String outcome, String termlyGoal) {
    }

    /** One outcome's score at a review. */
    public record ScoreEdit(UUID outcomeId, int score, String comment) {
    }

    @Inject
    Deadlines deadlines;

    @Inject
    ReviewEvents events;

    @Inject
    EnglandClock calendar;

    @Inject
    SchoolTerms terms;

    @Inject
    AssessmentRequestService requests;

    @Inject
    AuditLog audit;

    @Inject
    CallerScope caller;

    @Inject
    SchoolRecords records;

    // ---- from the register ------------------------------------------------------------------------------------

    /**
     * Brings the pupil's support plan in line with their provision after a register event: K opens a plan when
     * none is open, anything else closes the open one.
     *
     * @param endedOn the day K ended, when this event ended it (the end date, or the start of the provision that
     *                replaced it)
     */
    public void followProvision(FollowedPupil pupil, String reason, LocalDate endedOn) {
        Optional<SupportPlan> open = openPlan(pupil.pupilId);
        if (!"K".equals(pupil.provision)) {
            open.ifPresent(plan -> close(plan, reason, endedOn != null ? endedOn : calendar.today()));
            return;
        }
        if (open.isEmpty()) {
            openPlan(pupil);
            return;
        }
        SupportPlan plan = open.get();
        if (!plan.schoolUrn.equals(pupil.schoolUrn) || !plan.trustId.equals(pupil.trustId)) {
            plan.schoolUrn = pupil.schoolUrn;
            plan.trustId = pupil.trustId;
            plan.updatedAt = Instant.now();
            scheduled(plan.id).ifPresent(review -> {
                review.schoolUrn = pupil.schoolUrn;
                review.trustId = pupil.trustId;
                review.updatedAt = Instant.now();
                deadlines.follow(review.deadlineOwner());
                events.publish(ReviewEvents.SUPPORT_REVIEW_SCHEDULED, reviewData(review, null, null, null, null));
            });
            audit.recordSystem(SYSTEM, AuditLog.UPDATE, "support-plan", pupil.pupilId.toString(), pupil.trustId,
                    pupil.schoolUrn, "support plan " + plan.id + " follows the pupil to school " + pupil.schoolUrn);
        }
    }

    private void openPlan(FollowedPupil pupil) {
        LocalDate today = calendar.today();
        SupportPlan plan = new SupportPlan();
        plan.id = UUID.randomUUID();
        plan.pupilId = pupil.pupilId;
        plan.trustId = pupil.trustId;
        plan.schoolUrn = pupil.schoolUrn;
        plan.status = SupportPlan.Status.OPEN;
        plan.openedOn = pupil.provisionStartDate != null ? pupil.provisionStartDate : today;
        plan.createdAt = Instant.now();
        plan.updatedAt = plan.createdAt;
        // the first review at the end of this term (of the term the support starts in, if it starts later)
        LocalDate from = plan.openedOn.isAfter(today) ? plan.openedOn : today;
        Term term = terms.of(pupil.laCode).currentOrNext(from);
        plan.reviewDate = term.end();
        plan.persist();
        SupportReview first = schedule(plan, term);
        audit.recordSystem(SYSTEM, AuditLog.CREATE, "support-plan", pupil.pupilId.toString(), plan.trustId,
                plan.schoolUrn, "support plan " + plan.id + " opened; first review due " + first.dueOn);
        events.publish(ReviewEvents.SUPPORT_PLAN_OPENED, new SupportPlanData(plan.id.toString(),
                plan.pupilId.toString(), plan.trustId, plan.schoolUrn, plan.status.name(), plan.openedOn,
                first.id.toString(), first.dueOn, first.term, null, null, null));
        events.publish(ReviewEvents.SUPPORT_REVIEW_SCHEDULED, reviewData(first, null, null, null, null));
    }

    private void close(SupportPlan plan, String reason, LocalDate closedOn) {
        Optional<SupportReview> scheduled = scheduled(plan.id);
        scheduled.ifPresent(review -> {
            review.status = SupportReview.Status.CANCELLED;
            review.updatedAt = Instant.now();
            deadlines.cancelOpen(review.deadlineOwner());
        });
        plan.status = SupportPlan.Status.CLOSED;
        plan.closedOn = closedOn;
        plan.closedReason = reason;
        plan.reviewDate = null;
        plan.updatedAt = Instant.now();
        audit.recordSystem(SYSTEM, AuditLog.UPDATE, "support-plan", plan.pupilId.toString(), plan.trustId,
                plan.schoolUrn, "support plan " + plan.id + " closed: " + reason);
        events.publish(ReviewEvents.SUPPORT_PLAN_CLOSED, new SupportPlanData(plan.id.toString(),
                plan.pupilId.toString(), plan.trustId, plan.schoolUrn, plan.status.name(), plan.openedOn, null, null,
                null, plan.closedOn, reason, scheduled.map(r -> r.id.toString()).orElse(null)));
    }

    /** A review due at the end of the term, with its deadline. */
    private SupportReview schedule(SupportPlan plan, Term term) {
        SupportReview review = new SupportReview();
        review.id = UUID.randomUUID();
        review.planId = plan.id;
        review.pupilId = plan.pupilId;
        review.trustId = plan.trustId;
        review.schoolUrn = plan.schoolUrn;
        review.status = SupportReview.Status.SCHEDULED;
        review.term = term.label();
        review.dueOn = term.end();
        review.createdAt = Instant.now();
        review.updatedAt = review.createdAt;
        review.persist();
        deadlines.due(review.deadlineOwner(), Step.SUPPORT_REVIEW, review.dueOn);
        return review;
    }

    // ---- the SENCO's changes ----------------------------------------------------------------------------------

    /**
     * Replaces the plan's outcomes and provision and, when given, moves the review date. On a plan whose support
     * was to close, a review date means support continues after all: a review is scheduled again.
     */
    public SupportPlan edit(UUID id, List<OutcomeEdit> outcomes, List<Provision> provision, LocalDate reviewDate,
            String ifMatch) {
        SupportPlan plan = forChange(id, ifMatch);
        if (plan.status == SupportPlan.Status.CLOSED) {
            throw ProblemException.rule("status", "the support plan closed on " + plan.closedOn
                    + "; it cannot be changed");
        }
        List<Violation> v = new ArrayList<>();
        Map<UUID, Outcome> existing = new HashMap<>();
        plan.outcomes.forEach(o -> existing.put(o.outcomeId, o));
        Set<UUID> seen = new HashSet<>();
        List<Outcome> next = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            OutcomeEdit o = outcomes.get(i);
            if (o.id() != null && !existing.containsKey(o.id())) {
                v.add(new Violation("outcomes[" + i + "].id", "is not an outcome of this plan; leave it out for a new one"));
            } else if (o.id() != null && !seen.add(o.id())) {
                v.add(new Violation("outcomes[" + i + "].id", "appears twice"));
            }
            next.add(new Outcome(o.id() != null ? o.id() : UUID.randomUUID(), o.outcome().strip(),
                    o.termlyGoal() == null || o.termlyGoal().isBlank() ? null : o.termlyGoal().strip()));
        }
        LocalDate today = calendar.today();
        boolean moveReview = reviewDate != null && !reviewDate.equals(plan.reviewDate);
        if (moveReview && reviewDate.isBefore(today)) {
            v.add(new Violation("reviewDate", "must not be in the past; record a held review instead"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        plan.outcomes.clear();
        plan.outcomes.addAll(next);
        plan.provision.clear();
        plan.provision.addAll(provision);
        StringBuilder detail = new StringBuilder("support plan " + plan.id + ": " + next.size() + " outcomes, "
                + provision.size() + " interventions");
        if (moveReview) {
            TermCalendar terms = termsOf(plan.pupilId);
            Term term = terms.latestStartedBy(reviewDate);
            SupportReview review;
            if (plan.status == SupportPlan.Status.CLOSE_REQUESTED) {
                plan.status = SupportPlan.Status.OPEN;
                plan.closeRequestedOn = null;
                review = schedule(plan, term);
                detail.append("; support continues");
            } else {
                review = scheduled(plan.id).orElseThrow(() -> new IllegalStateException(
                        "Open support plan " + plan.id + " has no scheduled review"));
                deadlines.due(review.deadlineOwner(), Step.SUPPORT_REVIEW, reviewDate);
            }
            review.dueOn = reviewDate;
            review.term = term.label();
            review.updatedAt = Instant.now();
            plan.reviewDate = reviewDate;
            detail.append("; review due ").append(reviewDate);
            events.publish(ReviewEvents.SUPPORT_REVIEW_SCHEDULED, reviewData(review, null, null, null, null));
        }
        return changed(plan, detail.toString());
    }

    /**
     * Records the plan's scheduled review as held: every outcome scored, the next step decided. The next review
     * is due at the end of the term after the one the review was held in, unless support is to close.
     */
    public SupportPlan review(UUID id, LocalDate heldOn, List<ScoreEdit> scores, NextStep nextStep, String ifMatch) {
        SupportPlan plan = forChange(id, ifMatch);
        if (plan.status == SupportPlan.Status.CLOSED) {
            throw ProblemException.rule("status", "the support plan closed on " + plan.closedOn
                    + "; a closed plan has no reviews");
        }
        if (plan.status == SupportPlan.Status.CLOSE_REQUESTED) {
            throw ProblemException.rule("status", "support is closing (decided at the review of "
                    + plan.closeRequestedOn + "), so no review is scheduled; set a review date to continue support");
        }
        LocalDate today = calendar.today();
        if (heldOn.isAfter(today)) {
            throw ProblemException.invalid("heldOn", "must not be in the future");
        }
        if (heldOn.isBefore(plan.openedOn)) {
            throw ProblemException.rule("heldOn", "a review follows the plan's opening (" + plan.openedOn + ")");
        }
        Optional<LocalDate> lastHeld = lastHeld(plan.id);
        if (lastHeld.isPresent() && heldOn.isBefore(lastHeld.get())) {
            throw ProblemException.rule("heldOn", "the previous review was held on " + lastHeld.get()
                    + "; reviews are recorded in order");
        }
        if (plan.outcomes.isEmpty()) {
            throw ProblemException.rule("outcomes", "the plan has no outcomes to review; record them first");
        }
        List<Violation> v = new ArrayList<>();
        Map<UUID, Outcome> outcomes = new HashMap<>();
        plan.outcomes.forEach(o -> outcomes.put(o.outcomeId, o));
        Set<UUID> scored = new HashSet<>();
        for (int i = 0; i < scores.size(); i++) {
            ScoreEdit s = scores.get(i);
            if (!outcomes.containsKey(s.outcomeId())) {
                v.add(new Violation("scores[" + i + "].outcomeId", "is not an outcome of this plan"));
            } else if (!scored.add(s.outcomeId())) {
                v.add(new Violation("scores[" + i + "].outcomeId", "is scored twice"));
            }
        }
        for (Outcome o : plan.outcomes) {
            if (!scored.contains(o.outcomeId)) {
                v.add(new Violation("scores", "outcome " + o.outcomeId + " ('" + shorten(o.outcome) + "') is not scored"));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        SupportReview review = scheduled(plan.id).orElseThrow(() -> new IllegalStateException(
                "Open support plan " + plan.id + " has no scheduled review"));
        AssessmentRequest request = null;
        if (nextStep == NextStep.REQUEST_EHC_ASSESSMENT) {
            Optional<AssessmentRequest> open = requests.openRequest(plan.pupilId);
            if (open.isPresent()) {
                throw ProblemException.rule("nextStep", "an EHC needs assessment request is already open for this pupil ("
                        + open.get().id + ", " + open.get().status + ")");
            }
        }
        review.heldOn = heldOn;
        review.nextStep = nextStep;
        review.status = SupportReview.Status.COMPLETED;
        review.scores.clear();
        for (ScoreEdit s : scores) {
            review.scores.add(new Score(s.outcomeId(), outcomes.get(s.outcomeId()).outcome, s.score(), s.comment().strip()));
        }
        review.updatedAt = Instant.now();
        deadlines.done(review.deadlineOwner(), Step.SUPPORT_REVIEW, heldOn);
        SupportReview.flush();

        SupportReview next = null;
        String registerAction = null;
        String note;
        switch (nextStep) {
            case CLOSE_SUPPORT -> {
                plan.status = SupportPlan.Status.CLOSE_REQUESTED;
                plan.closeRequestedOn = heldOn;
                plan.reviewDate = null;
                registerAction = ReviewEvents.REGISTER_END_SEN_SUPPORT;
                note = "Support should close. The register owns provision: end SEN support (K) there; "
                        + "this plan closes when the register's event arrives.";
            }
            case REQUEST_EHC_ASSESSMENT -> {
                request = requests.prepare(plan, review);
                review.assessmentRequestId = request.id;
                note = "An EHC needs assessment request is being prepared; SEN support and its termly reviews "
                        + "continue meanwhile.";
            }
            case CHANGE_PROVISION -> note = "The provision changes; the plan's provision is edited by the SENCO.";
            default -> note = "Support continues as planned.";
        }
        if (nextStep != NextStep.CLOSE_SUPPORT) {
            TermCalendar calendarOfPupil = termsOf(plan.pupilId);
            Term term = calendarOfPupil.after(calendarOfPupil.latestStartedBy(heldOn));
            next = schedule(plan, term);
            plan.reviewDate = next.dueOn;
        }
        events.publish(ReviewEvents.SUPPORT_REVIEW_COMPLETED, reviewData(review, next,
                request == null ? null : request.id.toString(), registerAction, note));
        if (next != null) {
            events.publish(ReviewEvents.SUPPORT_REVIEW_SCHEDULED, reviewData(next, null, null, null, null));
        }
        return changed(plan, "support review " + review.id + " held " + heldOn + ": " + nextStep);
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /**
     * A page of the support plans in the caller's schools, soonest review first (plans without one last); a school,
     * a pupil and a status (in any case) narrow it. Each pupil listed is audited.
     */
    public Page<SupportPlan> list(String school, UUID pupil, String status, PageRequest page) {
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
                params.and("status", SupportPlan.Status.valueOf(status.toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(SupportPlan.Status.values()));
            }
            q.append(" and status = :status");
        }
        Page<SupportPlan> result = Page.of(SupportPlan.<SupportPlan> find(q + " order by reviewDate nulls last, id",
                params), page, p -> p);
        audit.record(AuditLog.LIST, "pupil", result.items().stream().map(p -> p.pupilId.toString()).toList(), trust,
                school, "support plans list");
        return result;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SupportPlan> openPlan(UUID pupilId) {
        return SupportPlan.find("pupilId = ?1 and status <> ?2", pupilId, SupportPlan.Status.CLOSED)
                .firstResultOptional();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SupportReview> scheduled(UUID planId) {
        return SupportReview.find("planId = ?1 and status = ?2", planId, SupportReview.Status.SCHEDULED)
                .firstResultOptional();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SupportReview> reviewsOf(UUID planId) {
        return SupportReview.list("planId = ?1 order by dueOn, createdAt", planId);
    }

    /** A plan the caller may see (404 otherwise), audited as a read of the pupil's data. */
    public SupportPlan visible(UUID id) {
        SupportPlan plan = records.inScope(SupportPlan.class, "Support plan", id);
        audit.record(AuditLog.READ, "pupil", plan.pupilId.toString(), plan.trustId, plan.schoolUrn);
        return plan;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private Optional<LocalDate> lastHeld(UUID planId) {
        return SupportReview.<SupportReview> find("planId = ?1 and heldOn is not null order by heldOn desc", planId)
                .firstResultOptional().map(r -> r.heldOn);
    }

    private TermCalendar termsOf(UUID pupilId) {
        FollowedPupil pupil = FollowedPupil.findById(pupilId);
        return terms.of(pupil == null ? null : pupil.laCode);
    }

    private SupportPlan forChange(UUID id, String ifMatch) {
        return records.forChange(SupportPlan.class, "Support plan", id, ifMatch);
    }

    private SupportPlan changed(SupportPlan plan, String detail) {
        return records.changed(plan, "pupil", plan.pupilId, detail);
    }

    private static SupportReviewData reviewData(SupportReview r, SupportReview next, String requestId,
            String registerAction, String note) {
        return new SupportReviewData(r.id.toString(), r.planId.toString(), r.pupilId.toString(), r.trustId,
                r.schoolUrn, "SUPPORT", r.status.name(), r.term, r.dueOn, r.heldOn,
                r.status == SupportReview.Status.COMPLETED ? r.scores.size() : null,
                r.nextStep == null ? null : r.nextStep.name(), next == null ? null : next.id.toString(),
                next == null ? null : next.dueOn, requestId, registerAction, note);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
