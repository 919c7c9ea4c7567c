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

/**
 * One event for one subscription: the CloudEvent as sent (the same body on every attempt and redelivery), and how
 * its delivery went. Delivered at least once: the receiver drops repeats by {@code webhook-id} (the event's id).
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum Status {
        PENDING, SENDING, DELIVERED, FAILED
    }

    @Id
    public UUID id;
    public UUID subscriptionId;
    public String eventId;
    public String eventType;
    public String subject;
    public String schoolUrn;
    public String body;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant firstAttemptAt;
    public Instant claimedAt;
    public Integer lastStatusCode;
    public String lastError;
    public Instant deliveredAt;
    public Instant createdAt;
    /** The order deliveries were made in (a pupil's events go out in this order). */
    @Column(insertable = false, updatable = false)
    public Long seq;
}
