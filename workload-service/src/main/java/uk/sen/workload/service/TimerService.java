package uk.sen.workload.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.RunningTimer;
import uk.sen.workload.domain.TimeEntry;
import uk.sen.workload.repository.Sql;

/**
 * The mobile app's stopwatch. One runs per SENCO; stopping it records a time entry from its start to its stop
 * (both to the minute, on one day in Europe/London), discarding it records nothing.
 */
@ApplicationScoped
@Transactional
public class TimerService {

    public record StartDetails(String schoolUrn, String category, UUID pupilId, UUID reviewId, String note,
            Instant startedAt) {
    }

    /** Optional corrections when stopping: a stop time for a forgotten timer, and changed details. */
    public record StopDetails(Instant stoppedAt, String category, UUID pupilId, UUID reviewId, String note) {
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
    TimeEntryService entries;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    public RunningTimer start(StartDetails d) {
        String trust = caller.requireTrust();
        caller.requireSchool(trust, d.schoolUrn());
        Violation category = categories.refusal("category", d.category());
        if (category != null) {
            throw ProblemException.invalid(List.of(category));
        }
        Instant now = clock.instant();
        Instant startedAt = d.startedAt() == null ? now : d.startedAt();
        Duration tolerance = Duration.ofMinutes(config.entries().futureToleranceMinutes());
        if (startedAt.isAfter(now.plus(tolerance))) {
            throw ProblemException.invalid("startedAt", "must not be in the future");
        }
        if (startedAt.isBefore(now.minus(Duration.ofMinutes(config.entries().timerMaxMinutes())))) {
            throw ProblemException.invalid("startedAt", "must be within the last "
                    + config.entries().timerMaxMinutes() + " minutes; log older time as an entry");
        }
        current().ifPresent(this::refuseSecond);
        RunningTimer timer = new RunningTimer();
        timer.id = UUID.randomUUID();
        timer.senco = caller.username();
        timer.trustId = trust;
        timer.schoolUrn = d.schoolUrn();
        timer.categoryCode = d.category();
        timer.pupilId = d.pupilId();
        timer.reviewId = d.reviewId();
        timer.note = d.note();
        timer.startedAt = startedAt.truncatedTo(ChronoUnit.SECONDS);
        try {
            timer.persist();
            em.flush();
        } catch (PersistenceException e) {
            if (Sql.causedBy(e, Sql.UNIQUE_VIOLATION)) {
                throw ProblemException.conflict("A timer is already running for you; stop or discard it first.");
            }
            throw e;
        }
        return timer;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RunningTimer> current() {
        return RunningTimer.find("senco", caller.username()).firstResultOptional();
    }

    public TimeEntry stop(StopDetails d) {
        RunningTimer timer = running();
        Instant now = clock.instant();
        Instant stoppedAt = d == null || d.stoppedAt() == null ? now : d.stoppedAt();
        if (stoppedAt.isAfter(now.plus(Duration.ofMinutes(config.entries().futureToleranceMinutes())))) {
            throw ProblemException.invalid("stoppedAt", "must not be in the future");
        }
        if (!stoppedAt.isAfter(timer.startedAt)) {
            throw ProblemException.invalid("stoppedAt", "must be after the timer started (" + timer.startedAt + ")");
        }
        LocalDateTime start = timer.startedAt.atZone(clock.zone()).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime end = stoppedAt.atZone(clock.zone()).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        if (!end.toLocalDate().equals(start.toLocalDate())) {
            throw ProblemException.rule("stoppedAt", "the timer started on " + start.toLocalDate()
                    + " and an entry ends on the day it starts; stop it with a stoppedAt that day, or discard it");
        }
        long minutes = Duration.between(start, end).toMinutes();
        if (minutes < 1) {
            throw ProblemException.rule("stoppedAt", "the timer ran for less than a minute; discard it instead");
        }
        if (minutes > config.entries().timerMaxMinutes()) {
            throw ProblemException.rule("stoppedAt", "the timer ran for " + minutes + " minutes, more than "
                    + config.entries().timerMaxMinutes() + "; stop it with the real stoppedAt, or discard it");
        }
        boolean changes = d != null;
        TimeEntryService.EntryDetails details = new TimeEntryService.EntryDetails(timer.schoolUrn,
                start.toLocalDate(), null, start.toLocalTime(), end.toLocalTime(),
                changes && d.category() != null ? d.category() : timer.categoryCode,
                changes && d.pupilId() != null ? d.pupilId() : timer.pupilId,
                changes && d.reviewId() != null ? d.reviewId() : timer.reviewId,
                changes && d.note() != null ? d.note() : timer.note);
        TimeEntry entry = entries.create(details, TimeEntry.Source.TIMER);
        timer.delete();
        return entry;
    }

    public void discard() {
        RunningTimer timer = running();
        audit.record(AuditLog.DELETE, "timer", timer.id.toString(), timer.trustId, timer.schoolUrn);
        timer.delete();
    }

    private RunningTimer running() {
        return current().orElseThrow(() -> new ProblemException(404, "no-timer", "No timer running",
                "You have no timer running; start one first.", List.of()));
    }

    private void refuseSecond(RunningTimer timer) {
        throw new ProblemException(409, "timer-running", "A timer is already running",
                "Your timer for " + timer.categoryCode + " at " + timer.schoolUrn + " has been running since "
                        + timer.startedAt + "; stop or discard it before starting another.",
                List.of());
    }
}
