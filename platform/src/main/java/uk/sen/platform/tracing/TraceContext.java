package uk.sen.platform.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Carries one trace across the outbox, from the API call that changed a record to whatever the event causes in the
 * consumers (and on, through their own outboxes, to the email): the writer stores the W3C {@code traceparent} of the
 * change with its outbox row, the relay publishes the row as a child of it (the Kafka connector writes the
 * {@code traceparent} header), and a consumer applies the event inside the span the connector opened for it.
 * With tracing off (the default, OTEL_SDK_DISABLED) there is no trace and nothing is stored.
 */
public final class TraceContext {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The current span's {@code traceparent} (W3C Trace Context), or null when no span is being recorded. */
    public static String currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /** The metadata that makes a message's publication a child of the stored {@code traceparent}, if there is one. */
    public static Optional<TracingMetadata> publishedUnder(String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        Context parent = W3C.extract(Context.root(), Map.of("traceparent", traceparent), MAP);
        return Span.fromContext(parent).getSpanContext().isValid() ? Optional.of(TracingMetadata.withCurrent(parent))
                : Optional.empty();
    }

    /**
     * Starts a span of the trace of the stored {@code traceparent} (a root span when there is none), for work done
     * later and elsewhere than the change that asked for it: notification-service sends an email in it, so one
     * trace runs from the register change to the email. The caller ends it.
     */
    public static Span startChildOf(Tracer tracer, String traceparent, String name, SpanKind kind) {
        Context parent = traceparent == null ? Context.root()
                : W3C.extract(Context.root(), Map.of("traceparent", traceparent), MAP);
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    }

    /** Makes the span the Kafka connector opened for a received message current while the event is applied. */
    public static Scope applying(Message<?> message) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .map(Context::makeCurrent).orElse(Scope.noop());
    }
}
