package uk.sen.workload.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
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
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Column(name = "review_id")
    public UUID reviewId;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "review_kind")
    public String reviewKind;
    @Column(name = "held_on")
    public LocalDate heldOn;
    public int minutes;
    /** False when the meeting's duration was not reported and the default was used. */
    @Column(name = "duration_reported")
    public boolean durationReported;
    @Column(name = "category_code")
    public String categoryCode;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "entry_id")
    public UUID entryId;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
