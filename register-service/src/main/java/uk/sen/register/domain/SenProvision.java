package uk.sen.register.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One period of SEN provision (K, E or a legacy code); open while {@code endDate} is null. */
@Entity
@Table(name = "sen_provision")
public class SenProvision extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID pupilId;
    @Enumerated(EnumType.STRING)
    public Provision provision;
    public LocalDate startDate;
    public LocalDate endDate;
    public String endReason;
    public String issuingLa;
    public LocalDate planIssueDate;
    public Instant recordedAt;

    public boolean isOpenOn(LocalDate date) {
        return !startDate.isAfter(date) && (endDate == null || endDate.isAfter(date));
    }
}
