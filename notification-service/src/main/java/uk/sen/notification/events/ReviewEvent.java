package uk.sen.notification.events;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The fields of review events the notification service reads (tolerant reader): review events carry reviewId and
 * the meeting and the review's due date (dueBy); deadline events carry deadlineId, step, dueOn and threshold;
 * contribution events carry requestId, who is asked (contributor PARENT, AGENCY or TEACHER, and for an agency which
 * one, by the names of {@code domain/Agency}), dueOn, meetingDate, and reviewKind: ANNUAL (an EHC plan's annual
 * review; also when absent, as in the events sent before it was added) or SUPPORT (a SEN support review, whose id
 * is then reviewId and whose planned day is meetingDate).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReviewEvent(String reviewId, String pupilId, String trustId, String schoolUrn, String kind,
        String status, LocalDate meetingDate, List<Invitee> invitees, LocalDate heldOn, String decision,
        String deadlineId, String sourceType, String sourceId, String step, Boolean statutory, LocalDate dueOn,
        String threshold, Long daysLeft, LocalDate dueBy, String requestId, String contributor, String agency,
        String reviewKind) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Invitee(String role, String name) {
    }
}
