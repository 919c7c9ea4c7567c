package uk.sen.platform.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import uk.sen.platform.tracing.TraceContext;

/**
 * How every consumer applies a record, and how it stops. A record is applied by its {@link EventChannel}, tried up to
 * four times (each try its own transaction), then acknowledged; one that still fails, or can never be read, is
 * nacked and goes to the channel's dead-letter topic, so it never blocks the pupils behind it. A failure of the
 * infrastructure rather than of the event (the database restarting or unreachable, a deadlock, no connection free)
 * is not the event's fault: it is tried again with a growing pause for up to {@code sen.consumer.outage-patience}
 * (10 minutes), holding its partition, since nothing behind it could be applied either.
 * <p>
 * On shutdown (SIGTERM, a rolling restart) the service stops applying records before its data source closes: records
 * not yet started are neither acknowledged nor nacked, so their offsets are not committed and they are delivered
 * again, after the restart or to another replica; records being applied are waited for (up to
 * {@code sen.shutdown.drain-timeout}), and one that fails because the service is stopping is left unacknowledged too.
 * Nothing in flight at shutdown reaches a dead-letter topic. (The Kafka connector's own graceful shutdown, which keeps
 * applying records while the rest of the service closes, is turned off in the platform's configuration.)
 */
@ApplicationScoped
public class EventConsumption {

    private static final Logger LOG = Logger.getLogger(EventConsumption.class);
    static final int TRIES = 4;

    @ConfigProperty(name = "sen.consumer.retry-delay", defaultValue = "200ms")
    Duration retryDelay;

    @ConfigProperty(name = "sen.shutdown.drain-timeout", defaultValue = "5s")
    Duration drainTimeout;

    @ConfigProperty(name = "sen.consumer.outage-patience", defaultValue = "10m")
    Duration outagePatience;

    @Inject
    EntityManager em;

    private final MeterRegistry metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    EventConsumption(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** Applies a record received on the channel and settles it: ack, nack (dead letter), or left for redelivery. */
    public CompletionStage<Void> consume(EventChannel channel, Message<?> message) {
        if (stopping) {
            return leftForRedelivery(channel, "the service is stopping");
        }
        inFlight.incrementAndGet();
        try (io.opentelemetry.context.Scope trace = TraceContext.applying(message)) {
            applyWithRetries(channel, IncomingEvent.from(recordOf(message)));
            return message.ack();
        } catch (RuntimeException e) {
            if (stopping) {
                return leftForRedelivery(channel, "it failed while the service was stopping (" + e + ")");
            }
            return message.nack(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Applies the records one poll handed over (a batch, in each partition's order) and settles them. The batch is
     * applied in one transaction: each event still goes through its channel's {@link EventChannel#apply}, so the inbox
     * decides per event and a redelivered one is skipped, and each runs in its own record's trace. When the batch
     * cannot be applied whole (an event at fault, or the infrastructure failing), it rolls back and its records are
     * applied one at a time as {@link #consume} does: a poison event is tried, then dead-lettered alone, and its
     * neighbours take effect. The batch is acknowledged (its latest offsets committed) only once every record in it
     * has taken effect or reached the dead-letter topic.
     */
    public CompletionStage<Void> consumeBatch(EventChannel channel, KafkaRecordBatch<String, String> batch) {
        if (stopping) {
            return leftForRedelivery(channel, "the service is stopping");
        }
        List<KafkaRecord<String, String>> records = batch.getRecords();
        inFlight.incrementAndGet();
        try {
            List<IncomingEvent> events = new ArrayList<>(records.size());
            for (KafkaRecord<String, String> record : records) {
                try {
                    events.add(IncomingEvent.from(recordOf(record)));
                } catch (MalformedEventException e) {
                    events.add(null);
                }
            }
            if (records.size() > 1 && !events.contains(null) && appliedTogether(channel, records, events)) {
                metrics.counter("sen.consumer.batches", "channel", channel.channel(), "outcome", "together").increment();
                return batch.ack();
            }
            if (records.size() > 1) {
                // a batch of several that had to be applied one at a time (a single record always is)
                metrics.counter("sen.consumer.batches", "channel", channel.channel(), "outcome", "one-at-a-time")
                        .increment();
            }
            List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                KafkaRecord<String, String> record = records.get(i);
                if (stopping) {
                    return leftForRedelivery(channel, "the service began to stop within a batch");
                }
                try (io.opentelemetry.context.Scope trace = TraceContext.applying(record)) {
                    if (events.get(i) == null) {
                        IncomingEvent.from(recordOf(record)); // throws again, with the reason
                    }
                    applyWithRetries(channel, events.get(i));
                } catch (RuntimeException e) {
                    if (stopping) {
                        return leftForRedelivery(channel, "it failed while the service was stopping (" + e + ")");
                    }
                    // to the dead-letter topic alone; in the partition's order, after the records before it took effect
                    deadLettered.add(record.nack(e).toCompletableFuture());
                }
            }
            return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new))
                    .thenCompose(done -> batch.ack());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The batch in one transaction; false (rolled back) when any event of it failed, or the transaction did. */
    private boolean appliedTogether(EventChannel channel, List<KafkaRecord<String, String>> records,
            List<IncomingEvent> events) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < records.size(); i++) {
                    try (io.opentelemetry.context.Scope trace = TraceContext.applying(records.get(i))) {
                        channel.apply(events.get(i));
                    }
                    // each event's changes written and the session emptied: every flush (one before each query)
                    // walks the whole session, so an event must not pay for the ones before it in the batch
                    em.flush();
                    em.clear();
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("A batch of %d records on %s could not be applied whole (%s); applying them one at a time",
                    records.size(), channel.channel(), e);
            return false;
        }
    }

    /** Applies an event once more (a dead letter replayed by an operator), with the same tries as a first delivery. */
    public void replay(EventChannel channel, ConsumerRecord<String, String> record) {
        if (stopping) {
            throw new IllegalStateException("the service is stopping");
        }
        inFlight.incrementAndGet();
        try {
            applyWithRetries(channel, IncomingEvent.from(record));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** True once the service has begun to stop; a long job checks it to leave off between steps. */
    public boolean stopping() {
        return stopping;
    }

    private void applyWithRetries(EventChannel channel, IncomingEvent event) {
        long outageDeadline = 0;
        long pause = retryDelay.toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                channel.apply(event);
                return;
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                if (isOutage(e)) {
                    long now = System.nanoTime();
                    if (outageDeadline == 0) {
                        outageDeadline = now + outagePatience.toNanos();
                        LOG.warnf("Event %s on %s waits for the infrastructure (tried again for up to %s): %s",
                                event.id(), channel.channel(), outagePatience, rootMessage(e));
                    }
                    if (now < outageDeadline) {
                        metrics.counter("sen.consumer.outage-retries", "channel", channel.channel()).increment();
                        sleep(pause);
                        pause = Math.min(pause * 2, 5_000);
                        continue;
                    }
                    throw e;
                }
                if (attempt >= TRIES) {
                    throw e;
                }
                LOG.debugf("Event %s on %s failed (try %d of %d), trying again: %s", event.id(), channel.channel(),
                        attempt, TRIES, e);
                sleep(retryDelay.toMillis());
            }
        }
    }

    /**
     * Whether a failure is the infrastructure's (connection lost or refused, the database shutting down or
     * starting, no connection free in time, a deadlock or serialisation failure) rather than the event's.
     */
    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")
                        || state.equals("40P01") || state.equals("53300"))) {
                    return true;
                }
                if (state == null && String.valueOf(sql.getMessage()).contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private CompletionStage<Void> leftForRedelivery(EventChannel channel, String why) {
        metrics.counter("sen.consumer.left-for-redelivery", "channel", channel.channel()).increment();
        LOG.debugf("A record on %s is left unacknowledged for redelivery: %s", channel.channel(), why);
        // never completed: the record is not acknowledged, so its offset (and those after it) stay uncommitted
        return new CompletableFuture<>();
    }

    /**
     * Runs when shutdown begins, before the data source and Hibernate close: from now on no record is started, and
     * the records being applied get until the drain timeout to finish.
     */
    void drain(@Observes @Priority(10) ShutdownEvent event) {
        stopping = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        int left = inFlight.get();
        if (left > 0) {
            LOG.warnf("Shutdown: %d records still being applied after %s; they roll back and are delivered again",
                    left, drainTimeout);
        } else {
            LOG.info("Shutdown: consumers drained; records not started are left for redelivery");
        }
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> recordOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<String, String>) m.getRecord())
                .orElseThrow(() -> new MalformedEventException("Message is not a Kafka record"));
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
