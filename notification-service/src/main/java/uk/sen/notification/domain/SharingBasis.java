package uk.sen.notification.domain;

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

/** The recorded basis for sharing one pupil's information with one agency. */
@Entity
@Table(name = "sharing_basis")
public class SharingBasis extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    public Agency agency;
    @Enumerated(EnumType.STRING)
    public LawfulBasis basis;
    public LocalDate givenOn;
    public LocalDate withdrawnOn;
    public String note;
    @Version
    public long version;
    public Instant updatedAt;
    public String updatedBy;

    public static SharingBasis of(UUID pupilId, Agency agency) {
        return find("pupilId = ?1 and agency = ?2", pupilId, agency).firstResult();
    }

    public SharingRules.Basis toRule() {
        return new SharingRules.Basis(basis, givenOn, withdrawnOn);
    }
}
