package uk.sen.notification.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
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
    @Column(name = "message_id")
    public UUID messageId;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    public Agency agency;
    @Column(name = "contact_id")
    public UUID contactId;
    @Column(name = "recipient_name")
    public String recipientName;
    @Column(name = "recipient_address")
    public String recipientAddress;
    public String channel;
    @Column(name = "shared_at")
    public Instant sharedAt;
    public String what;
    public String why;
    @Enumerated(EnumType.STRING)
    public LawfulBasis basis;
    @Column(name = "basis_given_on")
    public LocalDate basisGivenOn;
}
