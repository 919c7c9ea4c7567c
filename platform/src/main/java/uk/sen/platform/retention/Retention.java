package uk.sen.platform.retention;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the platform's bookkeeping tables from growing for ever: outbox rows the broker acknowledged, the inbox's
 * handled-event ids and stored idempotent responses, each kept for a window of its own (settings). Deletes run in
 * small batches, each its own short transaction, and only on the replica holding the job's advisory lock.
 * <p>
 * The inbox window must outlast the topics' retention (7 days by default): an event redelivered after its id was
 * forgotten would be applied again. The idempotency window is how long a client may retry a create safely.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final long LOCK_KEY = 0x5E_0_0_7E_7L;
    private static final int BATCH = 5_000;

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "sen.retention.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "sen.retention.published-outbox", defaultValue = "P7D")
    Duration publishedOutbox;

    @ConfigProperty(name = "sen.retention.handled-events", defaultValue = "P30D")
    Duration handledEvents;

    @ConfigProperty(name = "sen.retention.idempotency-keys", defaultValue = "P1D")
    Duration idempotencyKeys;

    /** Finished import jobs, whose reports name pupils: kept long enough to be read, then gone. */
    @ConfigProperty(name = "sen.retention.import-jobs", defaultValue = "P7D")
    Duration importJobs;

    @Scheduled(every = "${sen.retention.interval:1h}", delayed = "${sen.retention.first-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (enabled) {
            run();
        }
    }

    /** Deletes what is past its window; returns how many rows went, per table (nothing if another replica runs). */
    public Map<String, Long> run() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        // an unsent outbox row has no sent_at, so it is never past its window
        deleted.put("outbox_event", purge("outbox_event", "sent_at", publishedOutbox));
        deleted.put("handled_event", purge("handled_event", "handled_at", handledEvents));
        deleted.put("idempotency_record", purge("idempotency_record", "created_at", idempotencyKeys));
        // a running job has no finished_at, so it is never past its window
        deleted.put("import_job", purge("import_job", "finished_at", importJobs));
        if (deleted.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("Retention removed %s", deleted);
        }
        return deleted;
    }

    private long purge(String table, String column, Duration window) {
        long total = 0;
        int removed;
        do {
            removed = QuarkusTransaction.requiringNew().call(() -> {
                Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                        .setParameter(1, LOCK_KEY).getSingleResult();
                if (!Boolean.TRUE.equals(locked)) {
                    return 0;
                }
                return em.createNativeQuery("DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table
                        + " WHERE " + column + " < now() - cast(?1 AS interval) LIMIT " + BATCH + ")")
                        .setParameter(1, window.toSeconds() + " seconds")
                        .executeUpdate();
            });
            total += removed;
        } while (removed == BATCH);
        if (total > 0) {
            metrics.counter("sen.retention.deleted", "table", table).increment(total);
        }
        return total;
    }
}
