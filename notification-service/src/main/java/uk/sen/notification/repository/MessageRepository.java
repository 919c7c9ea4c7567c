package uk.sen.notification.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.sen.notification.domain.Message;

/** The SQL of the delivery table that JPA cannot say: insert-if-absent, and claiming with SKIP LOCKED. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MessageRepository {

    @Inject
    EntityManager em;

    /**
     * Inserts the message unless one for the same trigger, recipient and channel exists; true when inserted. The
     * unique key, not a prior read, decides, so concurrent triggers (two replicas, a redelivery) add one row.
     */
    public boolean insertIfAbsent(Message m) {
        return em.createNativeQuery("""
                INSERT INTO message (id, trigger_id, trigger_type, rule_id, pupil_id, trust_id, school_urn,
                    recipient_kind, recipient_id, recipient_name, agency, channel, address, provider, template_key,
                    subject, body, personalisation, calendar, status, reason_code, status_reason, attempts,
                    next_attempt_at, resend_of, requested_by, created_at, updated_at, traceparent)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                    ?21, ?22, 0, ?23, ?24, ?25, ?26, ?26, ?27)
                ON CONFLICT (trigger_id, recipient_id, channel) DO NOTHING""")
                .setParameter(1, m.id).setParameter(2, m.triggerId).setParameter(3, m.triggerType)
                .setParameter(4, m.ruleId).setParameter(5, m.pupilId).setParameter(6, m.trustId)
                .setParameter(7, m.schoolUrn).setParameter(8, m.recipientKind.name()).setParameter(9, m.recipientId)
                .setParameter(10, m.recipientName).setParameter(11, m.agency == null ? null : m.agency.name())
                .setParameter(12, m.channel).setParameter(13, m.address).setParameter(14, m.provider)
                .setParameter(15, m.templateKey).setParameter(16, m.subject).setParameter(17, m.body)
                .setParameter(18, m.personalisation).setParameter(19, m.calendar)
                .setParameter(20, m.status.name()).setParameter(21, m.reasonCode)
                .setParameter(22, m.statusReason).setParameter(23, timestamp(m.nextAttemptAt))
                .setParameter(24, m.resendOf).setParameter(25, m.requestedBy).setParameter(26, timestamp(m.createdAt))
                .setParameter(27, m.traceparent)
                .executeUpdate() == 1;
    }

    /**
     * Locks the next message due for sending, skipping rows another sender holds, so two replicas never take the
     * same one. The caller marks it SENDING in the same transaction.
     */
    public Optional<Message> lockNextDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                SELECT id FROM message WHERE status = 'PENDING' AND next_attempt_at <= ?1
                ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, timestamp(now)).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(em.find(Message.class, uuid(ids.get(0))));
    }

    /** Locks messages left SENDING since before {@code cutoff} (their sender stopped), skipping locked ones. */
    public List<Message> lockInterrupted(Instant cutoff, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                SELECT id FROM message WHERE status = 'SENDING' AND claimed_at < ?1
                ORDER BY claimed_at LIMIT ?2 FOR UPDATE SKIP LOCKED""")
                .setParameter(1, timestamp(cutoff)).setParameter(2, limit).getResultList();
        return ids.stream().map(id -> em.find(Message.class, uuid(id))).toList();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }
}
