package uk.sen.notification.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.sen.notification.domain.ReviewMeeting;
import uk.sen.notification.domain.TriggerEvent;
import uk.sen.platform.time.EnglandClock;

/** Follows review meetings from the review events: set (again), held, or the review closed. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ReviewMeetings {

    public static final String MEETING_SET = "uk.sen.review.meeting-set";
    /** The review events that change a meeting. */
    public static final Set<String> FOLLOWED = Set.of(MEETING_SET, "uk.sen.review.meeting-held",
            "uk.sen.review.review-completed", "uk.sen.review.review-closed");

    @Inject
    EnglandClock clock;

    public void follow(Trigger t, OffsetDateTime eventTime) {
        String reviewId = t.field("reviewId");
        if (reviewId == null) {
            return;
        }
        UUID id = UUID.fromString(reviewId);
        ReviewMeeting meeting = ReviewMeeting.findById(id);
        switch (t.type()) {
            case MEETING_SET -> {
                if (meeting == null) {
                    meeting = new ReviewMeeting();
                    meeting.reviewId = id;
                    meeting.sequence = 0;
                } else {
                    meeting.sequence++;
                }
                meeting.pupilId = t.pupilId();
                meeting.trustId = t.trustId();
                meeting.schoolUrn = t.schoolUrn();
                meeting.meetingDate = t.date("meetingDate");
                meeting.setOn = eventTime == null ? clock.today()
                        : eventTime.atZoneSameInstant(clock.zone()).toLocalDate();
                meeting.inviteeRoles = t.field("inviteeRoles") == null ? "" : t.field("inviteeRoles");
                meeting.status = ReviewMeeting.OPEN;
                meeting.updatedAt = Instant.now();
                meeting.persist();
            }
            case "uk.sen.review.meeting-held", "uk.sen.review.review-completed", "uk.sen.review.review-closed" -> {
                if (meeting != null && ReviewMeeting.OPEN.equals(meeting.status)) {
                    meeting.status = t.type().endsWith("review-closed") ? ReviewMeeting.CLOSED : ReviewMeeting.HELD;
                    meeting.updatedAt = Instant.now();
                }
                // a contact added from now on must not be invited to a meeting that is over or off
                TriggerEvent.delete("supersedeKey", supersedeKey(t));
            }
            default -> {
                // other review events do not change the meeting
            }
        }
    }

    /** Triggers that a later one of the same key replaces: one invitation per review, to its latest date. */
    public static String supersedeKey(Trigger t) {
        String reviewId = t.field("reviewId");
        return reviewId == null ? null : "meeting:" + reviewId;
    }
}
