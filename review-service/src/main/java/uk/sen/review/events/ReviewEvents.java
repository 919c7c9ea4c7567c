package uk.sen.review.events;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import uk.sen.platform.outbox.OutboxWriter;
import uk.sen.review.domain.AnnualReview;

/**
 * The review service's integration events on {@code sen.review.v1}, through the outbox. Each is self-contained for
 * notification-service and workload-service: no call back needed, and no names of the child.
 */
@ApplicationScoped
public class ReviewEvents {

    public static final String PREFIX = "uk.sen.review.";
    public static final String REVIEW_SCHEDULED = PREFIX + "review-scheduled";
    /**
     * A review already overdue when the service learned of it (a pupil joining with an EHC plan whose dates the
     * register does not have): one summary for the SENCO instead of a missed-deadline alert per step.
     */
    public static final String OVERDUE_ON_ARRIVAL = PREFIX + "overdue-on-arrival";
    public static final String MEETING_SET = PREFIX + "meeting-set";
    public static final String MEETING_HELD = PREFIX + "meeting-held";
    public static final String REVIEW_COMPLETED = PREFIX + "review-completed";
    public static final String REVIEW_CLOSED = PREFIX + "review-closed";
    public static final String DEADLINE_APPROACHING = PREFIX + "deadline-approaching";
    public static final String DEADLINE_MISSED = PREFIX + "deadline-missed";
    public static final String SUPPORT_PLAN_OPENED = PREFIX + "support-plan-opened";
    public static final String SUPPORT_REVIEW_SCHEDULED = PREFIX + "support-review-scheduled";
    public static final String SUPPORT_REVIEW_COMPLETED = PREFIX + "support-review-completed";
    public static final String SUPPORT_PLAN_CLOSED = PREFIX + "support-plan-closed";
    public static final String ASSESSMENT_REQUEST_RECEIVED = PREFIX + "assessment-request-received";
    public static final String ASSESSMENT_REQUEST_DECIDED = PREFIX + "assessment-request-decided";
    public static final String CONTRIBUTION_REQUESTED = PREFIX + "contribution-requested";
    public static final String CONTRIBUTION_REMINDER = PREFIX + "contribution-reminder";
    public static final String CONTRIBUTION_RECEIVED = PREFIX + "contribution-received";

    /** What a review asks of the register, which alone changes a pupil's provision. */
    public static final String REGISTER_END_SEN_SUPPORT = "END_SEN_SUPPORT";
    public static final String REGISTER_OPEN_EHC_PLAN = "OPEN_EHC_PLAN";

    public record InviteeData(String role, String name) {
    }

    public record ReviewData(String reviewId, String pupilId, String trustId, String schoolUrn, String kind,
            String transfer, String status, LocalDate dueBy, LocalDate planBy, LocalDate meetingDate,
            List<InviteeData> invitees, LocalDate heldOn, Integer durationMinutes, String decision,
            String nextStep, String closedReason) {
    }

    public record DeadlineData(String deadlineId, String pupilId, String trustId, String schoolUrn, String sourceType,
            String sourceId, String step, boolean statutory, LocalDate dueOn, String threshold, long daysLeft) {
    }

    /** support-plan-opened and support-plan-closed: the plan and, when opened, its first review. */
    public record SupportPlanData(String planId, String pupilId, String trustId, String schoolUrn, String status,
            LocalDate openedOn, String reviewId, LocalDate dueBy, String term, LocalDate closedOn, String closedReason,
            String cancelledReviewId) {
    }

    /**
     * support-review-scheduled and support-review-completed. No outcome wording or comments: only how many
     * outcomes were scored, so nothing about the child travels beyond the ids.
     */
    public record SupportReviewData(String reviewId, String planId, String pupilId, String trustId, String schoolUrn,
            String kind, String status, String term, LocalDate dueBy, LocalDate heldOn, Integer outcomesScored,
            String nextStep, String nextReviewId, LocalDate nextReviewDueBy, String assessmentRequestId,
            String registerAction, String note) {
    }

    /** assessment-request-received and assessment-request-decided. */
    public record AssessmentRequestData(String requestId, String pupilId, String trustId, String schoolUrn,
            String requestedBy, String status, LocalDate receivedOn, LocalDate dueBy, LocalDate decisionToAssessBy,
            LocalDate decisionNotToIssueBy, LocalDate finalPlanBy, String decision, LocalDate decidedOn,
            String outcomeCode, boolean ended, boolean exceptionApplies, String registerAction, String note) {
    }

    /**
     * contribution-requested, contribution-reminder and contribution-received: who is asked (a teacher, the parents,
     * a kind of agency), by when, for which meeting. No teacher's account, no contact, nothing of what was written:
     * notification-service finds the parents or agency contacts itself and mints each one's link.
     */
    public record ContributionData(String requestId, String reviewKind, String reviewId, String pupilId, String trustId,
            String schoolUrn, String contributor, String agency, LocalDate dueOn, LocalDate meetingDate,
            LocalDate receivedOn) {
    }

    @Inject
    OutboxWriter outbox;

    @ConfigProperty(name = "sen.topics.review")
    String topic;

    public void publish(String type, AnnualReview r, Integer durationMinutes, String nextStep) {
        List<InviteeData> invitees = r.invitees.stream()
                .map(i -> new InviteeData(i.role.name(), i.name)).toList();
        ReviewData data = new ReviewData(r.id.toString(), r.pupilId.toString(), r.trustId, r.schoolUrn,
                r.kind.name(), r.transfer == null ? null : r.transfer.name(), r.status.name(), r.dueBy, r.planBy,
                r.meetingDate, invitees, r.heldOn, durationMinutes, r.laDecision == null ? null : r.laDecision.name(),
                nextStep, r.closedReason);
        outbox.publish(topic, type, r.pupilId.toString(), r.trustId, r.schoolUrn, data);
    }

    public void publish(String type, DeadlineData data) {
        outbox.publish(topic, type, data.pupilId(), data.trustId(), data.schoolUrn(), data);
    }

    public void publish(String type, SupportPlanData data) {
        outbox.publish(topic, type, data.pupilId(), data.trustId(), data.schoolUrn(), data);
    }

    public void publish(String type, SupportReviewData data) {
        outbox.publish(topic, type, data.pupilId(), data.trustId(), data.schoolUrn(), data);
    }

    public void publish(String type, ContributionData data) {
        outbox.publish(topic, type, data.pupilId(), data.trustId(), data.schoolUrn(), data);
    }

    public void publish(String type, AssessmentRequestData data) {
        outbox.publish(topic, type, data.pupilId(), data.trustId(), data.schoolUrn(), data);
    }
}
