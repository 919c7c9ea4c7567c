package uk.sen.workload.events;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fields of a review-service event's data that the workload service reads (tolerant reader: anything else is
 * ignored, and fields a future event lacks are null).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewEvent(String reviewId, String requestId, String cancelledReviewId, String pupilId,
        String trustId, String schoolUrn, String kind, String status, LocalDate dueBy, LocalDate meetingDate,
        LocalDate heldOn, Integer durationMinutes) {

    public static final String PREFIX = "uk.sen.review.";
    public static final String REVIEW_SCHEDULED = PREFIX + "review-scheduled";
    public static final String MEETING_SET = PREFIX + "meeting-set";
    public static final String MEETING_HELD = PREFIX + "meeting-held";
    public static final String REVIEW_COMPLETED = PREFIX + "review-completed";
    public static final String REVIEW_CLOSED = PREFIX + "review-closed";
    public static final String SUPPORT_PLAN_OPENED = PREFIX + "support-plan-opened";
    public static final String SUPPORT_REVIEW_SCHEDULED = PREFIX + "support-review-scheduled";
    public static final String SUPPORT_REVIEW_COMPLETED = PREFIX + "support-review-completed";
    public static final String SUPPORT_PLAN_CLOSED = PREFIX + "support-plan-closed";
    public static final String ASSESSMENT_REQUEST_RECEIVED = PREFIX + "assessment-request-received";
    public static final String ASSESSMENT_REQUEST_DECIDED = PREFIX + "assessment-request-decided";

    /** The id of the piece of work, from the field the kinds table names for the event. */
    public String id(String field) {
        return switch (field) {
            case "reviewId" -> reviewId;
            case "requestId" -> requestId;
            case "cancelledReviewId" -> cancelledReviewId;
            default -> throw new IllegalArgumentException("No id field " + field);
        };
    }
}
