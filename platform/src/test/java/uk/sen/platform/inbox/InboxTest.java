package uk.sen.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The inbox: a consumer applies an event id once; the id commits with the effect, or neither does. */
@QuarkusTest
class InboxTest {

    @Inject
    Inbox inbox;

    private boolean first(String consumer, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery(consumer, eventId));
    }

    @Test
    void aRedeliveryIsRecognisedPerConsumer() {
        String event = UUID.randomUUID().toString();
        assertTrue(first("review-service.register", event));
        assertFalse(first("review-service.register", event), "the same event again, to the same consumer");
        assertTrue(first("notification-service.register", event), "another consumer applies it once too");
        assertFalse(first("notification-service.register", event));
    }

    @Test
    void anEventWhoseEffectRolledBackIsAppliedOnItsRedelivery() {
        String event = UUID.randomUUID().toString();
        long before = inbox.handledCount("workload-service.review");
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(inbox.firstDelivery("workload-service.review", event));
            throw new IllegalStateException("the effect failed");
        }));
        assertEquals(before, inbox.handledCount("workload-service.review"), "the id rolled back with the effect");
        assertTrue(first("workload-service.review", event), "so the redelivery applies it");
    }

    @Test
    void isOnlyUsedInsideTheApplyingTransaction() {
        assertThrows(jakarta.transaction.TransactionalException.class,
                () -> inbox.firstDelivery("review-service.register", UUID.randomUUID().toString()));
    }
}
