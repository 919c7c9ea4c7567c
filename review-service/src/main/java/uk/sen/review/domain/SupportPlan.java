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

import uk.sen.platform.persistence.SchoolRecord;

/**
 * A pupil's SEN support plan (CoP 6.44-6.65): the outcomes sought, the provision that works towards them and the
 * date of the next review. It is opened when the register gives the pupil provision K and closed when K ends.
 */
@Entity
@Table(name = "support_plan")
public class SupportPlan extends SchoolRecord {

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
        public UUID outcomeId;
        public String outcome;
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
        public Integer minutesPerWeek;
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

    public UUID pupilId;
    @Enumerated(EnumType.STRING)
    public Status status;
    public LocalDate openedOn;
    /** The date of the next review (the scheduled review's due date); none while support is closing. */
    public LocalDate reviewDate;
    public LocalDate closeRequestedOn;
    public LocalDate closedOn;
    public String closedReason;

    @ElementCollection
    @CollectionTable(name = "support_outcome", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    public List<Outcome> outcomes = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "support_provision", joinColumns = @JoinColumn(name = "plan_id"))
    @OrderColumn(name = "position")
    public List<Provision> provision = new ArrayList<>();
}
