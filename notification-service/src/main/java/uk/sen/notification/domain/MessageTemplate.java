package uk.sen.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
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
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "template_key")
    public String templateKey;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String subject;
    public String body;
    /** The matching template in the trust's GOV.UK Notify service, when the trust sends through Notify. */
    @Column(name = "notify_template_id")
    public String notifyTemplateId;
    @Version
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
