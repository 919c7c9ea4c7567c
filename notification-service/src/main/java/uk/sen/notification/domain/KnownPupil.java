package uk.sen.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A pupil as this service knows them from the register's events: where they are, for scope, and a reference. */
@Entity
@Table(name = "known_pupil")
public class KnownPupil extends PanacheEntityBase {

    @Id
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    public String provision;
    /** Random, for messages and agencies: says nothing about the child and cannot be traced back without access. */
    public String caseReference;
    /** The UPN, from the register's events: only to find the pupil a contacts import names by it. */
    public String upn;
    public Instant updatedAt;
}
