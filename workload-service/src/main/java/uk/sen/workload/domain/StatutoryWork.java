package uk.sen.workload.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One piece of statutory work at a school, as review-service announced it. */
@Entity
@Table(name = "statutory_work")
public class StatutoryWork extends PanacheEntityBase {

    public enum Status {
        /** Still ahead: forecast. */
        OPEN,
        /** The meeting was held: the bulk of the work is done and its logged time calibrates the effort. */
        HELD,
        /** Completed. */
        DONE,
        /** Will not happen (the plan ceased, the pupil left). */
        CLOSED
    }

    @Id
    public UUID sourceId;
    /** A {@link WorkKind} code. */
    public String kind;
    public String trustId;
    public String schoolUrn;
    public UUID pupilId;
    public LocalDate dueBy;
    public LocalDate meetingDate;
    public LocalDate heldOn;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String lastEventId;
    public Instant updatedAt;

    /** The date the work is planned around: the meeting when one is set, else the date it is due by. */
    public LocalDate anchor() {
        return meetingDate != null ? meetingDate : dueBy;
    }
}
