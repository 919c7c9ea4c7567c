package uk.sen.workload.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Hours per week of protected time allocated to a SENCO at a school, from a date (to a date). */
@Entity
@Table(name = "protected_time")
public class ProtectedTime extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    public String senco;
    @Column(name = "hours_per_week")
    public BigDecimal hoursPerWeek;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "effective_to")
    public LocalDate effectiveTo;
    public String reason;
    @Column(name = "set_by")
    public String setBy;
    @Column(name = "set_at")
    public Instant setAt;
    /** Who ended this period by setting the one after it. */
    @Column(name = "ended_by")
    public String endedBy;
    @Version
    public long version;

    public AllocatedTime.Span span() {
        return new AllocatedTime.Span(effectiveFrom, effectiveTo, hoursPerWeek);
    }
}
