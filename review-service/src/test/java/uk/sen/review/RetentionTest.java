package uk.sen.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.retention.Retention;

/** The platform's retention job removes bookkeeping rows past their windows and nothing younger. */
@QuarkusTest
class RetentionTest {

    @Inject
    Retention retention;

    @Inject
    EntityManager em;

    private void sql(String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }

    private long count(String query, Object param) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(query)
                .setParameter(1, param).getSingleResult()).longValue());
    }

    private void outbox(UUID id, String sentAgo) {
        sql("""
                INSERT INTO outbox_event (id, topic, type, subject, occurred_at, payload, sent_at)
                VALUES (?1, 'test.sen.retention', 'uk.sen.test.kept', 'x', now(), '{}', now() - cast(?2 as interval))""",
                id, sentAgo);
    }

    @Test
    void rowsPastTheirWindowGoAndYoungerOnesStay() {
        UUID oldSent = UUID.randomUUID();
        UUID recentSent = UUID.randomUUID();
        outbox(oldSent, "8 days");
        outbox(recentSent, "6 days");
        String consumer = "retention-test-" + UUID.randomUUID();
        sql("INSERT INTO handled_event (consumer, event_id, handled_at) VALUES (?1, ?2, now() - interval '31 days')",
                consumer, "old");
        sql("INSERT INTO handled_event (consumer, event_id, handled_at) VALUES (?1, ?2, now() - interval '29 days')",
                consumer, "recent");
        String caller = "retention-test-" + UUID.randomUUID();
        sql("""
                INSERT INTO idempotency_record (caller, idem_key, request_hash, created_at)
                VALUES (?1, 'old', 'h', now() - interval '25 hours')""", caller);
        sql("""
                INSERT INTO idempotency_record (caller, idem_key, request_hash, created_at)
                VALUES (?1, 'recent', 'h', now() - interval '23 hours')""", caller);

        Map<String, Long> removed = retention.run();

        assertTrue(removed.get("outbox_event") >= 1, removed.toString());
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE id = ?1", oldSent));
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE id = ?1", recentSent));
        assertEquals(1, count("SELECT count(*) FROM handled_event WHERE consumer = ?1", consumer));
        assertEquals(1, count("SELECT count(*) FROM handled_event WHERE consumer = ?1 AND event_id = 'recent'",
                consumer));
        assertEquals(1, count("SELECT count(*) FROM idempotency_record WHERE caller = ?1", caller));
        assertEquals(1, count("SELECT count(*) FROM idempotency_record WHERE caller = ?1 AND idem_key = 'recent'",
                caller));
    }
}
