package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import uk.sen.platform.persistence.SchoolRecord;

/** A request for views or advice before a review (EHC plan annual review, SEN support review): to a teacher, the parents, or an agency. */
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

    /** What kind of review the views are for. */
    public enum ReviewKind {
        /** An EHC plan annual review: {@code reviewId} is the annual review's. */
        ANNUAL,
        /** A SEN support review: {@code reviewId} is the support review's, {@code planId} its plan's. */
        SUPPORT
    }

    public UUID pupilId;
    @Enumerated(EnumType.STRING)
    public ReviewKind reviewKind;
    public UUID reviewId;
    public UUID planId;
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
