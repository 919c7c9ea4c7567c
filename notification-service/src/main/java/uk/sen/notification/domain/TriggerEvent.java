package uk.sen.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event that triggered messages, kept so that contacts added within the catch-up window still get them. */
@Entity
@Table(name = "trigger_event")
public class TriggerEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "supersede_key")
    public String supersedeKey;
    public String data;
}
