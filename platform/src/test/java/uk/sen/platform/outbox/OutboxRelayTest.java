package uk.sen.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static uk.sen.platform.testing.TopicReader.header;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.TopicReader;

/**
 * The transactional outbox's relay (sen.outbox.enabled=false here, so each test drives it batch by batch): events
 * leave in the order they were written, as CloudEvents keyed by their subject, and a row is marked sent only when
 * the broker acknowledged it and every row before it; one replica relays at a time.
 */
@QuarkusTest
class OutboxRelayTest {

    static final String TOPIC = "test.sen.platform.v1";
    /** A name Kafka refuses (a space is not allowed in a topic's name): its send fails at once. */
    static final String REFUSED_TOPIC = "test sen refused";

    @Inject
    OutboxWriter writer;

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource database;

    @BeforeEach
    void emptyOutbox() throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement("DELETE FROM outbox_event")) {
            st.executeUpdate();
        }
    }

    /** Writes the events in one transaction, as a service's change does; returns their subjects in order. */
    private List<String> write(String... topics) {
        List<String> subjects = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String topic : topics) {
                String subject = UUID.randomUUID().toString();
                subjects.add(subject);
                writer.publish(topic, "uk.sen.platform.test-happened", subject, "northbridge", "900101",
                        Map.of("n", subjects.size()));
            }
        });
        return subjects;
    }

    private Map<String, Boolean> sentBySubject() throws Exception {
        Map<String, Boolean> sent = new java.util.HashMap<>();
        try (Connection c = database.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT subject, sent_at IS NOT NULL FROM outbox_event");
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                sent.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        return sent;
    }

    @Test
    void publishesInOrderAsCloudEventsKeyedBySubjectAndMarksThemSent() throws Exception {
        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            List<String> subjects = write(TOPIC, TOPIC, TOPIC);
            assertEquals(3, relay.relayBatch());
            topic.await(r -> subjects.get(2).equals(r.key()), Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> mine = topic.drain(Duration.ZERO).stream()
                    .filter(r -> subjects.contains(r.key())).toList();
            assertEquals(subjects, mine.stream().map(ConsumerRecord::key).toList(), "order of the records");
            ConsumerRecord<String, String> first = mine.get(0);
            assertEquals("1.0", header(first, "ce_specversion"));
            assertEquals("uk.sen.platform.test-happened", header(first, "ce_type"));
            assertEquals("urn:uk-sen:platform-test", header(first, "ce_source"));
            assertEquals(subjects.get(0), header(first, "ce_subject"));
            assertEquals("northbridge", header(first, "ce_trustid"));
            assertEquals("900101", header(first, "ce_schoolurn"));
            assertNotNull(header(first, "ce_id"));
            assertEquals("{\"n\":1}", first.value());
        }
        assertEquals(Map.of(), Map.copyOf(sentBySubject().entrySet().stream().filter(e -> !e.getValue())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))), "unsent rows");
        assertEquals(0, relay.relayBatch(), "nothing left to send");
    }

    @Test
    void marksSentOnlyTheAcknowledgedPrefixSoNoEventOvertakesAnEarlierOne() throws Exception {
        List<String> subjects = write(TOPIC, REFUSED_TOPIC, TOPIC);
        assertEquals(1, relay.relayBatch(), "only the first row was acknowledged with all before it");
        Map<String, Boolean> sent = sentBySubject();
        assertEquals(true, sent.get(subjects.get(0)));
        assertEquals(false, sent.get(subjects.get(1)), "the refused row stays unsent");
        assertEquals(false, sent.get(subjects.get(2)), "a later row, though the broker took it, stays unsent too");
        // the refused row is dealt with (here: removed); the next batch sends what followed it
        try (Connection c = database.getConnection();
                PreparedStatement st = c.prepareStatement("DELETE FROM outbox_event WHERE subject = ?")) {
            st.setString(1, subjects.get(1));
            st.executeUpdate();
        }
        assertEquals(1, relay.relayBatch());
        assertEquals(true, sentBySubject().get(subjects.get(2)));
    }

    @Test
    void relaysNothingWhileAnotherReplicaHoldsTheLock() throws Exception {
        List<String> subjects = write(TOPIC);
        try (Connection other = database.getConnection()) {
            try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, OutboxRelay.LOCK_KEY);
                lock.execute();
            }
            assertEquals(0, relay.relayBatch(), "another replica relays: this one waits its turn");
            assertEquals(false, sentBySubject().get(subjects.get(0)));
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, OutboxRelay.LOCK_KEY);
                unlock.execute();
            }
        }
        assertEquals(1, relay.relayBatch());
        assertEquals(true, sentBySubject().get(subjects.get(0)));
        assertNull(sentBySubject().get("no such subject"));
    }
}
