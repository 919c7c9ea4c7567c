package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import uk.sen.platform.persistence.SchoolRecord;

/** A request for views or advice before an EHC plan annual review meeting: to a teacher, the parents, or an agency. */
@Entity
@Table(name = "contribution_request")
public class ContributionRequest extends SchoolRecord {

    public enum Contributor {
        TEACHER, PARENT, AGENCY
    }

    /** The agencies a request may go to: notification-service's kinds of agency contact. */
    public enum Agency {
        EDUCATIONAL_PSYCHOLOGIST, SPEECH_AND_LANGUAGE_THERAPY, OCCUPATIONAL_THERAPY, CAMHS, HEALTH, SOCIAL_CARE,
        LA_SEN_OFFICER
    }

    public UUID pupilId;
    public UUID reviewId;
    @Enumerated(EnumType.STRING)
    public Contributor contributor;
    /** The teacher's account (TEACHER). */
    public String teacher;
    @Enumerated(EnumType.STRING)
    public Agency agency;
    public LocalDate dueOn;
    public String requestedBy;
    public Instant remindedAt;
}
