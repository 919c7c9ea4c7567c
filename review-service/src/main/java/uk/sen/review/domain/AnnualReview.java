package uk.sen.review.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.persistence.SchoolRecord;

/** An EHC plan review (annual, or the phase transfer review naming the next setting) and its statutory steps. */
@Entity
@Table(name = "annual_review")
public class AnnualReview extends SchoolRecord {

    public enum Kind {
        ANNUAL, PHASE_TRANSFER
    }

    public enum Status {
        SCHEDULED, MEETING_SET, HELD, AWAITING_FINAL_PLAN, COMPLETED, CLOSED;

        public boolean isOpen() {
            return this != COMPLETED && this != CLOSED;
        }
    }

    @Schema(name = "LaDecision", description = "The LA's decision after an annual review: maintain the plan, amend it or "
            + "cease it")
    public enum Decision {
        MAINTAIN, AMEND, CEASE
    }

    /** The people who must be invited to an annual review (CoP 9.168). */
    @Schema(description = "Who someone invited to an annual review is: a parent or the young person, the head, the LA SEN "
            + "officer, health, social care, or someone else")
    public enum InviteeRole {
        PARENT_OR_YOUNG_PERSON, HEAD, LA_SEN_OFFICER, HEALTH, SOCIAL_CARE, OTHER
    }

    @Embeddable
    public static class Invitee {
        @Enumerated(EnumType.STRING)
        public InviteeRole role;
        public String name;

        public Invitee() {
        }

        public Invitee(InviteeRole role, String name) {
            this.role = role;
            this.name = name;
        }
    }

    public UUID pupilId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public StatutoryClock.Transfer transfer;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** The plan's issue date, or the previous review meeting, that the due date counts from. */
    public LocalDate referenceDate;
    public LocalDate dueBy;
    public LocalDate planBy;
    public LocalDate meetingDate;
    public LocalDate invitationsSentOn;
    public LocalDate adviceCirculatedOn;
    public LocalDate heldOn;
    public String attendees;
    public LocalDate reportSentOn;
    @Enumerated(EnumType.STRING)
    public Decision laDecision;
    public LocalDate laDecisionOn;
    public LocalDate amendmentNoticeOn;
    public LocalDate finalPlanOn;
    public String closedReason;

    @ElementCollection
    @CollectionTable(name = "review_invitee", joinColumns = @JoinColumn(name = "review_id"))
    @OrderColumn(name = "position")
    public List<Invitee> invitees = new ArrayList<>();
}
