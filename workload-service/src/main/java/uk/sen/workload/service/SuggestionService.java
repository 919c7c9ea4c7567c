package uk.sen.workload.service;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.SuggestedEntry;
import uk.sen.workload.domain.TimeEntry;
import uk.sen.workload.repository.Where;

/**
 * Time entries suggested by held review meetings: the meeting's duration (or the configured default when it was
 * not reported) under the EHCP annual reviews category, with the review as reference. One of the school's SENCOs
 * confirms it (it becomes their entry, adjusted if they say so) or dismisses it.
 */
@ApplicationScoped
@Transactional
public class SuggestionService {

    private static final Logger LOG = Logger.getLogger(SuggestionService.class);

    /** Adjustments when confirming; anything left out keeps the suggestion's value. */
    public record ConfirmDetails(LocalDate date, Integer minutes, LocalTime startTime, LocalTime endTime,
            String category, String note) {
    }

    public record Confirmed(SuggestedEntry suggestion, TimeEntry entry) {
    }

    @Inject
    CallerScope caller;

    @Inject
    WorkloadConfig config;

    @Inject
    WorkloadClock clock;

    @Inject
    TimeEntryService entries;

    @Inject
    AuditLog audit;

    /** Records the suggestion for a held meeting; a review is suggested once. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void suggest(String eventId, String trust, String school, UUID reviewId, UUID pupilId, String reviewKind,
            LocalDate heldOn, Integer durationMinutes) {
        if (SuggestedEntry.count("reviewId", reviewId) > 0) {
            LOG.debugf("Review %s already has a suggested entry; event %s adds none", reviewId, eventId);
            return;
        }
        boolean reported = durationMinutes != null && durationMinutes > 0;
        SuggestedEntry s = new SuggestedEntry();
        s.id = UUID.randomUUID();
        s.trustId = trust;
        s.schoolUrn = school;
        s.reviewId = reviewId;
        s.pupilId = pupilId;
        s.reviewKind = reviewKind;
        s.heldOn = heldOn;
        s.minutes = reported ? durationMinutes : config.suggestions().defaultMinutes();
        s.durationReported = reported;
        s.categoryCode = config.suggestions().category();
        s.status = SuggestedEntry.Status.PENDING;
        s.eventId = eventId;
        s.createdAt = clock.instant();
        s.persist();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SuggestedEntry> list(SuggestedEntry.Status status, String school, PageRequest page) {
        String trust = caller.requireTrust();
        if (caller.schools().isEmpty()) {
            return Page.of(List.of(), page, 0);
        }
        Where where = Where.of("trustId = :trust", "trust", trust).and("schoolUrn in :schools", "schools", caller.schools())
                .andIfGiven("status = :status", "status", status)
                .andIfGiven("schoolUrn = :school", "school", school);
        return Page.of(SuggestedEntry.<SuggestedEntry> find(where.orderBy("heldOn desc, createdAt desc"), where.params()),
                page, s -> s);
    }

    /** A suggestion of one of the caller's schools, or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SuggestedEntry visible(UUID id) {
        SuggestedEntry s = SuggestedEntry.findById(id);
        if (s == null || !caller.coversSchool(s.trustId, s.schoolUrn)) {
            throw ProblemException.notFound("Suggested entry", id);
        }
        return s;
    }

    public Confirmed confirm(UUID id, ConfirmDetails d, String ifMatch) {
        SuggestedEntry s = pending(id, ifMatch);
        ConfirmDetails adjust = d == null ? new ConfirmDetails(null, null, null, null, null, null) : d;
        boolean timed = adjust.startTime() != null || adjust.endTime() != null;
        Integer minutes = adjust.minutes() != null ? adjust.minutes() : timed ? null : Integer.valueOf(s.minutes);
        TimeEntry entry = entries.create(new TimeEntryService.EntryDetails(s.schoolUrn,
                adjust.date() != null ? adjust.date() : s.heldOn, minutes, adjust.startTime(), adjust.endTime(),
                adjust.category() != null ? adjust.category() : s.categoryCode, s.pupilId, s.reviewId, adjust.note()),
                TimeEntry.Source.SUGGESTION);
        s.status = SuggestedEntry.Status.CONFIRMED;
        s.entryId = entry.id;
        decided(s, "confirmed as time entry " + entry.id);
        return new Confirmed(s, entry);
    }

    public SuggestedEntry dismiss(UUID id, String ifMatch) {
        SuggestedEntry s = pending(id, ifMatch);
        s.status = SuggestedEntry.Status.DISMISSED;
        decided(s, "dismissed");
        return s;
    }

    private SuggestedEntry pending(UUID id, String ifMatch) {
        SuggestedEntry s = visible(id);
        Versions.requireMatch(ifMatch, s.version);
        if (s.status != SuggestedEntry.Status.PENDING) {
            throw ProblemException.conflict("This suggestion was already " + s.status.name().toLowerCase()
                    + " by " + s.decidedBy + " at " + s.decidedAt + ".");
        }
        return s;
    }

    private void decided(SuggestedEntry s, String detail) {
        s.decidedBy = caller.username();
        s.decidedAt = clock.instant();
        SuggestedEntry.flush();
        List<String> ids = new ArrayList<>();
        ids.add(s.id.toString());
        if (s.pupilId != null) {
            ids.add(s.pupilId.toString());
        }
        audit.record(AuditLog.UPDATE, "suggested-entry", ids, s.trustId, s.schoolUrn, detail);
    }
}
