package uk.sen.review.service;

import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import uk.sen.platform.outbox.OutboxWriter;
import uk.sen.platform.time.EnglandClock;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.events.ReviewEvents;
import uk.sen.review.events.ReviewEvents.DeadlineData;

/**
 * Announces deadlines that come near ("deadline approaching", at each configured lead time) and deadlines that
 * pass undone ("deadline missed"). Exactly once per deadline and threshold, also with several instances scanning
 * at once: the alert rows are inserted with ON CONFLICT DO NOTHING and only the rows this scan inserted are
 * announced, through the outbox, in the same transaction. When several thresholds are crossed at once (a deadline
 * created 2 days ahead), all are recorded and only the nearest is announced. A deadline a recorded exception
 * applies to (Regs 10(4)) is not watched: it is excepted, never missed.
 */
@ApplicationScoped
public class DeadlineMonitor {

    public record ScanResult(LocalDate asAt, int approaching, int missed, long millis) {
    }

    static final String MISSED = "MISSED";
    private static final Logger LOG = Logger.getLogger(DeadlineMonitor.class);

    @Inject
    EntityManager em;

    @Inject
    ReviewConfig config;

    @Inject
    EnglandClock calendar;

    @Inject
    OutboxWriter outbox;

    @ConfigProperty(name = "sen.topics.review")
    String topic;

    @Scheduled(every = "${sen.review.monitor.every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        ScanResult result = scan(calendar.today());
        if (result.approaching() + result.missed() > 0) {
            LOG.infof("Deadline scan as at %s: %d approaching, %d missed announced in %d ms", result.asAt(),
                    result.approaching(), result.missed(), result.millis());
        }
    }

    @Transactional
    public ScanResult scan(LocalDate today) {
        long start = System.currentTimeMillis();
        TreeSet<Integer> leads = new TreeSet<>(config.alertLeadDays());
        int maxLead = leads.isEmpty() ? 0 : leads.last();
        // thresholds as a VALUES list: (threshold, lead days); MISSED is -1
        StringBuilder values = new StringBuilder("('" + MISSED + "', -1)");
        for (int lead : leads) {
            values.append(", ('").append(lead).append("', ").append(lead).append(')');
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                WITH thresholds(threshold, lead) AS (VALUES %s),
                open_due AS (
                    SELECT d.id, d.due_on - cast(?1 as date) AS days_left
                    FROM deadline d
                    WHERE d.done_on IS NULL AND NOT d.cancelled AND NOT d.excepted
                      AND d.due_on <= cast(?1 as date) + ?2
                ),
                crossed AS (
                    SELECT o.id, t.threshold FROM open_due o JOIN thresholds t
                      ON (t.lead = -1 AND o.days_left < 0) OR (t.lead >= 0 AND o.days_left >= 0 AND o.days_left <= t.lead)
                ),
                inserted AS (
                    INSERT INTO deadline_alert (deadline_id, threshold)
                    SELECT id, threshold FROM crossed
                    ON CONFLICT DO NOTHING
                    RETURNING deadline_id, threshold
                )
                SELECT d.id, d.pupil_id, d.trust_id, d.school_urn, d.source_type, d.source_id, d.step, d.statutory,
                       d.due_on, i.threshold
                FROM inserted i JOIN deadline d ON d.id = i.deadline_id
                ORDER BY d.id""".formatted(values))
                .setParameter(1, Date.valueOf(today))
                .setParameter(2, maxLead)
                .getResultList();

        // nearest threshold per deadline: MISSED, then the smallest lead
        Map<Object, Object[]> nearest = new HashMap<>();
        for (Object[] row : rows) {
            nearest.merge(row[0], row, (a, b) -> rank((String) b[9]) < rank((String) a[9]) ? b : a);
        }
        List<OutboxWriter.Pending> events = new ArrayList<>(nearest.size());
        int approaching = 0;
        int missed = 0;
        for (Object[] r : nearest.values()) {
            LocalDate dueOn = r[8] instanceof Date sql ? sql.toLocalDate() : (LocalDate) r[8];
            String threshold = (String) r[9];
            boolean isMissed = MISSED.equals(threshold);
            DeadlineData data = new DeadlineData(r[0].toString(), r[1].toString(), (String) r[2], (String) r[3],
                    (String) r[4], r[5].toString(), (String) r[6], (Boolean) r[7], dueOn, threshold,
                    ChronoUnit.DAYS.between(today, dueOn));
            events.add(new OutboxWriter.Pending(isMissed ? ReviewEvents.DEADLINE_MISSED
                    : ReviewEvents.DEADLINE_APPROACHING, data.pupilId(), data.trustId(), data.schoolUrn(), data));
            if (isMissed) {
                missed++;
            } else {
                approaching++;
            }
        }
        outbox.publishAll(topic, events);
        return new ScanResult(today, approaching, missed, System.currentTimeMillis() - start);
    }

    private static int rank(String threshold) {
        return MISSED.equals(threshold) ? -1 : Integer.parseInt(threshold);
    }
}
