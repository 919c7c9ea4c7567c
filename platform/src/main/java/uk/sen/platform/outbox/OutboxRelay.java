package uk.sen.platform.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import uk.sen.platform.tracing.TraceContext;
import uk.sen.platform.io.Rows;

/**
 * Publishes outbox rows as CloudEvents (binary mode: {@code ce_*} headers, JSON value), oldest first, and marks
 * a row sent only after the broker acknowledged it: at least once, never lost. A PostgreSQL advisory lock lets
 * one replica relay at a time, so several replicas never reorder a pupil's events (a pupil's own events are
 * written in the order their transactions commit, because each change of a pupil locks the pupil's row).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The advisory lock one replica holds while it relays (package-visible for the relay's tests). */
    static final long LOCK_KEY = 0x5E_0_0_7B_0L;

    @Inject
    EntityManager em;

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = "sen.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "sen.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    MeterRegistry metrics;

    @Inject
    ManagedExecutor executor;

    @ConfigProperty(name = "sen.shutdown.drain-timeout", defaultValue = "5s")
    Duration drainTimeout;

    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    /** Wakes the relay as soon as a transaction that wrote events commits, so events leave within milliseconds. */
    void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWriter.Written written) {
        if (enabled && !stopping) {
            executor.runAsync(this::poll);
        }
    }

    /** The safety net: publishes whatever a wake-up missed (a crash, a broker outage). */
    @Scheduled(every = "${sen.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPoll() {
        if (enabled && !stopping) {
            poll();
        }
    }

    /**
     * On shutdown, before the data source closes: no new batch starts, and the one being published gets until the
     * drain timeout to be acknowledged and marked sent. A batch cut short rolls back and is published again after the
     * restart (or by another replica); consumers drop what they already had.
     */
    void drain(@Observes @Priority(20) ShutdownEvent event) {
        stopping = true;
        try {
            if (running.tryLock(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
            } else {
                LOG.warnf("Shutdown: the outbox batch being published did not finish within %s; it is sent again",
                        drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Relays until nothing is left; a wake-up arriving meanwhile makes the running loop go round once more. */
    void poll() {
        again.set(true);
        if (!running.tryLock()) {
            return;
        }
        try {
            while (again.getAndSet(false) && !stopping) {
                int sent;
                do {
                    sent = relayBatch();
                } while (sent == batchSize && !stopping);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Outbox relay will retry: %s", e.getMessage());
        } finally {
            running.unlock();
        }
    }

    /** Publishes one batch of unsent events; returns how many were acknowledged and marked sent. */
    public int relayBatch() {
        // longer than the ack wait below, so a slow broker never times the transaction out under the relay's feet
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK_KEY).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT seq, id, topic, type, subject, trust_id, school_urn, occurred_at, payload, traceparent
                    FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?1""")
                    .setParameter(1, batchSize).getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            // published with the transaction suspended: the broker's acknowledgements arrive on other threads, and
            // the transaction must not travel there with them (a transaction still active on another thread at
            // commit is rolled back, and the batch would be sent twice)
            List<Object[]> published = QuarkusTransaction.suspendingExisting().call(() -> publish(rows));
            if (!published.isEmpty()) {
                // exactly the rows sent: a row with a lower seq whose transaction committed after the SELECT above
                // was not among them and stays unsent (marking "seq <= last" would lose it)
                List<Long> seqs = published.stream().map(row -> ((Number) row[0]).longValue()).toList();
                // the batch's number orders it in the event feed after every batch committed before it
                Object batch = em.createNativeQuery("SELECT nextval('outbox_feed_batch')").getSingleResult();
                em.createNativeQuery("UPDATE outbox_event SET sent_at = now(), feed_batch = ?2 WHERE seq IN (?1)")
                        .setParameter(1, seqs).setParameter(2, ((Number) batch).longValue()).executeUpdate();
                metrics.counter("sen.outbox.published").increment(published.size());
            }
            return published.size();
        });
    }

    /**
     * Sends the rows and returns the prefix the broker acknowledged. Only a prefix counts, so a failure never lets a
     * later event overtake an earlier one for good; what follows is sent again and consumers drop the duplicates.
     */
    private List<Object[]> publish(List<Object[]> rows) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            acks.add(emitter.sendMessage(toMessage(row)).subscribeAsCompletionStage());
        }
        long ackDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, ackDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                LOG.warnf("Broker did not acknowledge outbox event %s: %s", rows.get(i)[1], e.toString());
                return rows.subList(0, i);
            }
        }
        return rows;
    }

    private Message<String> toMessage(Object[] row) {
        String id = row[1].toString();
        String topic = (String) row[2];
        String type = (String) row[3];
        String subject = (String) row[4];
        OutgoingCloudEventMetadataBuilder<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(id)
                .withSource(URI.create("urn:uk-sen:" + service))
                .withType(type)
                .withSubject(subject)
                .withDataContentType("application/json")
                .withTimestamp(Rows.instant(row[7]).atZone(ZoneOffset.UTC));
        if (row[5] != null) {
            ce.withExtension("trustid", row[5]);
        }
        if (row[6] != null) {
            ce.withExtension("schoolurn", row[6]);
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(topic).withKey(subject).build();
        Message<String> message = Message.of((String) row[8]).addMetadata(ce.build()).addMetadata(kafka);
        // published as part of the trace of the change that wrote it (the connector writes the traceparent header)
        return TraceContext.publishedUnder((String) row[9]).map(message::addMetadata).orElse(message);
    }


    static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }
}
