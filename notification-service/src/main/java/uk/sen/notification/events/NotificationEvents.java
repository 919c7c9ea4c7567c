package uk.sen.notification.events;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageStatus;
import uk.sen.platform.outbox.OutboxWriter;

/**
 * The notification service's events on {@code sen.notification.v1}, through the outbox in the transaction that
 * changes the message. They carry ids, the channel and the kind of recipient: never a name, address or content.
 * Schemas: {@code src/main/resources/events/}.
 */
@ApplicationScoped
public class NotificationEvents {

    public static final String PREFIX = "uk.sen.notification.";
    public static final String MESSAGE_DELIVERED = PREFIX + "message-delivered";
    public static final String MESSAGE_FAILED = PREFIX + "message-failed";
    public static final String MESSAGE_SUPPRESSED = PREFIX + "message-suppressed";

    public record MessageData(String messageId, String triggerId, String triggerType, String ruleId, String pupilId,
            String trustId, String schoolUrn, String recipientKind, String agency, String channel, String provider,
            String status, String reasonCode, int attempts, String resendOf, Instant occurredAt) {
    }

    @Inject
    OutboxWriter outbox;

    @ConfigProperty(name = "sen.topics.notification")
    String topic;

    /** Announces the message's current outcome: delivered, failed (or unconfirmed) or suppressed. */
    public void announce(Message m) {
        String type = switch (m.status) {
            case DELIVERED -> MESSAGE_DELIVERED;
            case FAILED, UNCONFIRMED -> MESSAGE_FAILED;
            case SUPPRESSED -> MESSAGE_SUPPRESSED;
            default -> throw new IllegalArgumentException("No event for a message that is " + m.status);
        };
        MessageData data = new MessageData(m.id.toString(),
                // resend and reminder keys are built from ids only, so they are safe to share
                m.triggerId, m.triggerType, m.ruleId, m.pupilId == null ? null : m.pupilId.toString(), m.trustId,
                m.schoolUrn, m.recipientKind.name(), m.agency == null ? null : m.agency.name(), m.channel, m.provider,
                m.status.name(), m.status == MessageStatus.DELIVERED ? null : m.reasonCode, m.attempts,
                m.resendOf == null ? null : m.resendOf.toString(), Instant.now());
        String subject = m.pupilId != null ? m.pupilId.toString() : m.id.toString();
        outbox.publish(topic, type, subject, m.trustId, m.schoolUrn, data);
    }
}
