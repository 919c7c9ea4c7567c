package uk.sen.review.domain;

import java.time.Instant;
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
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One review of a support plan: due at the end of a term, then held, with each outcome scored and the next step. */
@Entity
@Table(name = "support_review")
public class SupportReview extends PanacheEntityBase {

    public enum Status {
        SCHEDULED, COMPLETED, CANCELLED
    }

    /** What the review decided (CoP 6.52-6.56). */
    @Schema(description = "What a SEN support review decided: continue, change the provision, close SEN support, or "
            + "request an EHC needs assessment")
    public enum NextStep {
        CONTINUE, CHANGE_PROVISION, CLOSE_SUPPORT, REQUEST_EHC_ASSESSMENT
    }

    /** Progress towards one outcome, -2 (much less than expected) to +2 (much more than expected). */
    @Embeddable
    public static class Score {
        public UUID outcomeId;
        /** The outcome's wording as it was reviewed. */
        public String outcome;
        public int score;
        public String comment;

        public Score() {
        }

        public Score(UUID outcomeId, String outcome, int score, String comment) {
            this.outcomeId = outcomeId;
            this.outcome = outcome;
            this.score = score;
            this.comment = comment;
        }
    }

    @Id
    public UUID id;
    public UUID planId;
    public UUID pupilId;
    public String trustId;
    public String schoolUrn;
    @Enumerated(EnumType.STRING)
    public Status status;
    /** The term the review is due at the end of, e.g. "Spring 2026/27". */
    public String term;
    public LocalDate dueOn;
    public LocalDate heldOn;
    @Enumerated(EnumType.STRING)
    public NextStep nextStep;
    public UUID assessmentRequestId;
    public Instant createdAt;
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "support_review_score", joinColumns = @JoinColumn(name = "review_id"))
    @OrderColumn(name = "position")
    public List<Score> scores = new ArrayList<>();

    public DeadlineOwner deadlineOwner() {
        return new DeadlineOwner(Deadline.SUPPORT_REVIEW, id, pupilId, trustId, schoolUrn);
    }
}
