package uk.sen.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.delivery.DeliveryResult;
import uk.sen.notification.delivery.SmtpProvider;
import uk.sen.notification.delivery.WebhookTarget;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.RetryBackoff;
import uk.sen.notification.domain.WebhookDelivery;
import uk.sen.notification.domain.WebhookSignature;
import uk.sen.notification.domain.WebhookSubscription;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.inbox.IncomingEvent;

/**
 * Delivers the events of the register, reviews and workload to the trusts' webhook endpoints.
 * <ol>
 * <li>Fan-out, in the transaction that records the event in the inbox (so once per event): one delivery per enabled
 * subscription of the event's trust (and school, for a school-scoped one) that wants its type, holding the CloudEvent
 * in JSON as it will be sent every time.</li>
 * <li>Sending: a due delivery is claimed (FOR UPDATE SKIP LOCKED, so replicas never take the same one) only when no
 * earlier delivery of the same subscription and subject (a pupil) is still open, so a pupil's events arrive in
 * order; it is posted outside any transaction, signed as Standard Webhooks asks; then recorded: DELIVERED on a 2xx,
 * else retried after a doubling wait with jitter, for {@code give-up-after} (a day) from its first attempt.</li>
 * <li>At least once: a delivery left SENDING past the lease (its sender died) is sent again; receivers drop repeats
 * by {@code webhook-id}, the event's id.</li>
 * <li>A delivery given up means the endpoint failed for a day: the subscription is disabled and its alert address is
 * told; what was waiting, and what happens meanwhile, waits, and is sent when the subscription is enabled again.</li>
 * </ol>
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final WebhookService.Due DUE = new WebhookService.Due();

    @Inject
    EntityManager em;

    @Inject
    WebhookTarget target;

    @Inject
    SmtpProvider mail;

    @Inject
    NotificationConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<WebhookService.Due> due;

    @Inject
    Event<Alert> alerts;

    private static final int ALERT_TRIES = 3;
    private static final Duration ALERT_PAUSE = Duration.ofSeconds(5);

    private final ManagedExecutor executor = ManagedExecutor.builder().propagated(ThreadContext.NONE)
            .cleared(ThreadContext.ALL_REMAINING).build();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /** Whether any subscription of the event's trust wants its type (else the event is not even recorded). */
    public boolean wanted(IncomingEvent e) {
        return e.trustId() != null && ((Number) em.createNativeQuery("""
                SELECT count(*) FROM webhook_subscription WHERE trust_id = ?1 AND ?2 = ANY(event_types)""")
                .setParameter(1, e.trustId()).setParameter(2, e.type()).getSingleResult()).longValue() > 0;
    }

    /**
     * One delivery per subscription that wants the event, in the caller's (the inbox's) transaction; a disabled
     * subscription's deliveries wait until it is enabled again (or removed), so nothing is missed meanwhile.
     */
    public void fanOut(IncomingEvent e) {
        String body = cloudEvent(e);
        int created = em.createNativeQuery("""
                INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, subject, school_urn, body,
                    status, next_attempt_at, created_at)
                SELECT gen_random_uuid(), s.id, ?1, ?2, ?3, cast(?4 as text), ?5, 'PENDING', now(), now()
                FROM webhook_subscription s
                WHERE s.trust_id = ?6 AND ?2 = ANY(s.event_types)
                  AND (s.schools IS NULL OR cast(?4 as text) = ANY(s.schools))
                ORDER BY s.created_at
                ON CONFLICT (subscription_id, event_id) DO NOTHING""")
                .setParameter(1, e.id()).setParameter(2, e.type()).setParameter(3, e.subject() == null ? ""
                        : e.subject())
                .setParameter(4, e.schoolUrn()).setParameter(5, body).setParameter(6, e.trustId()).executeUpdate();
        if (created > 0) {
            metrics.counter("sen.notification.webhooks.planned").increment(created);
            due.fire(DUE);
        }
    }

    /** The event as a CloudEvent in JSON (structured mode), its data as it came. */
    String cloudEvent(IncomingEvent e) {
        ObjectNode ce = json.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", e.id());
        ce.put("source", e.source());
        ce.put("type", e.type());
        putIfPresent(ce, "subject", e.subject());
        putIfPresent(ce, "time", e.time() == null ? null : e.time().toString());
        ce.put("datacontenttype", "application/json");
        putIfPresent(ce, "trustid", e.trustId());
        putIfPresent(ce, "schoolurn", e.schoolUrn());
        try {
            ce.set("data", e.data() == null ? json.nullNode() : json.readTree(e.data()));
            return json.writeValueAsString(ce);
        } catch (Exception ex) {
            throw new IllegalArgumentException("event " + e.id() + " has data that is not JSON", ex);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    void onDue(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookService.Due ignored) {
        wake();
    }

    private void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                executor.runAsync(this::drain);
            } catch (RuntimeException e) {
                running.set(false);
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    @Scheduled(identity = "webhook-sender", every = "${sen.notification.webhooks.poll-interval:5s}",
            delayed = "${sen.notification.delivery.start-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = now(),
                    last_error = 'the sender stopped while sending; sent again'
                WHERE status = 'SENDING' AND claimed_at < ?1""")
                .setParameter(1, Instant.now().minus(config.webhooks().sendingLease())).executeUpdate());
        wake();
    }

    private void drain() {
        try {
            while (again.getAndSet(false)) {
                while (sendNext()) {
                    // keep sending
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Webhook sender will try again at the next poll");
        } finally {
            running.set(false);
        }
        if (again.get()) {
            wake();
        }
    }

    /** A claimed delivery with what signing it needs. */
    private record Claim(UUID id, String eventId, String url, List<String> secrets, String body) {
    }

    /** Sends the next due delivery; false when none is due. */
    public boolean sendNext() {
        Optional<Claim> claim = QuarkusTransaction.requiringNew().call(this::claimNext);
        if (claim.isEmpty()) {
            return false;
        }
        Claim c = claim.get();
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", c.eventId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.header(c.secrets(), c.eventId(), timestamp, c.body()));
        WebhookTarget.Outcome outcome = target.post(c.url(), headers, c.body());
        QuarkusTransaction.requiringNew().run(() -> record(c.id(), outcome));
        return true;
    }

    private Optional<Claim> claimNext() {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                SELECT d.id FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= now() AND s.status = 'ENABLED'
                  AND NOT EXISTS (SELECT 1 FROM webhook_delivery e
                                  WHERE e.subscription_id = d.subscription_id AND e.subject = d.subject
                                    AND e.seq < d.seq AND e.status IN ('PENDING', 'SENDING'))
                ORDER BY d.next_attempt_at, d.seq LIMIT 1 FOR UPDATE OF d SKIP LOCKED""").getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        WebhookDelivery d = em.find(WebhookDelivery.class, UUID.fromString(ids.get(0).toString()));
        WebhookSubscription s = em.find(WebhookSubscription.class, d.subscriptionId);
        Instant now = Instant.now();
        d.status = WebhookDelivery.Status.SENDING;
        d.claimedAt = now;
        d.attempts++;
        if (d.firstAttemptAt == null) {
            d.firstAttemptAt = now;
        }
        return Optional.of(new Claim(d.id, d.eventId, s.url, s.signingSecrets(now), d.body));
    }

    private void record(UUID id, WebhookTarget.Outcome outcome) {
        WebhookDelivery d = em.find(WebhookDelivery.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null || d.status != WebhookDelivery.Status.SENDING) {
            return; // removed with its subscription, or taken back meanwhile
        }
        Instant now = Instant.now();
        d.lastStatusCode = outcome.status();
        d.lastError = outcome.delivered() ? null : describe(outcome);
        if (outcome.delivered()) {
            d.status = WebhookDelivery.Status.DELIVERED;
            d.deliveredAt = now;
            d.nextAttemptAt = null;
            metrics.counter("sen.notification.webhooks.delivered").increment();
            return;
        }
        metrics.counter("sen.notification.webhooks.failed-attempts").increment();
        NotificationConfig.Webhooks settings = config.webhooks();
        if (!now.isBefore(d.firstAttemptAt.plus(settings.giveUpAfter()))) {
            d.status = WebhookDelivery.Status.FAILED;
            d.nextAttemptAt = null;
            disable(d.subscriptionId, "the endpoint failed every attempt to deliver event " + d.eventId + " for "
                    + settings.giveUpAfter().toString().substring(2).toLowerCase() + " (last: " + d.lastError + ")");
            return;
        }
        d.status = WebhookDelivery.Status.PENDING;
        d.nextAttemptAt = now.plus(withJitter(new RetryBackoff(settings.firstRetry(), settings.maxRetry(),
                Integer.MAX_VALUE).delayAfter(d.attempts)));
    }

    private static String describe(WebhookTarget.Outcome outcome) {
        String text = outcome.status() == null ? outcome.error()
                : "HTTP " + outcome.status() + (outcome.error() == null ? "" : " (" + outcome.error() + ")");
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** The wait, give or take a fifth, so that many failing deliveries do not all come back at once. */
    static Duration withJitter(Duration wait) {
        long millis = wait.toMillis();
        long spread = millis / 5;
        return Duration.ofMillis(millis - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1));
    }

    /** Disables the subscription and tells its alert address, once. */
    private void disable(UUID subscriptionId, String reason) {
        WebhookSubscription s = em.find(WebhookSubscription.class, subscriptionId, LockModeType.PESSIMISTIC_WRITE);
        if (s == null || s.status == WebhookSubscription.Status.DISABLED) {
            return;
        }
        s.status = WebhookSubscription.Status.DISABLED;
        s.disabledReason = reason;
        s.disabledAt = Instant.now();
        s.updatedAt = s.disabledAt;
        audit.recordSystem("notification-service", AuditLog.UPDATE, "webhook-subscription", s.id.toString(),
                s.trustId, null, "disabled: " + reason);
        metrics.counter("sen.notification.webhooks.disabled").increment();
        LOG.warnf("Webhook subscription %s of trust %s disabled: its endpoint kept failing", s.id, s.trustId);
        Message alert = new Message();
        alert.id = UUID.randomUUID();
        alert.channel = "EMAIL";
        alert.address = s.alertEmail;
        alert.subject = "Webhook disabled: " + (s.description == null ? "subscription " + s.id : s.description);
        alert.body = "The SEN platform has stopped sending events to your webhook endpoint\n\n  " + s.url
                + "\n\nbecause " + reason + ".\n\nThe events not yet delivered are kept. When the endpoint works "
                + "again, enable the subscription (PUT /api/v1/webhooks/" + s.id + " with \"enabled\": true) and "
                + "they are sent, in order; the delivery log is at GET /api/v1/webhooks/" + s.id + "/deliveries.\n";
        // sent once the subscription is disabled for all to see: a slow mail server must not hold the subscription's
        // lock and transaction for its whole timeout
        alerts.fire(new Alert(s.id, alert));
    }

    /** The alert of a disabled subscription, sent after the transaction that disabled it. */
    record Alert(UUID subscriptionId, Message message) {
    }

    void onDisabled(@Observes(during = TransactionPhase.AFTER_SUCCESS) Alert alert) {
        executor.runAsync(() -> sendAlert(alert));
    }

    /** Up to three tries, a few seconds apart (a mail server that timed out once often answers the next time). */
    private void sendAlert(Alert alert) {
        for (int attempt = 1;; attempt++) {
            DeliveryResult sent = mail.send(alert.message());
            if (sent.outcome() == DeliveryResult.Outcome.DELIVERED) {
                return;
            }
            if (attempt == ALERT_TRIES || executor.isShutdown()) {
                LOG.warnf("The alert for disabled webhook subscription %s could not be sent (%d tries): %s",
                        alert.subscriptionId(), attempt, sent.detail());
                return;
            }
            try {
                Thread.sleep(ALERT_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
