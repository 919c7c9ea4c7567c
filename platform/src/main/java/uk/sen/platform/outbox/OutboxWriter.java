package uk.sen.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records an integration event in the transaction of the change it describes (no dual write): the event exists
 * exactly when the change committed, and {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /**
     * @param topic    the producer's topic, e.g. {@code sen.register.v1}
     * @param type     the CloudEvents type, e.g. {@code uk.sen.register.pupil-registered}
     * @param subject  the pupil id; also the record key, so one pupil's events stay in order
     * @param data     the event's JSON data, self-contained for consumers
     * @return the event id
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String type, String subject, String trustId, String schoolUrn, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data of type " + type + " is not serialisable", e);
        }
        em.createNativeQuery("""
                INSERT INTO outbox_event (id, topic, type, subject, trust_id, school_urn, occurred_at, payload)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id).setParameter(2, topic).setParameter(3, type).setParameter(4, subject)
                .setParameter(5, trustId).setParameter(6, schoolUrn).setParameter(7, Instant.now())
                .setParameter(8, payload)
                .executeUpdate();
        return id;
    }
}
