package uk.sen.workload.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.persistence.SchoolRecord;

/** Time a SENCO spent on one activity at one school on one day. */
@Entity
@Table(name = "time_entry")
public class TimeEntry extends SchoolRecord {

    /** How the entry came about: typed in, a stopped timer, or a confirmed suggestion. */
    @Schema(name = "EntrySource", description = "How a time entry came about: typed in, a stopped timer, or a confirmed suggestion")
    public enum Source {
        MANUAL, TIMER, SUGGESTION
    }

    public String senco;
    @Column(name = "entry_date")
    public LocalDate date;
    public LocalTime startTime;
    public LocalTime endTime;
    public int minutes;
    public String categoryCode;
    public UUID pupilId;
    public UUID reviewId;
    public String note;
    @Enumerated(EnumType.STRING)
    public Source source;
}
