package uk.sen.notification.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A Qute template for one message and channel; a trust's own row beats the default (trust id null). */
@Entity
@Table(name = "message_template")
public class MessageTemplate extends PanacheEntityBase {

    @Id
    public UUID id;
    public String trustId;
    public String templateKey;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String subject;
    public String body;
    /** The matching template in the trust's GOV.UK Notify service, when the trust sends through Notify. */
    public String notifyTemplateId;
    @Version
    public long version;
    public Instant updatedAt;
    public String updatedBy;

    /** The template a message of this key and channel uses: the trust's own, else the platform's default. */
    public static Optional<MessageTemplate> effective(String trustId, String key, Channel channel) {
        if (trustId == null) {
            return find("trustId is null and templateKey = ?1 and channel = ?2", key, channel).firstResultOptional();
        }
        // the trust's own first: in one query, as this runs for every message planned
        return find("(trustId = ?1 or trustId is null) and templateKey = ?2 and channel = ?3 "
                + "order by trustId nulls last", trustId, key, channel).firstResultOptional();
    }
}
