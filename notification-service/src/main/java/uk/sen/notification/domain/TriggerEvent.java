package uk.sen.notification.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event that triggered messages, kept so that contacts added within the catch-up window still get them. */
@Entity
@Table(name = "trigger_event")
public class TriggerEvent extends PanacheEntityBase {

    @Id
    public String eventId;
    public String eventType;
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    public OffsetDateTime occurredAt;
    public Instant receivedAt;
    public String supersedeKey;
    public String data;
}
