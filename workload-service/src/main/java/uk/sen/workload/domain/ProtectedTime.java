package uk.sen.workload.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

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
    public String trustId;
    public String schoolUrn;
    public String senco;
    public BigDecimal hoursPerWeek;
    public LocalDate effectiveFrom;
    public LocalDate effectiveTo;
    public String reason;
    public String setBy;
    public Instant setAt;
    /** Who ended this period by setting the one after it. */
    public String endedBy;
    @Version
    public long version;

    public AllocatedTime.Span span() {
        return new AllocatedTime.Span(effectiveFrom, effectiveTo, hoursPerWeek);
    }
}
