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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A SENCO's post at a school: since when, until when, on the senior leadership team or not, and the qualification. */
@Entity
@Table(name = "senco_post")
public class SencoPost extends PanacheEntityBase {

    @Id
    public UUID id;
    public String trustId;
    public String schoolUrn;
    public String senco;
    public LocalDate appointedOn;
    public LocalDate endedOn;
    public boolean onSlt;
    @Enumerated(EnumType.STRING)
    public SencoQualification qualification;
    public LocalDate qualificationExpectedOn;
    public LocalDate qualificationAchievedOn;
    public String setBy;
    public Instant setAt;
    @Version
    public long version;

    /** Whether the post is held on {@code day}. */
    public boolean heldOn(LocalDate day) {
        return !appointedOn.isAfter(day) && (endedOn == null || !endedOn.isBefore(day));
    }

    /** The last day to achieve the qualification; null when it is achieved or the SENCO is exempt. */
    public LocalDate qualificationDeadline() {
        return qualification.outstanding() ? SencoQualification.deadline(appointedOn) : null;
    }
}
