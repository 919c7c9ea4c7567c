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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A pupil's SEN support plan (CoP 6.44-6.65): the outcomes sought, the provision that works towards them and the
 * date of the next review. It is opened when the register gives the pupil provision K and closed when K ends.
 */
@Entity
@Table(name = "support_plan")
public class SupportPlan extends PanacheEntityBase {

    public enum Status {
        OPEN,
        /** A review decided support should close; the plan closes when the register ends provision K. */
        CLOSE_REQUESTED,
        CLOSED;

        public boolean isOpen() {
            return this != CLOSED;
        }
    }

    /** An outcome (target) with the goal for this term; its id lets reviews score it across edits. */
    @Embeddable
    public static class Outcome {
        @Column(name = "outcome_id")
        public UUID outcomeId;
        public String outcome;
        @Column(name = "termly_goal")
        public String termlyGoal;

        public Outcome() {
        }

        public Outcome(UUID outcomeId, String outcome, String termlyGoal) {
            this.outcomeId = outcomeId;
            this.outcome = outcome;
            this.termlyGoal = termlyGoal;
        }
    }

    /** One intervention of the provision. */
    @Embeddable
    public static class Provision {
        public String intervention;
        public String frequency;
        @Column(name = "minutes_per_week")
        public Integer minutesPerWeek;
        @Column(name = "delivered_by")
        public String deliveredBy;

        public Provision() {
        }

        public Provision(String intervention, String frequency, Integer minutesPerWeek, String deliveredBy) {
            this.intervention = intervention;
            this.frequency = frequency;
            this.minutesPerWeek = minutesPerWeek;
            this.deliveredBy = deliveredBy;
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
    public Status status;
    @Column(name = "opened_on")
    public LocalDate openedOn;
    /** The date of the next review (the scheduled review's due date); none while support is closing. */
    @Column(name = "review_date")
    public LocalDate reviewDate;
    @Column(name = "close_requested_on")
    public LocalDate closeRequestedOn;
    @Column(name = "closed_on")
    public LocalDate closedOn;
    @Column(name = "closed_reason")
    public String closedReason;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "support_outcome", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    public List<Outcome> outcomes = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "support_provision", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    public List<Provision> provision = new ArrayList<>();
}
