package uk.sen.workload.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A time entry proposed because a review meeting was held, until a SENCO of the school confirms or dismisses it. */
@Entity
@Table(name = "suggested_entry")
public class SuggestedEntry extends PanacheEntityBase {

    @Schema(name = "SuggestionStatus", description = "PENDING until a SENCO of the school confirms or dismisses it")
    public enum Status {
        PENDING, CONFIRMED, DISMISSED
    }

    @Id
    public UUID id;
    public String trustId;
    public String schoolUrn;
    public UUID reviewId;
    public UUID pupilId;
    public String reviewKind;
    public LocalDate heldOn;
    public int minutes;
    /** False when the meeting's duration was not reported and the default was used. */
    public boolean durationReported;
    public String categoryCode;
    @Enumerated(EnumType.STRING)
    public Status status;
    public UUID entryId;
    public String decidedBy;
    public Instant decidedAt;
    public String eventId;
    public Instant createdAt;
    @Version
    public long version;
}
