package uk.sen.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
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
    @Column(name = "trigger_id")
    public String triggerId;
    @Column(name = "trigger_type")
    public String triggerType;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_kind")
    public RecipientKind recipientKind;
    @Column(name = "recipient_id")
    public UUID recipientId;
    @Column(name = "recipient_name")
    public String recipientName;
    @Enumerated(EnumType.STRING)
    public Agency agency;
    /** EMAIL, SMS, or NONE when no channel could reach the recipient. */
    public String channel;
    public String address;
    public String provider;
    @Column(name = "template_key")
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
    @Column(name = "reason_code")
    public String reasonCode;
    @Column(name = "status_reason")
    public String statusReason;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "claimed_at")
    public Instant claimedAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "provider_ref")
    public String providerRef;
    @Column(name = "provider_status")
    public String providerStatus;
    @Column(name = "resend_of")
    public UUID resendOf;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
