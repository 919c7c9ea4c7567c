package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A pupil as the review service knows them from the register's events. */
@Entity
@Table(name = "followed_pupil")
public class FollowedPupil extends PanacheEntityBase {

    @Id
    public UUID pupilId;
    /** The pupil's Unique Pupil Number, when the register's events carry one. */
    public String upn;
    public String trustId;
    public String schoolUrn;
    public String laCode;
    public LocalDate dateOfBirth;
    public String ncYear;
    public String provision;
    public LocalDate provisionStartDate;
    public String issuingLa;
    public LocalDate planIssueDate;
    public String primaryNeed;
    /** The broad area of need of the primary need (COMMUNICATION_AND_INTERACTION...), as the register names it. */
    public String primaryArea;
    public String secondaryNeed;
    public String schoolPhase;
    public Integer schoolHighestAge;
    public Instant updatedAt;
    @jakarta.persistence.Version
    public long version;
}
