package uk.sen.review.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.sen.review.domain.AnnualReview;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.DeadlineOwner;

/**
 * Keeps the flat deadline table in step with the reviews and requests it dates. Whatever is put here is watched by
 * {@link DeadlineMonitor} and shown in the SENCO's deadline view and calendar feed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Deadlines {

    static final String REVIEW = Deadline.ANNUAL_REVIEW;

    public void due(DeadlineOwner owner, Step step, LocalDate dueOn) {
        Deadline d = Deadline.find("sourceId = ?1 and step = ?2", owner.sourceId(), step.name()).firstResult();
        if (d == null) {
            d = new Deadline();
            d.id = UUID.randomUUID();
            d.sourceId = owner.sourceId();
            d.sourceType = owner.sourceType();
            d.step = step.name();
            d.statutory = step.statutory;
        } else if (d.dueOn != null && !d.dueOn.equals(dueOn)) {
            // a moved date is announced afresh against the new date: the alerts sent for the old one are forgotten
            Deadline.getEntityManager().createNativeQuery("DELETE FROM deadline_alert WHERE deadline_id = ?1")
                    .setParameter(1, d.id).executeUpdate();
        }
        d.pupilId = owner.pupilId();
        d.trustId = owner.trustId();
        d.schoolUrn = owner.schoolUrn();
        d.dueOn = dueOn;
        d.cancelled = false;
        d.persist();
    }

    // Changes go through the managed entities rather than bulk updates, so a view read later in the same
    // transaction sees them.

    public void done(DeadlineOwner owner, Step step, LocalDate on) {
        Deadline d = find(owner.sourceId(), step);
        if (d != null) {
            d.doneOn = on;
        }
    }

    public void cancel(DeadlineOwner owner, Step step) {
        Deadline d = find(owner.sourceId(), step);
        if (d != null && d.doneOn == null) {
            d.cancelled = true;
        }
    }

    /** Steps not done yet are cancelled: the review closed, the plan ceased, the request ended. */
    public void cancelOpen(DeadlineOwner owner) {
        for (Deadline d : Deadline.<Deadline> list("sourceId", owner.sourceId())) {
            if (d.doneOn == null) {
                d.cancelled = true;
            }
        }
    }

    /**
     * The review's steps already past their date when the service learned of them: they are not announced as missed
     * one by one (the review announces them once, together); a step moved later is announced afresh against its new
     * date, as any moved step is.
     * @return how many steps were past
     */
    public int pastOnArrival(AnnualReview review, LocalDate today) {
        return Deadline.getEntityManager().createNativeQuery("""
                INSERT INTO deadline_alert (deadline_id, threshold)
                SELECT id, 'MISSED' FROM deadline
                WHERE source_id = ?1 AND done_on IS NULL AND NOT cancelled AND due_on < ?2
                ON CONFLICT DO NOTHING""").setParameter(1, review.id).setParameter(2, today).executeUpdate();
    }

    /** A recorded exception applies to the step: it is shown as excepted, and never announced as missed. */
    public void except(DeadlineOwner owner, Step step) {
        Deadline d = find(owner.sourceId(), step);
        if (d != null) {
            d.excepted = true;
        }
    }

    /** The pupil moved school: the source's deadlines follow them. */
    public void follow(DeadlineOwner owner) {
        for (Deadline d : Deadline.<Deadline> list("sourceId", owner.sourceId())) {
            d.trustId = owner.trustId();
            d.schoolUrn = owner.schoolUrn();
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Deadline find(UUID sourceId, Step step) {
        return Deadline.find("sourceId = ?1 and step = ?2", sourceId, step.name()).firstResult();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Deadline> of(UUID sourceId) {
        return Deadline.list("sourceId = ?1 order by dueOn, step", sourceId);
    }

    // ---- EHC plan reviews -------------------------------------------------------------------------------------

    public void due(AnnualReview review, Step step, LocalDate dueOn) {
        due(owner(review), step, dueOn);
    }

    public void done(AnnualReview review, Step step, LocalDate on) {
        done(owner(review), step, on);
    }

    public void cancel(AnnualReview review, Step step) {
        cancel(owner(review), step);
    }

    public void cancelOpen(AnnualReview review) {
        cancelOpen(owner(review));
    }

    public void follow(AnnualReview review) {
        follow(owner(review));
    }

    private static DeadlineOwner owner(AnnualReview r) {
        return new DeadlineOwner(REVIEW, r.id, r.pupilId, r.trustId, r.schoolUrn);
    }
}
