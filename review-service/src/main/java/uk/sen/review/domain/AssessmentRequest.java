package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A request for an EHC needs assessment (CoP 9.14-9.16). Its statutory clock starts the day the LA receives it:
 * the decision whether to assess within 6 weeks, a decision not to issue a plan within 16, the final plan within 20.
 */
@Entity
@Table(name = "assessment_request")
public class AssessmentRequest extends PanacheEntityBase {

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

    @Id
    public UUID id;
    @Column(name = "pupil_id")
    public UUID pupilId;
    @Column(name = "trust_id")
    public String trustId;
    @Column(name = "school_urn")
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    @Column(name = "requested_by")
    public RequestedBy requestedBy;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "source_review_id")
    public UUID sourceReviewId;
    @Column(name = "received_on")
    public LocalDate receivedOn;
    public Boolean assess;
    @Column(name = "assess_decided_on")
    public LocalDate assessDecidedOn;
    public Boolean issue;
    @Column(name = "issue_decided_on")
    public LocalDate issueDecidedOn;
    @Column(name = "final_plan_on")
    public LocalDate finalPlanOn;
    /** The SEN2 request outcome code (see {@link Sen2RequestOutcome}). */
    @Column(name = "outcome_code")
    public String outcomeCode;
    @Column(name = "ended_on")
    public LocalDate endedOn;
    @Column(name = "ended_reason")
    public String endedReason;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public DeadlineOwner deadlineOwner() {
        return new DeadlineOwner(Deadline.ASSESSMENT_REQUEST, id, pupilId, trustId, schoolUrn);
    }
}
