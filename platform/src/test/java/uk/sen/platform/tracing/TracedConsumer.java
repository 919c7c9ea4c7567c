package uk.sen.platform.tracing;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;

/** A follower of the tests' topic written as the services write theirs; it notes the trace each event is applied in. */
@ApplicationScoped
public class TracedConsumer extends EventFollower {

    /** The trace id current while each event (by id) was applied. */
    static final Map<String, String> TRACE_OF_EVENT = new ConcurrentHashMap<>();

    TracedConsumer() {
        super("platform-events", "platform-test.platform-events");
    }

    @Incoming("platform-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
    }

    @Override
    protected void follow(IncomingEvent event) {
        TRACE_OF_EVENT.put(event.id(), Span.current().getSpanContext().getTraceId());
    }

    /** Every span the application ends, kept in memory (nothing is sent anywhere). */
    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
