package uk.sen.workload.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Time an SEN administrator gave to a SENCO of a school: minutes on a day, in a category. */
@Entity
@Table(name = "support_entry")
public class SupportEntry extends PanacheEntityBase {

    @Id
    public UUID id;
    public String trustId;
    public String schoolUrn;
    /** The administrator (username) whose time it was. */
    public String givenBy;
    /** The SENCO (username) it supported. */
    public String senco;
    @Column(name = "entry_date")
    public LocalDate date;
    public int minutes;
    public String categoryCode;
    public String note;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
