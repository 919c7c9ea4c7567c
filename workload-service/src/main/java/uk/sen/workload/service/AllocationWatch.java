package uk.sen.workload.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import uk.sen.platform.audit.AuditLog;
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.AllocatedTime;
import uk.sen.workload.domain.Exceedance;
import uk.sen.workload.domain.Period;
import uk.sen.workload.domain.ProtectedTime;
import uk.sen.workload.domain.SchoolCalendar;
import uk.sen.workload.events.WorkloadEvents;
import uk.sen.workload.repository.TimeAggregates;

/**
 * Watches time spent and time forecast against protected time. When a SENCO's weeks at a school run over their
 * allocation by the configured margin for the configured number of consecutive weeks, it raises "allocation
 * exceeded" once per SENCO, school and term, in the transaction of the change that caused it (a time entry, an
 * allocation, a review event), and a daily sweep catches what the passing of time changes.
 */
@ApplicationScoped
public class AllocationWatch {

    private static final Logger LOG = Logger.getLogger(AllocationWatch.class);

    @Inject
    EntityManager em;

    @Inject
    WorkloadClock clock;

    @Inject
    WorkloadConfig config;

    @Inject
    TimeAggregates aggregates;

    @Inject
    ForecastService forecasts;

    @Inject
    WorkloadEvents events;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    TransactionManager transactionManager;

    /**
     * Checks the time logged in the term containing {@code date}, up to today. Only this term and the previous one
     * are checked: time back-filled into older terms is reported, but no longer worth an alert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkActual(String trust, String school, String senco, LocalDate date) {
        SchoolCalendar calendar = clock.calendar();
        LocalDate today = clock.today();
        Period term = calendar.term(date);
        if (!term.equals(calendar.term(today)) && !term.equals(calendar.previousTerm(today))) {
            return;
        }
        LocalDate end = term.to().isBefore(today) ? term.to() : today;
        if (end.isBefore(term.from())) {
            return;
        }
        List<AllocatedTime.Span> spans = aggregates.allocations(trust, List.of(school), senco, term.from(), end)
                .stream().map(ProtectedTime::span).toList();
        if (spans.isEmpty()) {
            return;
        }
        Map<LocalDate, Long> spent = aggregates.weekly(trust, school, senco, term.from(), end);
        List<Exceedance.WeekLoad> loads = new ArrayList<>();
        for (LocalDate week : SchoolCalendar.weekStarts(term.from(), end)) {
            LocalDate from = week.isBefore(term.from()) ? term.from() : week;
            LocalDate to = week.plusDays(6).isAfter(end) ? end : week.plusDays(6);
            loads.add(new Exceedance.WeekLoad(week, spent.getOrDefault(week, 0L),
                    AllocatedTime.minutes(spans, from, to, calendar)));
        }
        Exceedance.firstRun(loads, config.exceedance().marginPercent(), config.exceedance().weeks())
                .ifPresent(run -> raise(trust, school, senco, term, "ACTUAL", run));
    }

    /** Checks the forecast of every SENCO with an allocation at the school (none: nothing to compare, no work). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkForecast(String trust, String school) {
        SchoolCalendar calendar = clock.calendar();
        LocalDate today = clock.today();
        if (aggregates.allocations(trust, List.of(school), null, SchoolCalendar.weekStart(today),
                calendar.nextTerm(today).to()).isEmpty()) {
            return;
        }
        forecasts.loadsBySenco(trust, school).forEach((senco, loads) -> {
            Optional<Exceedance.Run> run = Exceedance.firstRun(loads, config.exceedance().marginPercent(),
                    config.exceedance().weeks());
            run.ifPresent(r -> raise(trust, school, senco, ForecastService.termOf(calendar, r.firstWeek()),
                    "FORECAST", r));
        });
    }

    /**
     * Checks the school's forecast once, just before the current transaction commits, however many changes in it ask
     * for it: a batch of review events about one school (EventConsumption applies a batch in one transaction) pays for
     * one check, not one per event. The check still commits with the changes, or not at all.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkForecastBeforeCommit(String trust, String school) {
        @SuppressWarnings("unchecked")
        Set<List<String>> schools = (Set<List<String>>) transactions.getResource(AllocationWatch.class);
        if (schools == null) {
            Set<List<String>> pending = new LinkedHashSet<>();
            transactions.putResource(AllocationWatch.class, pending);
            // a plain (not interposed) synchronization: it runs before Hibernate's own, which then flushes what the
            // checks wrote
            try {
                transactionManager.getTransaction().registerSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                        pending.forEach(s -> checkForecast(s.get(0), s.get(1)));
                    }

                    @Override
                    public void afterCompletion(int status) {
                        // nothing kept
                    }
                });
            } catch (RollbackException | SystemException e) {
                throw new IllegalStateException("The forecast check could not be joined to the transaction", e);
            }
            schools = pending;
        }
        schools.add(List.of(trust, school));
    }

    /** Once a day, so weeks that end without anyone logging anything are judged too. */
    @Scheduled(cron = "${sen.workload.exceedance.sweep-cron}", timeZone = "Europe/London",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        LocalDate today = clock.today();
        LocalDate since = clock.calendar().previousTerm(today).from();
        List<Object[]> watched = QuarkusTransaction.requiringNew().call(() -> castRows(em.createNativeQuery("""
                SELECT DISTINCT trust_id, school_urn, senco FROM protected_time
                WHERE effective_to IS NULL OR effective_to >= ?1 ORDER BY 1, 2, 3""")
                .setParameter(1, since).getResultList()));
        String lastSchool = null;
        for (Object[] row : watched) {
            String trust = (String) row[0];
            String school = (String) row[1];
            String senco = (String) row[2];
            try {
                QuarkusTransaction.requiringNew().run(() -> checkActual(trust, school, senco, today));
                if (!(trust + "|" + school).equals(lastSchool)) {
                    QuarkusTransaction.requiringNew().run(() -> checkForecast(trust, school));
                    lastSchool = trust + "|" + school;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Allocation check failed for %s at %s (%s); the next sweep retries", senco, school, trust);
            }
        }
    }

    private void raise(String trust, String school, String senco, Period period, String basis, Exceedance.Run run) {
        UUID alertId = UUID.randomUUID();
        List<WorkloadEvents.WeekData> weeks = run.weeks().stream().map(w -> new WorkloadEvents.WeekData(w.week(),
                Hours.of(w.minutes()), Hours.ofNullable(w.allocatedMinutes()))).toList();
        int inserted = em.createNativeQuery("""
                INSERT INTO allocation_alert (id, trust_id, school_urn, senco, period, basis, first_week, last_week,
                                              weeks_over, detail, raised_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING""")
                .setParameter(1, alertId).setParameter(2, trust).setParameter(3, school).setParameter(4, senco)
                .setParameter(5, period.code()).setParameter(6, basis).setParameter(7, run.firstWeek())
                .setParameter(8, run.lastWeek()).setParameter(9, run.weeks().size()).setParameter(10, write(weeks))
                .setParameter(11, clock.instant())
                .executeUpdate();
        if (inserted == 0) {
            return;
        }
        events.allocationExceeded(new WorkloadEvents.AllocationExceededData(alertId.toString(), trust,
                school, senco, basis, period.code(), period.label(), period.from(), period.to(),
                config.exceedance().marginPercent(), config.exceedance().weeks(), run.firstWeek(), run.lastWeek(),
                weeks, clock.instant()));
        audit.recordSystem("workload-service", AuditLog.CREATE, "allocation-alert", alertId.toString(), trust, school,
                basis.toLowerCase() + " time of " + senco + " over allocation for " + run.weeks().size()
                        + " weeks from " + run.firstWeek() + " (" + period.code() + ")");
        LOG.infof("Allocation exceeded (%s) for %s at %s in %s", basis, senco, school, period.code());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> castRows(List<?> rows) {
        return (List<Object[]>) rows;
    }
}
