package uk.sen.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A trust system's subscription to events: where to send them (HTTPS), which types, the secret that signs each
 * delivery, and who is told when the endpoint keeps failing and the subscription is disabled.
 */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    public enum Status {
        ENABLED, DISABLED
    }

    @Id
    public UUID id;
    public String trustId;
    /** Only events of these schools (a school-scoped integration); null for the whole trust. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] schools;
    public String url;
    public String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] eventTypes;
    public String secret;
    public String previousSecret;
    public Instant previousSecretUntil;
    public String alertEmail;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String disabledReason;
    public Instant disabledAt;
    public String createdBy;
    @Version
    public long version;
    public Instant createdAt;
    public Instant updatedAt;

    /** The secrets a delivery is signed with now: the current one, and the previous one during a rotation. */
    public java.util.List<String> signingSecrets(Instant now) {
        return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)
                ? java.util.List.of(secret, previousSecret) : java.util.List.of(secret);
    }
}
