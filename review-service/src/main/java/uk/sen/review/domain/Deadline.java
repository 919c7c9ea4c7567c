package uk.sen.review.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One dated step of a review or request, kept flat so the monitor and the SENCO's view read one table. */
@Entity
@Table(name = "deadline")
public class Deadline extends PanacheEntityBase {

    /** The steps, in the order they happen. */
    public enum Step {
        REVIEW_MEETING(true), PHASE_TRANSFER_PLAN(true), INVITATIONS(true), ADVICE(true), REPORT(true),
        LA_DECISION(true), FINAL_AMENDED_PLAN(true);

        public final boolean statutory;

        Step(boolean statutory) {
            this.statutory = statutory;
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
    @Column(name = "source_type")
    public String sourceType;
    @Column(name = "source_id")
    public UUID sourceId;
    public String step;
    public boolean statutory;
    @Column(name = "due_on")
    public LocalDate dueOn;
    @Column(name = "done_on")
    public LocalDate doneOn;
    public boolean cancelled;
}
