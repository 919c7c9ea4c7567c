package uk.sen.review.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import uk.sen.review.domain.AnnualReview;
import uk.sen.review.domain.AnnualReview.Decision;
import uk.sen.review.domain.AnnualReview.Invitee;
import uk.sen.review.domain.AnnualReview.InviteeRole;
import uk.sen.review.domain.AnnualReview.Kind;
import uk.sen.review.domain.AnnualReview.Status;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.events.ReviewEvents;

/**
 * EHC plan reviews: scheduled from the register's events, then taken through their statutory steps by the SENCO.
 * Each step checks the order and the timescales, records its deadline, is audited and announced in one transaction.
 */
@ApplicationScoped
@Transactional
public class AnnualReviewService {

    /** Who must be invited to every annual review (CoP 9.168); more may be added. */
    public static final Set<InviteeRole> REQUIRED_INVITEES = EnumSet.of(InviteeRole.PARENT_OR_YOUNG_PERSON,
            InviteeRole.HEAD, InviteeRole.LA_SEN_OFFICER, InviteeRole.HEALTH, InviteeRole.SOCIAL_CARE);

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

    @Inject
    Contributions contributions;

    // ---- from the register -------------------------------------------------------------------------------------

    /** Brings the pupil's reviews in line with their provision after a register event was applied. */
    public void followProvision(FollowedPupil pupil, String changeReason) {
        Optional<AnnualReview> open = openReview(pupil.pupilId);
        if (!"E".equals(pupil.provision)) {
            open.ifPresent(r -> close(r, changeReason));
            return;
        }
        if (open.isEmpty()) {
            LocalDate reference = pupil.planIssueDate != null ? pupil.planIssueDate : pupil.provisionStartDate;
            if (reference != null) {
                schedule(pupil, reference);
            }
            return;
        }
        AnnualReview review = open.get();
        boolean moved = !review.schoolUrn.equals(pupil.schoolUrn);
        review.schoolUrn = pupil.schoolUrn;
        if (moved) {
            // every step's deadline moves with the pupil, so the new school's SENCO sees them
            deadlines.follow(review);
        }
        if (review.status == Status.SCHEDULED) {
            Kind before = review.kind;
            LocalDate dueBefore = review.dueBy;
            plan(review, pupil);
            if (moved || before != review.kind || !dueBefore.equals(review.dueBy)) {
                events.publish(ReviewEvents.REVIEW_SCHEDULED, review, null, null);
            }
        }
    }

    private AnnualReview schedule(FollowedPupil pupil, LocalDate reference) {
        AnnualReview review = new AnnualReview();
        review.id = UUID.randomUUID();
        review.pupilId = pupil.pupilId;
        review.trustId = pupil.trustId;
        review.schoolUrn = pupil.schoolUrn;
        review.status = Status.SCHEDULED;
        review.referenceDate = reference;
        review.createdAt = Instant.now();
        plan(review, pupil);
        review.persist();
        deadlines.due(review, Step.REVIEW_MEETING, review.dueBy);
        if (review.planBy != null) {
            deadlines.due(review, Step.PHASE_TRANSFER_PLAN, review.planBy);
        }
        audit.recordSystem("review-service", AuditLog.CREATE, "annual-review", review.pupilId.toString(),
                review.trustId, review.schoolUrn, "scheduled " + review.kind + " review due by " + review.dueBy);
        events.publish(ReviewEvents.REVIEW_SCHEDULED, review, null, null);
        // overdue already (a pupil who joins with an EHC plan whose issue and review dates the register lacks): one
        // summary asking the SENCO to record the real dates, not an alert per step within seconds of the import
        if (deadlines.pastOnArrival(review, calendar.today()) > 0) {
            events.publish(ReviewEvents.OVERDUE_ON_ARRIVAL, review, null, null);
        }
        return review;
    }

    /** The due date: 12 months (or the under-5 interval); earlier when a phase transfer needs the plan sooner. */
    private void plan(AnnualReview review, FollowedPupil pupil) {
        StatutoryClock clock = config.clock();
        LocalDate today = calendar.today();
        LocalDate due = clock.reviewDueBy(review.referenceDate, pupil.dateOfBirth);
        StatutoryClock.Transfer transfer = StatutoryClock.transferAtEndOfYear(pupil.schoolPhase,
                pupil.schoolHighestAge, pupil.ncYear);
        review.kind = Kind.ANNUAL;
        review.transfer = null;
        review.planBy = null;
        if (transfer != null) {
            LocalDate planBy = clock.phaseTransferPlanBy(transfer, today);
            LocalDate meetingBy = clock.phaseTransferMeetingBy(planBy);
            review.kind = Kind.PHASE_TRANSFER;
            review.transfer = transfer;
            review.planBy = planBy;
            if (meetingBy.isBefore(due)) {
                due = meetingBy;
            }
        }
        review.dueBy = due;
        review.updatedAt = Instant.now();
        if (review.id != null && AnnualReview.findById(review.id) != null) {
            deadlines.due(review, Step.REVIEW_MEETING, review.dueBy);
            if (review.planBy != null) {
                deadlines.due(review, Step.PHASE_TRANSFER_PLAN, review.planBy);
            } else {
                deadlines.cancel(review, Step.PHASE_TRANSFER_PLAN);
            }
        }
    }

    private void close(AnnualReview review, String reason) {
        review.status = Status.CLOSED;
        review.closedReason = reason;
        review.updatedAt = Instant.now();
        deadlines.cancelOpen(review);
        audit.recordSystem("review-service", AuditLog.UPDATE, "annual-review", review.pupilId.toString(),
                review.trustId, review.schoolUrn, "closed: " + reason);
        events.publish(ReviewEvents.REVIEW_CLOSED, review, null, null);
    }

    // ---- the SENCO's steps -----------------------------------------------------------------------------------

    public AnnualReview setMeeting(UUID id, LocalDate meeting, List<Invitee> invitees, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "meetingDate", Status.SCHEDULED, Status.MEETING_SET);
        List<Violation> v = new ArrayList<>();
        if (meeting.isBefore(calendar.today()) && r.status == Status.SCHEDULED) {
            v.add(new Violation("meetingDate", "must not be in the past; record a meeting already held with "
                    + "POST /api/v1/reviews/{id}/held, its invitees and the day the invitations went out"));
        }
        if (r.invitationsSentOn != null && meeting.isBefore(r.invitationsSentOn.plusWeeks(2))) {
            v.add(new Violation("meetingDate", "must be at least 2 weeks after the invitations went out ("
                    + r.invitationsSentOn + "), so not before " + r.invitationsSentOn.plusWeeks(2)));
        }
        requireInvitees(invitees, v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        meetingOn(r, meeting, invitees);
        return changed(r, ReviewEvents.MEETING_SET, null, "meeting set for " + meeting);
    }

    private static void requireInvitees(List<Invitee> invitees, List<Violation> v) {
        Set<InviteeRole> present = EnumSet.noneOf(InviteeRole.class);
        invitees.forEach(i -> present.add(i.role));
        for (InviteeRole required : REQUIRED_INVITEES) {
            if (!present.contains(required)) {
                v.add(new Violation("invitees", required + " must be invited to an annual review"));
            }
        }
    }

    /** The meeting's date and invitees, and the deadlines that count back from it (invitations, advice). */
    private void meetingOn(AnnualReview r, LocalDate meeting, List<Invitee> invitees) {
        r.meetingDate = meeting;
        r.invitees.clear();
        r.invitees.addAll(invitees);
        r.status = Status.MEETING_SET;
        StatutoryClock clock = config.clock();
        deadlines.due(r, Step.INVITATIONS, clock.invitationsBy(meeting));
        deadlines.due(r, Step.ADVICE, clock.adviceBy(meeting));
    }

    /**
     * When the pupil's EHC plan was issued and, if it has been, last reviewed (a pupil who joined from another
     * school: a CTF carries neither): the next review counts from the later, and its deadlines move with it.
     */
    public AnnualReview setReference(UUID id, LocalDate planIssuedOn, LocalDate lastReviewedOn, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "lastReviewedOn", Status.SCHEDULED);
        if (planIssuedOn == null && lastReviewedOn == null) {
            throw ProblemException.invalid("planIssuedOn",
                    "give the day the plan was issued, the day it was last reviewed, or both");
        }
        if (planIssuedOn != null) {
            notInFuture("planIssuedOn", planIssuedOn);
        }
        if (lastReviewedOn != null) {
            notInFuture("lastReviewedOn", lastReviewedOn);
        }
        if (planIssuedOn != null && lastReviewedOn != null && lastReviewedOn.isBefore(planIssuedOn)) {
            throw ProblemException.invalid("lastReviewedOn",
                    "must not be before the plan was issued (" + planIssuedOn + ")");
        }
        FollowedPupil pupil = FollowedPupil.findById(r.pupilId);
        r.referenceDate = lastReviewedOn != null ? lastReviewedOn : planIssuedOn;
        plan(r, pupil); // moves the review's deadlines with it
        return changed(r, ReviewEvents.REVIEW_SCHEDULED, null, "dates recorded: plan issued " + planIssuedOn
                + ", last reviewed " + lastReviewedOn + "; next review due by " + r.dueBy);
    }

    public AnnualReview invitationsSent(UUID id, LocalDate on, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "invitationsSentOn", Status.MEETING_SET);
        notInFuture("sentOn", on);
        if (on.isAfter(config.clock().invitationsBy(r.meetingDate))) {
            throw ProblemException.rule("sentOn", "invitations must go out at least 2 weeks before the meeting ("
                    + r.meetingDate + "), so by " + config.clock().invitationsBy(r.meetingDate)
                    + "; move the meeting first");
        }
        r.invitationsSentOn = on;
        deadlines.done(r, Step.INVITATIONS, on);
        return changed(r, null, null, "invitations sent " + on);
    }

    /** The advice circulated on {@code on}, with the contributions to the review that went with it. */
    public AnnualReview adviceCirculated(UUID id, LocalDate on, List<UUID> shared, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "adviceCirculatedOn", Status.MEETING_SET);
        notInFuture("circulatedOn", on);
        List<UUID> contributed = contributions.circulate(r, shared, on);
        r.adviceCirculatedOn = on;
        deadlines.done(r, Step.ADVICE, on);
        return changed(r, null, null, "advice circulated " + on
                + (contributed.isEmpty() ? "" : " with contributions " + contributed));
    }

    /**
     * A meeting as held. For a review whose meeting was set, the invitations must have been recorded, at least 2 weeks
     * before. For a meeting already held that was never set (the SENCO recording the year so far, or last week's
     * meeting), one request records it all ({@link HeldMeeting#backFilled}): the invitees, the day the invitations
     * went out and, if known, the advice; every step's deadline counts from the real meeting date, and a step done
     * after its deadline shows late rather than being refused. Nothing is announced as a meeting to come.
     */
    public AnnualReview held(UUID id, HeldMeeting held, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "on", Status.SCHEDULED, Status.MEETING_SET);
        LocalDate on = held.on();
        notInFuture("on", on);
        if (r.status == Status.SCHEDULED || held.backFilled()) {
            recordMeetingHeld(r, held);
        } else if (r.invitationsSentOn == null) {
            throw ProblemException.rule("on", "record the invitations before the meeting is held");
        } else if (on.isBefore(r.invitationsSentOn.plusWeeks(2))) {
            throw ProblemException.rule("on", "the meeting must be at least 2 weeks after the invitations ("
                    + r.invitationsSentOn + ")");
        }
        r.heldOn = on;
        r.attendees = held.attendees() == null ? null : String.join("; ", held.attendees());
        r.status = Status.HELD;
        StatutoryClock clock = config.clock();
        deadlines.done(r, Step.REVIEW_MEETING, on);
        deadlines.due(r, Step.REPORT, clock.reportBy(on));
        deadlines.due(r, Step.LA_DECISION, clock.laDecisionBy(on));
        deadlines.due(r, Step.FINAL_AMENDED_PLAN, clock.finalAmendedPlanBy(on, null));
        return changed(r, ReviewEvents.MEETING_HELD, held.durationMinutes(), "meeting held " + on
                + (held.backFilled() ? " (recorded afterwards)" : ""));
    }

    /** The meeting held, its invitees, invitations and advice recorded in one step, for a meeting never set. */
    private void recordMeetingHeld(AnnualReview r, HeldMeeting held) {
        List<Violation> v = new ArrayList<>();
        if (r.status != Status.SCHEDULED) {
            v.add(new Violation("invitees", "the meeting is already set: record the invitations and advice as "
                    + "their own steps, then the meeting held without them"));
        } else if (held.invitees() == null || held.invitees().isEmpty()) {
            v.add(new Violation("invitees", "the meeting was never set: say who was invited (CoP 9.168)"));
        } else {
            requireInvitees(held.invitees(), v);
        }
        if (held.invitationsSentOn() == null) {
            v.add(new Violation("invitationsSentOn", "the meeting was never set: say when the invitations went out"));
        } else if (held.invitationsSentOn().isAfter(held.on())) {
            v.add(new Violation("invitationsSentOn", "must not be after the meeting (" + held.on() + ")"));
        }
        if (held.adviceCirculatedOn() != null && held.adviceCirculatedOn().isAfter(held.on())) {
            v.add(new Violation("adviceCirculatedOn", "must not be after the meeting (" + held.on() + ")"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        meetingOn(r, held.on(), held.invitees());
        r.invitationsSentOn = held.invitationsSentOn();
        deadlines.done(r, Step.INVITATIONS, r.invitationsSentOn);
        if (held.adviceCirculatedOn() != null) {
            r.adviceCirculatedOn = held.adviceCirculatedOn();
            deadlines.done(r, Step.ADVICE, r.adviceCirculatedOn);
        }
    }

    /**
     * A review meeting as held: the day, who attended, how long it took; and, for a meeting that was never set,
     * who was invited, when the invitations went out and when the advice was circulated (if it was).
     */
    public record HeldMeeting(LocalDate on, List<String> attendees, Integer durationMinutes, List<Invitee> invitees,
            LocalDate invitationsSentOn, LocalDate adviceCirculatedOn) {

        boolean backFilled() {
            return invitees != null || invitationsSentOn != null || adviceCirculatedOn != null;
        }
    }

    public AnnualReview reportSent(UUID id, LocalDate on, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "reportSentOn", Status.HELD, Status.AWAITING_FINAL_PLAN);
        notInFuture("sentOn", on);
        if (on.isBefore(r.heldOn)) {
            throw ProblemException.rule("sentOn", "the report follows the meeting (" + r.heldOn + ")");
        }
        r.reportSentOn = on;
        deadlines.done(r, Step.REPORT, on);
        completeIfDone(r);
        return changed(r, null, null, "report sent " + on);
    }

    public AnnualReview laDecision(UUID id, Decision decision, LocalDate on, LocalDate amendmentNotice, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "decision", Status.HELD);
        notInFuture("decidedOn", on);
        if (on.isBefore(r.heldOn)) {
            throw ProblemException.rule("decidedOn", "the LA decides after the meeting (" + r.heldOn + ")");
        }
        if (decision == Decision.AMEND && amendmentNotice == null) {
            throw ProblemException.invalid("amendmentNoticeOn", "an amendment decision needs the date of the notice");
        }
        if (decision != Decision.AMEND && amendmentNotice != null) {
            throw ProblemException.invalid("amendmentNoticeOn", "only an amendment decision has a notice");
        }
        r.laDecision = decision;
        r.laDecisionOn = on;
        r.amendmentNoticeOn = amendmentNotice;
        deadlines.done(r, Step.LA_DECISION, on);
        if (decision == Decision.AMEND) {
            r.status = Status.AWAITING_FINAL_PLAN;
            deadlines.due(r, Step.FINAL_AMENDED_PLAN, config.clock().finalAmendedPlanBy(r.heldOn, amendmentNotice));
        } else {
            deadlines.cancel(r, Step.FINAL_AMENDED_PLAN);
        }
        completeIfDone(r);
        return changed(r, null, null, "LA decision " + decision + " on " + on);
    }

    public AnnualReview finalPlan(UUID id, LocalDate on, String ifMatch) {
        AnnualReview r = forChange(id, ifMatch);
        requireStatus(r, "finalPlanOn", Status.AWAITING_FINAL_PLAN);
        notInFuture("issuedOn", on);
        if (on.isBefore(r.amendmentNoticeOn)) {
            throw ProblemException.rule("issuedOn", "the final plan follows the amendment notice (" + r.amendmentNoticeOn + ")");
        }
        r.finalPlanOn = on;
        deadlines.done(r, Step.FINAL_AMENDED_PLAN, on);
        deadlines.done(r, Step.PHASE_TRANSFER_PLAN, on);
        completeIfDone(r);
        return changed(r, null, null, "final amended plan issued " + on);
    }

    /**
     * A review is complete when the report is sent and the LA has decided (and, for an amendment, the final plan is
     * issued). A maintained or amended plan gets its next review, due 12 months from this meeting.
     */
    private void completeIfDone(AnnualReview r) {
        boolean decided = r.laDecision != null && (r.laDecision != Decision.AMEND || r.finalPlanOn != null);
        if (r.reportSentOn == null || !decided) {
            return;
        }
        r.status = Status.COMPLETED;
        String nextStep = switch (r.laDecision) {
            case CEASE -> "plan ceases";
            case MAINTAIN -> "plan maintained";
            case AMEND -> "plan amended";
        };
        events.publish(ReviewEvents.REVIEW_COMPLETED, r, null, nextStep);
        AnnualReview.flush();
        if (r.laDecision != Decision.CEASE) {
            FollowedPupil pupil = FollowedPupil.findById(r.pupilId);
            if (pupil != null && "E".equals(pupil.provision)) {
                schedule(pupil, r.heldOn);
            }
        }
    }

    // ---- reads ---------------------------------------------------------------------------------------------

    /**
     * A page of the reviews in the caller's schools, soonest due first; a school, a status (in any case), a pupil and
     * a due date narrow it. Each pupil listed is audited.
     */
    @Transactional
    public Page<AnnualReview> list(String school, String status, UUID pupil, LocalDate dueBefore, PageRequest page) {
        ScopedQuery scoped = ScopedQuery.of(caller).and("schoolUrn = :school", "school", school);
        String trust = caller.trustId();
        StringBuilder q = new StringBuilder(scoped.where());
        Parameters params = scoped.params();
        if (status != null) {
            try {
                params.and("status", Status.valueOf(status.toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(Status.values()));
            }
            q.append(" and status = :status");
        }
        if (pupil != null) {
            q.append(" and pupilId = :pupil");
            params.and("pupil", pupil);
        }
        if (dueBefore != null) {
            q.append(" and dueBy < :dueBefore");
            params.and("dueBefore", dueBefore);
        }
        Page<AnnualReview> result = Page.of(AnnualReview.<AnnualReview> find(q + " order by dueBy, id", params), page,
                r -> r);
        audit.record(AuditLog.LIST, "pupil", result.items().stream().map(r -> r.pupilId.toString()).toList(), trust,
                school, "reviews list");
        return result;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AnnualReview> openReview(UUID pupilId) {
        // two parameters, not a list: Hibernate translates a query with a list parameter to SQL again on every call
        // (18% of review-service's CPU on register events, found by profiling the benchmark)
        return AnnualReview.find("pupilId = ?1 and status <> ?2 and status <> ?3", pupilId, Status.COMPLETED,
                Status.CLOSED).firstResultOptional();
    }

    /** A review the caller may see (404 otherwise), audited as a read of the pupil's data. */
    @Transactional
    public AnnualReview visible(UUID id) {
        AnnualReview r = records.inScope(AnnualReview.class, "Review", id);
        audit.record(AuditLog.READ, "pupil", r.pupilId.toString(), r.trustId, r.schoolUrn);
        return r;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private AnnualReview forChange(UUID id, String ifMatch) {
        return records.forChange(AnnualReview.class, "Review", id, ifMatch);
    }

    private AnnualReview changed(AnnualReview r, String eventType, Integer durationMinutes, String detail) {
        records.changed(r, "pupil", r.pupilId, "annual review " + r.id + ": " + detail);
        if (eventType != null) {
            events.publish(eventType, r, durationMinutes, null);
        }
        return r;
    }

    private static void requireStatus(AnnualReview r, String field, Status... allowed) {
        for (Status s : allowed) {
            if (r.status == s) {
                return;
            }
        }
        throw ProblemException.rule(field, "not possible while the review is " + r.status
                + " (steps go: meeting set, invitations, meeting held, report, LA decision, final plan)");
    }

    private void notInFuture(String field, LocalDate on) {
        if (on.isAfter(calendar.today())) {
            throw ProblemException.invalid(field, "must not be in the future");
        }
    }
}
