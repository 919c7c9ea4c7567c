package uk.sen.platform.outbox;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import uk.sen.platform.tracing.TraceContext;

/**
 * Records an integration event in the transaction of the change it describes (no dual write): the event exists
 * exactly when the change committed, and {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class OutboxWriter {

    /** Fired in the writing transaction; observed after its commit to wake the relay. */
    public record Written(int count) {
    }

    /** One event of a batch. */
    public record Pending(String type, String subject, String trustId, String schoolUrn, Object data) {
    }

    private static final String INSERT = """
            INSERT INTO outbox_event (id, topic, type, subject, trust_id, school_urn, occurred_at, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Event<Written> written;

    /**
     * @param topic    the producer's topic, e.g. {@code sen.register.v1}
     * @param type     the CloudEvents type, e.g. {@code uk.sen.register.pupil-registered}
     * @param subject  the pupil id; also the record key, so one pupil's events stay in order
     * @param data     the event's JSON data, self-contained for consumers
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String type, String subject, String trustId, String schoolUrn, Object data) {
        publishAll(topic, List.of(new Pending(type, subject, trustId, schoolUrn, data)));
    }

    /** Records many events in one JDBC batch (e.g. a deadline scan raising thousands of alerts). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(String topic, List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        String traceparent = TraceContext.currentTraceparent();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Pending e : events) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, topic);
                    insert.setString(3, e.type());
                    insert.setString(4, e.subject());
                    insert.setString(5, e.trustId());
                    insert.setString(6, e.schoolUrn());
                    insert.setTimestamp(7, now);
                    insert.setString(8, write(e));
                    insert.setString(9, traceparent);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        written.fire(new Written(events.size()));
    }

    private String write(Pending e) {
        try {
            return json.writeValueAsString(e.data());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("Event data of type " + e.type() + " is not serialisable", ex);
        }
    }
}
