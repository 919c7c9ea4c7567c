package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An EHC plan review (annual, or the phase transfer review naming the next setting) and its statutory steps. */
@Entity
@Table(name = "annual_review")
public class AnnualReview extends PanacheEntityBase {

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

    @Id
    public UUID id;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public StatutoryClock.Transfer transfer;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** The plan's issue date, or the previous review meeting, that the due date counts from. */
    @Column(name = "reference_date")
    public LocalDate referenceDate;
    @Column(name = "due_by")
    public LocalDate dueBy;
    @Column(name = "plan_by")
    public LocalDate planBy;
    @Column(name = "meeting_date")
    public LocalDate meetingDate;
    @Column(name = "invitations_sent_on")
    public LocalDate invitationsSentOn;
    @Column(name = "advice_circulated_on")
    public LocalDate adviceCirculatedOn;
    @Column(name = "held_on")
    public LocalDate heldOn;
    public String attendees;
    @Column(name = "report_sent_on")
    public LocalDate reportSentOn;
    @Enumerated(EnumType.STRING)
    @Column(name = "la_decision")
    public Decision laDecision;
    @Column(name = "la_decision_on")
    public LocalDate laDecisionOn;
    @Column(name = "amendment_notice_on")
    public LocalDate amendmentNoticeOn;
    @Column(name = "final_plan_on")
    public LocalDate finalPlanOn;
    @Column(name = "closed_reason")
    public String closedReason;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "review_invitee", joinColumns = @JoinColumn(name = "review_id"))
    @OrderColumn(name = "position")
    public List<Invitee> invitees = new ArrayList<>();
}
