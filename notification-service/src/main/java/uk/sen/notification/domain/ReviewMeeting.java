package uk.sen.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A review meeting as the review events describe it, for the reminders before it. */
@Entity
@Table(name = "review_meeting")
public class ReviewMeeting extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String HELD = "HELD";
    public static final String CLOSED = "CLOSED";

    @Id
    public UUID reviewId;
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    public LocalDate meetingDate;
    /** When the meeting was set (the event's time): reminders whose day came before it are not sent. */
    public LocalDate setOn;
    /** Comma-separated invitee roles of the last meeting-set. */
    public String inviteeRoles;
    /** iCalendar SEQUENCE: 0 for the first invitation, one more each time the meeting is set again. */
    public int sequence;
    public String status;
    public Instant updatedAt;
}
