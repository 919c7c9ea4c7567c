package uk.sen.review.domain;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.persistence.SchoolRecord;

/**
 * A request for an EHC needs assessment (CoP 9.14-9.16). Its statutory clock starts the day the LA receives it:
 * the decision whether to assess within 6 weeks, a decision not to issue a plan within 16, the final plan within 20.
 */
@Entity
@Table(name = "assessment_request")
public class AssessmentRequest extends SchoolRecord {

    @Schema(description = "Who asked the LA for the assessment: the school or a parent")
    public enum RequestedBy {
        SCHOOL, PARENT
    }

    public enum Status {
        /** Being prepared by the school after a support review; the clock has not started. */
        PREPARING,
        /** The LA has it; the decision whether to assess is awaited. */
        RECEIVED,
        /** The LA decided to assess; the decision whether to issue a plan is awaited. */
        ASSESSING,
        /** The LA decided to issue a plan; the final plan is awaited. */
        ISSUING,
        /** The final plan was issued. */
        COMPLETED,
        /** No assessment, no plan, or withdrawn. */
        ENDED;

        public boolean isOpen() {
            return this != COMPLETED && this != ENDED;
        }
    }

    public UUID pupilId;
    @Enumerated(EnumType.STRING)
    public RequestedBy requestedBy;
    @Enumerated(EnumType.STRING)
    public Status status;
    public UUID sourceReviewId;
    public LocalDate receivedOn;
    public Boolean assess;
    public LocalDate assessDecidedOn;
    public Boolean issue;
    public LocalDate issueDecidedOn;
    public LocalDate finalPlanOn;
    /** The SEN2 request outcome code (see {@link Sen2RequestOutcome}). */
    public String outcomeCode;
    public LocalDate endedOn;
    public String endedReason;

    public DeadlineOwner deadlineOwner() {
        return new DeadlineOwner(Deadline.ASSESSMENT_REQUEST, id, pupilId, trustId, schoolUrn);
    }
}
