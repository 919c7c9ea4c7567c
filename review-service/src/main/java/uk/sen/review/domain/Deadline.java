package uk.sen.review.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One dated step of a review or request, kept flat so the monitor and the SENCO's view read one table. */
@Entity
@Table(name = "deadline")
public class Deadline extends PanacheEntityBase {

    /** The steps, in the order they happen within each kind of source. */
    @Schema(name = "DeadlineStep", description = "A dated step of an EHC plan review, a SEN support review or an EHC "
            + "needs assessment request")
    public enum Step {
        // EHC plan review
        REVIEW_MEETING(true, "Annual review meeting"), PHASE_TRANSFER_PLAN(true, "Phase transfer plan final"),
        INVITATIONS(true, "Review invitations"), ADVICE(true, "Review advice circulated"),
        REPORT(true, "Review report"), LA_DECISION(true, "LA review decision"),
        FINAL_AMENDED_PLAN(true, "Final amended plan"),
        // SEN support: expected practice (one review per term), not a statutory time limit
        SUPPORT_REVIEW(false, "SEN support review"),
        // EHC needs assessment, counted from the day the LA received the request
        DECISION_TO_ASSESS(true, "Decision whether to assess"),
        DECISION_NOT_TO_ISSUE(true, "Decision whether to issue a plan"),
        FINAL_PLAN(true, "Final EHC plan");

        public final boolean statutory;
        /** What a SENCO calls the step, for views and calendars. */
        public final String label;

        Step(boolean statutory, String label) {
            this.statutory = statutory;
            this.label = label;
        }

        /** The label of a stored step name; the name itself for a step this version does not know. */
        public static String labelOf(String step) {
            for (Step s : values()) {
                if (s.name().equals(step)) {
                    return s.label;
                }
            }
            return step;
        }
    }

    /** The kinds of source a deadline belongs to (the {@code source_type} column). */
    public static final String ANNUAL_REVIEW = "annual-review";
    public static final String SUPPORT_REVIEW = "support-review";
    public static final String ASSESSMENT_REQUEST = "assessment-request";

    @Id
    public UUID id;
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    public String sourceType;
    public UUID sourceId;
    public String step;
    public boolean statutory;
    public LocalDate dueOn;
    public LocalDate doneOn;
    public boolean cancelled;
    /** A recorded exception (Regs 10(4)) applies: past its date it is excepted, not missed. */
    public boolean excepted;

    /** Where the step stands on the day: CANCELLED when it was cancelled before it was done, else by its dates. */
    public StatutoryClock.StepStatus status(LocalDate today) {
        if (cancelled && doneOn == null) {
            return StatutoryClock.StepStatus.CANCELLED;
        }
        return StatutoryClock.status(dueOn, doneOn, today, excepted);
    }
}
