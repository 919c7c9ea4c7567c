package uk.sen.workload.service;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.Durations;
import uk.sen.workload.domain.StatutoryWork;
import uk.sen.workload.domain.TimeEntry;
import uk.sen.workload.repository.Sql;
import uk.sen.workload.repository.Where;

/**
 * A SENCO's own time entries. Every write checks the school is one of theirs, the category is in use, the duration
 * is consistent and not in the future, and that timed entries do not overlap; a refused write changes nothing.
 * Entries belong to the signed-in SENCO (their username): another SENCO's entry answers 404.
 */
@ApplicationScoped
@Transactional
public class TimeEntryService {

    /** What a SENCO says about a piece of time; times are on {@code date} in Europe/London. */
    public record EntryDetails(String schoolUrn, LocalDate date, Integer minutes, LocalTime startTime,
            LocalTime endTime, String category, UUID pupilId, UUID reviewId, String note) {
    }

    @Inject
    CallerScope caller;

    @Inject
    Categories categories;

    @Inject
    WorkloadClock clock;

    @Inject
    WorkloadConfig config;

    @Inject
    AuditLog audit;

    @Inject
    AllocationWatch watch;

    @Inject
    RegisterPupils registerPupils;

    @Inject
    EntityManager em;

    public TimeEntry create(EntryDetails details, TimeEntry.Source source) {
        String trust = caller.requireTrust();
        caller.requireSchool(trust, details.schoolUrn());
        Durations.Resolved duration = validate(details, null, null);
        TimeEntry entry = new TimeEntry();
        entry.id = UUID.randomUUID();
        entry.trustId = trust;
        entry.senco = caller.username();
        entry.source = source;
        entry.createdAt = clock.instant();
        apply(entry, details, duration);
        persist(entry, true);
        audit(AuditLog.CREATE, entry, "time entry " + entry.minutes + " min " + entry.categoryCode + " on " + entry.date);
        watch.checkActual(entry.trustId, entry.schoolUrn, entry.senco, entry.date);
        return entry;
    }

    public TimeEntry update(UUID id, EntryDetails details, String ifMatch) {
        TimeEntry entry = own(id);
        Versions.requireMatch(ifMatch, entry.version);
        caller.requireSchool(entry.trustId, details.schoolUrn());
        Durations.Resolved duration = validate(details, entry.id, entry.categoryCode);
        LocalDate before = entry.date;
        apply(entry, details, duration);
        persist(entry, false);
        audit(AuditLog.UPDATE, entry, "time entry now " + entry.minutes + " min " + entry.categoryCode + " on " + entry.date);
        watch.checkActual(entry.trustId, entry.schoolUrn, entry.senco, entry.date);
        if (!before.equals(entry.date)) {
            watch.checkActual(entry.trustId, entry.schoolUrn, entry.senco, before);
        }
        return entry;
    }

    public void delete(UUID id, String ifMatch) {
        TimeEntry entry = own(id);
        Versions.requireMatch(ifMatch, entry.version);
        audit(AuditLog.DELETE, entry, "time entry of " + entry.minutes + " min on " + entry.date + " deleted");
        entry.delete();
    }

    /** The caller's own entry, or 404: another SENCO's entries do not exist for them. */
    public TimeEntry own(UUID id) {
        TimeEntry entry = TimeEntry.findById(id);
        if (entry == null || !entry.senco.equals(caller.username()) || !entry.trustId.equals(caller.trustId())) {
            throw ProblemException.notFound("Time entry", id);
        }
        return entry;
    }

    /** Reads one of the caller's entries (audited when it refers to a pupil). */
    public TimeEntry read(UUID id) {
        TimeEntry entry = own(id);
        if (entry.pupilId != null) {
            audit(AuditLog.READ, entry, null);
        }
        return entry;
    }

    public Page<TimeEntry> list(LocalDate from, LocalDate to, String school, String category, PageRequest page) {
        String trust = caller.requireTrust();
        Where where = Where.of("trustId = :trust", "trust", trust).and("senco = :senco", "senco", caller.username())
                .andIfGiven("date >= :from", "from", from)
                .andIfGiven("date <= :to", "to", to)
                .andIfGiven("schoolUrn = :school", "school", school)
                .andIfGiven("categoryCode = :category", "category", category);
        Page<TimeEntry> result = Page.of(TimeEntry.<TimeEntry> find(
                where.orderBy("date desc, startTime desc nulls last, createdAt desc"), where.params()), page, e -> e);
        List<String> pupils = result.items().stream().filter(e -> e.pupilId != null)
                .map(e -> e.pupilId.toString()).distinct().toList();
        audit.record(AuditLog.LIST, "pupil", pupils, trust, school, "time entries referring to pupils");
        return result;
    }

    /** Checks the details of a new or changed entry; returns its duration or throws one problem with every reason. */
    private Durations.Resolved validate(EntryDetails d, UUID self, String currentCategory) {
        List<Violation> violations = new ArrayList<>();
        if (currentCategory == null || !currentCategory.equals(d.category())) {
            Violation category = categories.refusal("category", d.category());
            if (category != null) {
                violations.add(category);
            }
        }
        Durations.Outcome outcome = Durations.resolve(d.date(), d.minutes(), toMinute(d.startTime()),
                toMinute(d.endTime()), config.entries().maxMinutes(), clock.now(),
                Duration.ofMinutes(config.entries().futureToleranceMinutes()));
        violations.addAll(outcome.violations());
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        requireKnownReview(d);
        Durations.Resolved resolved = outcome.resolved();
        if (resolved.timed()) {
            refuseOverlap(d.date(), resolved.start(), resolved.end(), self);
        }
        return resolved;
    }

    /**
     * A review named on an entry is one this service has heard of from review-service, of the entry's school and the
     * caller's trust; a made-up or foreign id would count time against work that does not exist (and, for another
     * school's review, say that it does).
     */
    private void requireKnownReview(EntryDetails d) {
        if (d.reviewId() == null) {
            // a pupil named without a review: one the register announced at the entry's school
            if (d.pupilId() != null && !registerPupils.ofSchool(d.pupilId(), caller.requireTrust(), d.schoolUrn())) {
                throw ProblemException.rule("pupilId", "is not a pupil of school " + d.schoolUrn()
                        + " known from the register");
            }
            return;
        }
        StatutoryWork work = StatutoryWork.findById(d.reviewId());
        if (work == null || !work.trustId.equals(caller.requireTrust()) || !work.schoolUrn.equals(d.schoolUrn())) {
            throw ProblemException.rule("reviewId", "is not a review of school " + d.schoolUrn() + " known here");
        }
        if (d.pupilId() != null && !d.pupilId().equals(work.pupilId)) {
            throw ProblemException.rule("pupilId", "is not the pupil of that review");
        }
    }

    private void refuseOverlap(LocalDate date, LocalTime start, LocalTime end, UUID self) {
        List<TimeEntry> sameDay = TimeEntry.list("senco = ?1 and date = ?2 and startTime is not null",
                caller.username(), date);
        for (TimeEntry other : sameDay) {
            if (!other.id.equals(self) && Durations.overlap(start, end, other.startTime, other.endTime)) {
                throw ProblemException.rule("startTime", start + "-" + end + " overlaps your entry " + other.startTime
                        + "-" + other.endTime + " on " + date + " (" + other.categoryCode + ", at " + other.schoolUrn
                        + "); change the times or that entry");
            }
        }
    }

    private void persist(TimeEntry entry, boolean isNew) {
        entry.updatedAt = clock.instant();
        try {
            if (isNew) {
                entry.persist();
            }
            em.flush();
        } catch (PersistenceException e) {
            if (Sql.causedBy(e, Sql.EXCLUSION_VIOLATION)) {
                // another request of the same SENCO wrote an overlapping entry at the same moment
                throw ProblemException.rule("startTime", "overlaps another of your entries on " + entry.date);
            }
            throw e;
        }
    }

    private static void apply(TimeEntry entry, EntryDetails d, Durations.Resolved duration) {
        entry.schoolUrn = d.schoolUrn();
        entry.date = d.date();
        entry.minutes = duration.minutes();
        entry.startTime = duration.start();
        entry.endTime = duration.end();
        entry.categoryCode = d.category();
        entry.pupilId = d.pupilId();
        entry.reviewId = d.reviewId();
        entry.note = d.note() == null || d.note().isBlank() ? null : d.note().strip();
    }

    private static LocalTime toMinute(LocalTime time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MINUTES);
    }

    private void audit(String action, TimeEntry entry, String detail) {
        List<String> ids = new ArrayList<>();
        ids.add(entry.id.toString());
        if (entry.pupilId != null) {
            ids.add(entry.pupilId.toString());
        }
        audit.record(action, "time-entry", ids, entry.trustId, entry.schoolUrn, detail);
    }
}
