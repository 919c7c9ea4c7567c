package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A pupil as the review service knows them from the register's events. */
@Entity
@Table(name = "followed_pupil")
public class FollowedPupil extends PanacheEntityBase {

    @Id
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Column(name = "la_code")
    public String laCode;
    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;
    @Column(name = "nc_year")
    public String ncYear;
    public String provision;
    @Column(name = "provision_start_date")
    public LocalDate provisionStartDate;
    @Column(name = "issuing_la")
    public String issuingLa;
    @Column(name = "plan_issue_date")
    public LocalDate planIssueDate;
    @Column(name = "primary_need")
    public String primaryNeed;
    @Column(name = "secondary_need")
    public String secondaryNeed;
    @Column(name = "school_phase")
    public String schoolPhase;
    @Column(name = "school_highest_age")
    public Integer schoolHighestAge;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @jakarta.persistence.Version
    public long version;
}
