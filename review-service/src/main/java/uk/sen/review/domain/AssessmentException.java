package uk.sen.review.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An exception to the assessment time limits (docs/domain.md: Regs 10(4)), recorded with its reason and date: the steps
 * it names are then excepted rather than missed when late.
 */
@Entity
@Table(name = "assessment_exception")
public class AssessmentException extends PanacheEntityBase {

    @Schema(name = "TimeLimitExceptionKind", description = "Why a time limit does not apply (Regs 10(4)): the school "
            + "closed for 4 weeks or more, exceptional personal circumstances, or the family away from the LA's area for 4 "
            + "weeks or more")
    public enum Kind {
        /** The school was closed for a continuous period of 4 weeks or more around the request for its advice. */
        SCHOOL_CLOSURE(true),
        /** Exceptional personal circumstances affect the child or the parent. */
        EXCEPTIONAL_PERSONAL_CIRCUMSTANCES(false),
        /** The child or the parent was away from the LA's area for a continuous period of 4 weeks or more. */
        FAMILY_AWAY(true);

        /** Whether the exception is defined by a period of at least 4 weeks, which must then be recorded. */
        public final boolean needsFourWeekPeriod;

        Kind(boolean needsFourWeekPeriod) {
            this.needsFourWeekPeriod = needsFourWeekPeriod;
        }
    }

    @Id
    public UUID id;
    public UUID requestId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public String reason;
    public LocalDate recordedOn;
    public LocalDate periodFrom;
    public LocalDate periodTo;
    /** The steps it excuses, comma separated (e.g. DECISION_TO_ASSESS,FINAL_PLAN). */
    public String steps;
    public String recordedBy;
    public Instant recordedAt;
}
