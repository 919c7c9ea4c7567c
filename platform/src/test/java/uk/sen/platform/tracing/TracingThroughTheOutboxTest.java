package uk.sen.platform.tracing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.outbox.OutboxRelay;
import uk.sen.platform.outbox.OutboxWriter;
import uk.sen.platform.testing.TopicReader;
import uk.sen.platform.testing.Tokens;

/**
 * One trace from a change to what its event causes: the change's span writes the outbox row, the relay publishes
 * it later from another thread, and the consumer applies it in a span of the same trace.
 */
@QuarkusTest
class TracingThroughTheOutboxTest {

    @Inject
    OutboxWriter writer;

    @Inject
    OutboxRelay relay;

    @Inject
    OpenTelemetry telemetry;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theConsumersSpanCarriesTheProducersTraceIdThroughTheOutbox() {
        String subject = UUID.randomUUID().toString();
        Span change = telemetry.getTracer("test").spanBuilder("PUT /api/v1/pupils/{id}").startSpan();
        String traceId = change.getSpanContext().getTraceId();
        try (TopicReader topic = TopicReader.fromNow("test.sen.platform.v1")) {
            try (Scope ignored = change.makeCurrent()) {
                QuarkusTransaction.requiringNew().run(() -> writer.publish("test.sen.platform.v1",
                        "uk.sen.platform.test-happened", subject, "northbridge", "900101", Map.of("n", 1)));
            } finally {
                change.end();
            }
            // published by the relay outside the change's thread and span, as the scheduler does
            assertTrue(relay.relayBatch() >= 1);
            ConsumerRecord<String, String> record = topic.await(r -> subject.equals(r.key()), Duration.ofSeconds(20));
            String traceparent = TopicReader.header(record, "traceparent");
            assertTrue(traceparent != null && traceparent.contains(traceId),
                    "the record's traceparent " + traceparent + " is not of the change's trace " + traceId);
            String eventId = TopicReader.header(record, "ce_id");
            await().atMost(Duration.ofSeconds(20)).until(() -> TracedConsumer.TRACE_OF_EVENT.containsKey(eventId));
            assertEquals(traceId, TracedConsumer.TRACE_OF_EVENT.get(eventId), "the consumer applied it in another trace");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getTraceId().equals(traceId) && s.getKind() == io.opentelemetry.api.trace.SpanKind.CONSUMER));
        List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        assertTrue(trace.stream().anyMatch(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.PRODUCER),
                "no producer span in the trace: " + trace);
    }

    @Test
    void aRequestsQueryNeverReachesASpan() {
        given().auth().oauth2(Tokens.of("senco.harbour")).queryParam("name", "Quillonette")
                .get("/test/mechanics/refusals/invalid").then().statusCode(400);
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER
                        && String.valueOf(s.getAttributes().asMap()).contains("/test/mechanics/refusals")));
        String all = spans.getFinishedSpanItems().toString();
        assertTrue(!all.contains("Quillonette"), "a span holds the query: " + all);
    }
}
