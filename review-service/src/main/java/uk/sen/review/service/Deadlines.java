package uk.sen.review.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.sen.review.domain.AnnualReview;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.Deadline.Step;

/** Keeps the flat deadline table in step with the reviews. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Deadlines {

    static final String REVIEW = "annual-review";

    public void due(AnnualReview review, Step step, LocalDate dueOn) {
        Deadline d = Deadline.find("sourceId = ?1 and step = ?2", review.id, step.name()).firstResult();
        if (d == null) {
            d = new Deadline();
            d.id = UUID.randomUUID();
            d.sourceId = review.id;
            d.sourceType = REVIEW;
            d.step = step.name();
            d.statutory = step.statutory;
        }
        d.pupilId = review.pupilId;
        d.trustId = review.trustId;
        d.schoolUrn = review.schoolUrn;
        d.dueOn = dueOn;
        d.cancelled = false;
        d.persist();
    }

    public void done(AnnualReview review, Step step, LocalDate on) {
        Deadline.update("doneOn = ?1 where sourceId = ?2 and step = ?3", on, review.id, step.name());
    }

    public void cancel(AnnualReview review, Step step) {
        Deadline.update("cancelled = true where sourceId = ?1 and step = ?2 and doneOn is null", review.id, step.name());
    }

    /** Steps not done yet are cancelled: the review closed or the plan ceased. */
    public void cancelOpen(AnnualReview review) {
        Deadline.update("cancelled = true where sourceId = ?1 and doneOn is null", review.id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Deadline> of(UUID sourceId) {
        return Deadline.list("sourceId = ?1 order by dueOn, step", sourceId);
    }
}
