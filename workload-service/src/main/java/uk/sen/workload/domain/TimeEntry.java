package uk.sen.workload.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
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

/** Time a SENCO spent on one activity at one school on one day. */
@Entity
@Table(name = "time_entry")
public class TimeEntry extends PanacheEntityBase {

    /** How the entry came about: typed in, a stopped timer, or a confirmed suggestion. */
    @Schema(name = "EntrySource", description = "How a time entry came about: typed in, a stopped timer, or a confirmed suggestion")
    public enum Source {
        MANUAL, TIMER, SUGGESTION
    }

    @Id
    public UUID id;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    public String senco;
    @Column(name = "entry_date")
    public LocalDate date;
    @Column(name = "start_time")
    public LocalTime startTime;
    @Column(name = "end_time")
    public LocalTime endTime;
    public int minutes;
    @Column(name = "category_code")
    public String categoryCode;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "review_id")
    public UUID reviewId;
    public String note;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
