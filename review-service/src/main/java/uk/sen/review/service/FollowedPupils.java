package uk.sen.review.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.domain.TimelineEntry;

/** The pupils the review service follows from the register's events, as the caller may read them. */
@ApplicationScoped
@Transactional
public class FollowedPupils {

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    /** A pupil of the caller's schools (404 otherwise), audited as a read of the pupil's data. */
    public FollowedPupil visible(UUID id) {
        FollowedPupil p = FollowedPupil.findById(id);
        if (p == null || !caller.coversSchool(p.trustId, p.schoolUrn)) {
            throw ProblemException.notFound("Pupil", id);
        }
        audit.record(AuditLog.READ, "pupil", id.toString(), p.trustId, p.schoolUrn);
        return p;
    }

    /** The register events applied to the pupil, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TimelineEntry> timeline(UUID pupilId) {
        return TimelineEntry.list("pupilId = ?1 order by id", pupilId);
    }
}
