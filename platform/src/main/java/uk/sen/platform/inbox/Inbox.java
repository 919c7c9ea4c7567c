package uk.sen.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.sen.platform.io.UnmappedTables;

/**
 * Remembers which events a consumer has applied. Called inside the transaction that applies the event, it makes
 * redelivery harmless: the id and the effect commit together, or neither does.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

    /** True the first time this consumer sees this event id; false for a redelivery, which must then be skipped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        return UnmappedTables.touchingOnly(em.createNativeQuery("""
                INSERT INTO handled_event (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"""),
                "handled_event").setParameter(1, consumer).setParameter(2, eventId).executeUpdate() == 1;
    }

    public long handledCount(String consumer) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM handled_event WHERE consumer = ?1")
                .setParameter(1, consumer).getSingleResult()).longValue();
    }
}
