package uk.sen.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One message to one recipient by one channel, and everything that happened to it: the delivery log. */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    /** The channel of a message that found no way to reach its recipient. */
    public static final String NO_CHANNEL = "NONE";

    @Id
    public UUID id;
    /** The event id, or reminder:/resend: key, that caused it; unique with the recipient and channel. */
    public String triggerId;
    public String triggerType;
    public String ruleId;
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    public RecipientKind recipientKind;
    public UUID recipientId;
    public String recipientName;
    @Enumerated(EnumType.STRING)
    public Agency agency;
    /** EMAIL, SMS, or NONE when no channel could reach the recipient. */
    public String channel;
    public String address;
    public String provider;
    public String templateKey;
    public String subject;
    public String body;
    /** The template's values as JSON: what GOV.UK Notify receives as personalisation. */
    public String personalisation;
    /** The iCalendar attachment, for meeting invitations by email. */
    public String calendar;
    @Enumerated(EnumType.STRING)
    public MessageStatus status;
    /** Why it failed or was suppressed, as a code (also in the events) and in words (only here). */
    public String reasonCode;
    public String statusReason;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant claimedAt;
    public Instant sentAt;
    public String providerRef;
    public String providerStatus;
    public UUID resendOf;
    public String requestedBy;
    public Instant createdAt;
    public Instant updatedAt;
    /** The trace of what caused the message (W3C traceparent), so its sending joins that trace; null untraced. */
    public String traceparent;
}
