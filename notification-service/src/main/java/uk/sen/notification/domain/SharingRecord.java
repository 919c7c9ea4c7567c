package uk.sen.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What was shared with an agency contact, when, why and on what basis (UK GDPR accountability). */
@Entity
@Table(name = "sharing_record")
public class SharingRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID messageId;
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    public Agency agency;
    public UUID contactId;
    public String recipientName;
    public String recipientAddress;
    public String channel;
    public Instant sharedAt;
    public String what;
    public String why;
    @Enumerated(EnumType.STRING)
    public LawfulBasis basis;
    public LocalDate basisGivenOn;
}
