package uk.sen.notification.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.notification.support.Mailbox;

/**
 * The last leg of one trace from a register change to the email: the register's relay publishes the event with the
 * change's {@code traceparent}; the message the event plans keeps it, and the email is handed to the SMTP server in
 * a span of that same trace, however much later the sender takes it.
 */
@QuarkusTest
class TracedToTheEmailTest {

    static final String SENCO = "senco.harbour";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void theEmailIsSentInTheTraceOfTheRegisterChange() {
        String pupil = UUID.randomUUID().toString();
        Events.register(pupil, "northbridge", "900101", "uk.sen.register.pupil-left-register", "N", "E");
        Api.awaitKnown(pupil, SENCO);
        String mother = Api.email("mother");
        Api.addContact(pupil, Api.parent("Sam Taylor", mother, null, true, "EMAIL"), SENCO);

        HexFormat hex = HexFormat.of();
        String traceId = hex.formatHex(randomBytes(16));
        String changeSpan = hex.formatHex(randomBytes(8));
        Events.register(pupil, "northbridge", "900101", "uk.sen.register.pupil-registered", "K", "N",
                Events.PROVISION_START, "00-" + traceId + "-" + changeSpan + "-01");
        Mailbox.await(mother, 1);

        // the hand-over that the SMTP server accepted: GreenMail now and then leaves a send unanswered until the
        // mailer's timeout (seen in CI), and the retry, in the same trace, is the one accepted
        await().atMost(Duration.ofSeconds(90)).until(() -> inTrace(traceId).stream()
                .anyMatch(s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("send email")
                        && "DELIVERED".equals(attribute(s, "sen.message.outcome"))));
        List<SpanData> trace = inTrace(traceId);
        SpanData consumed = trace.stream().filter(s -> s.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow(
                () -> new AssertionError("the event was not applied in the change's trace: " + trace));
        assertEquals(changeSpan, consumed.getParentSpanId(), "the consumer's span is not a child of the change");
        List<SpanData> sends = trace.stream().filter(s -> s.getName().equals("send email")).toList();
        SpanData sent = sends.stream().filter(s -> "DELIVERED".equals(attribute(s, "sen.message.outcome")))
                .findFirst().orElseThrow();
        assertEquals("SMTP", attribute(sent, "sen.message.provider"));
        assertTrue(sends.stream().allMatch(s -> s.getKind() == SpanKind.CLIENT && "SMTP".equals(
                attribute(s, "sen.message.provider"))), "every hand-over attempt is a CLIENT span of the trace");
        String all = trace.toString();
        assertFalse(all.contains(mother), "an address reached a span: " + all);
        assertFalse(all.contains("Sam Taylor"), "a name reached a span: " + all);
        assertTrue(trace.size() >= 2, all);
    }

    private List<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zero (an invalid id)
        return b;
    }
}
