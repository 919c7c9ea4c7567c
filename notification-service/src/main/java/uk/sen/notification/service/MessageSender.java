package uk.sen.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.delivery.DeliveryResult;
import uk.sen.notification.delivery.NotifyStatus;
import uk.sen.notification.delivery.Providers;
import uk.sen.notification.delivery.SmtpProvider;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.LawfulBasis;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageStatus;
import uk.sen.notification.domain.ReasonCode;
import uk.sen.notification.domain.RecipientKind;
import uk.sen.notification.domain.RetryBackoff;
import uk.sen.notification.domain.SharingBasis;
import uk.sen.notification.domain.SharingRecord;
import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.domain.TriggerRule;
import uk.sen.notification.events.NotificationEvents;
import uk.sen.notification.repository.MessageRepository;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.tracing.TraceContext;

/**
 * Delivers PENDING messages, one at a time per sender, in three steps:
 * <ol>
 * <li>claim (transaction 1): lock the next due message with FOR UPDATE SKIP LOCKED, so replicas never take the same
 * one; check the sharing basis and the recipient again (a consent withdrawn since stops it here); mark it SENDING;
 * commit;</li>
 * <li>hand it to the provider, outside any transaction;</li>
 * <li>record (transaction 2): DELIVERED or SENT, or PENDING again with a later attempt (temporary failure), or
 * FAILED; with its event, and for an agency the sharing record.</li>
 * </ol>
 * A message is therefore sent at most once: if the process dies between 1 and 3 it stays SENDING, and after
 * {@code sen.notification.delivery.sending-lease} it becomes UNCONFIRMED, never sent again by itself (a SENCO can
 * resend it). That window, one provider call long, is the only one where the outcome is not known.
 * <p>
 * Senders start as soon as a transaction that planned a message commits (up to
 * {@code sen.notification.delivery.senders} at once, so one slow provider call does not hold up the rest); the
 * scheduled poll is the safety net and takes the retries when they fall due.
 */
@ApplicationScoped
public class MessageSender {

    private static final Logger LOG = Logger.getLogger(MessageSender.class);
    private static final String ACTOR = "notification-service";

    /** A claimed message and, for an agency, the basis that allowed it at the moment of claiming. */
    record Claim(Message message, LawfulBasis basis, LocalDate basisGivenOn) {
    }

    /** Whether a message was due, and the claim when it may go (none when it was stopped at the last moment). */
    private record Next(boolean due, Claim claim) {
        static final Next NOTHING_DUE = new Next(false, null);
        static final Next STOPPED = new Next(true, null);
    }

    @Inject
    EntityManager em;

    @Inject
    EnglandClock clock;

    @Inject
    MessageRepository messages;

    @Inject
    Providers providers;

    @Inject
    SharingGate sharing;

    @Inject
    NotificationEvents events;

    @Inject
    NotificationConfig config;

    @Inject
    AuditLog audit;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper json;

    @Inject
    Tracer tracer;

    /**
     * Runs the senders with no context of the thread that woke them: that thread's request ends with its event, and
     * a provider call made in an ended request fails.
     */
    private final ManagedExecutor executor = ManagedExecutor.builder().propagated(ThreadContext.NONE)
            .cleared(ThreadContext.ALL_REMAINING).build();

    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicInteger active = new AtomicInteger();
    /** Senders and polls at work: at shutdown, they finish the message in hand before the data source closes. */
    private final AtomicInteger working = new AtomicInteger();
    private volatile boolean stopping;

    @ConfigProperty(name = "sen.shutdown.drain-timeout", defaultValue = "5s")
    Duration drainTimeout;

    void onPlanned(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagePlanner.Planned planned) {
        if (stopping) {
            return;
        }
        again.set(true);
        startSender();
    }

    /**
     * On shutdown, before the data source closes: no further message is taken, and the ones being sent are sent and
     * recorded (up to the drain timeout), so none is left SENDING to become UNCONFIRMED. What is due waits for the
     * restart or another replica.
     */
    void drainAtShutdown(@Observes @Priority(30) ShutdownEvent event) {
        stopping = true;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (working.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void startSender() {
        int now = active.get();
        if (now >= config.delivery().senders() || !active.compareAndSet(now, now + 1)) {
            return; // the running senders see `again` and go round once more
        }
        try {
            executor.runAsync(this::drain);
        } catch (RuntimeException e) {
            active.decrementAndGet();
            LOG.warnf("No sender started now (%s); the next poll sends", e.toString());
        }
    }

    @PreDestroy
    void stopSenders() {
        executor.shutdown();
    }

    /** Sends until nothing is due and no commit has woken the senders since, in a request of its own. */
    private void drain() {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        working.incrementAndGet();
        try {
            while (again.getAndSet(false) && !stopping) {
                while (!stopping && sendNext()) {
                    // keep sending
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Message sender will try again at the next wake-up or poll");
        } finally {
            working.decrementAndGet();
            request.terminate();
            active.decrementAndGet();
        }
        if (again.get() && !stopping) {
            startSender(); // woken between the last look and the decrement
        }
    }

    @Scheduled(identity = "message-sender", every = "${sen.notification.delivery.poll-interval:5s}",
            delayed = "${sen.notification.delivery.start-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (stopping) {
            return;
        }
        working.incrementAndGet();
        try {
            recoverInterrupted();
            int sent = 0;
            while (sent < config.delivery().batchSize() && !stopping && sendNext()) {
                sent++;
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Message sender will try again at the next poll");
        } finally {
            working.decrementAndGet();
        }
    }

    /** Sends the next message that is due; false when there is none. */
    public boolean sendNext() {
        Next next = QuarkusTransaction.requiringNew().call(this::claimNext);
        if (next.claim() == null) {
            return next.due();
        }
        Message m = next.claim().message();
        DeliveryResult outcome = handOver(m);
        QuarkusTransaction.requiringNew().run(() -> record(next.claim(), outcome));
        return true;
    }

    /**
     * The provider call, in a span of the trace that planned the message (the register change, through the events),
     * named by channel and provider only: no address, name or text reaches a span.
     */
    private DeliveryResult handOver(Message m) {
        Span span = TraceContext.startChildOf(tracer, m.traceparent, "send " + m.channel.toLowerCase(Locale.ROOT),
                SpanKind.CLIENT);
        span.setAttribute("sen.message.provider", m.provider);
        span.setAttribute("sen.message.channel", m.channel);
        span.setAttribute("sen.message.template", m.templateKey);
        try (Scope ignored = span.makeCurrent()) {
            DeliveryResult result = providers.named(m.provider).send(m);
            span.setAttribute("sen.message.outcome", result.outcome().name());
            return result;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR);
            return DeliveryResult.temporary(SmtpProvider.rootMessage(e));
        } finally {
            span.end();
        }
    }

    private Next claimNext() {
        Optional<Message> due = messages.lockNextDue(Instant.now());
        if (due.isEmpty()) {
            return Next.NOTHING_DUE;
        }
        Message m = due.get();
        Instant now = Instant.now();
        String currentAddress = currentAddress(m);
        if (currentAddress == null) {
            boolean removed = m.recipientKind == RecipientKind.STAFF ? StaffContact.findById(m.recipientId) == null
                    : Contact.findById(m.recipientId) == null;
            if (removed) {
                finish(m, MessageStatus.SUPPRESSED, ReasonCode.CONTACT_REMOVED,
                        "the recipient was removed from the contacts before the message was sent");
            } else {
                finish(m, MessageStatus.FAILED, ReasonCode.NO_CHANNEL,
                        "the recipient no longer has an address for " + m.channel);
            }
            return Next.STOPPED;
        }
        // the address may have been corrected since the message was planned (e.g. after a bounce)
        m.address = currentAddress;
        LawfulBasis basis = null;
        LocalDate givenOn = null;
        if (m.recipientKind == RecipientKind.AGENCY) {
            Optional<SharingGate.Refusal> refusal = sharing.refusal(m.pupilId, m.agency, clock.today());
            if (refusal.isPresent()) {
                finish(m, MessageStatus.SUPPRESSED, refusal.get().code(), refusal.get().reason());
                return Next.STOPPED;
            }
            SharingBasis allowed = SharingBasis.of(m.pupilId, m.agency);
            basis = allowed.basis;
            givenOn = allowed.givenOn;
        }
        m.status = MessageStatus.SENDING;
        m.attempts++;
        m.claimedAt = now;
        m.updatedAt = now;
        return new Next(true, new Claim(m, basis, givenOn));
    }

    private String currentAddress(Message m) {
        if (m.recipientKind == RecipientKind.STAFF) {
            StaffContact staff = StaffContact.findById(m.recipientId);
            return staff == null ? null : staff.email;
        }
        Contact contact = Contact.findById(m.recipientId);
        if (contact == null) {
            return null;
        }
        return Channel.SMS.name().equals(m.channel) ? contact.mobile : contact.email;
    }

    private void record(Claim claim, DeliveryResult result) {
        Message m = em.find(Message.class, claim.message().id, LockModeType.PESSIMISTIC_WRITE);
        if (m.status != MessageStatus.SENDING && m.status != MessageStatus.UNCONFIRMED) {
            LOG.warnf("Message %s is %s; the provider's answer (%s) is not recorded", m.id, m.status, result.outcome());
            return;
        }
        Instant now = Instant.now();
        m.updatedAt = now;
        switch (result.outcome()) {
            case DELIVERED, ACCEPTED -> {
                m.sentAt = now;
                m.providerRef = result.providerRef();
                m.providerStatus = result.providerStatus();
                m.reasonCode = null;
                m.statusReason = null;
                m.status = result.outcome() == DeliveryResult.Outcome.DELIVERED ? MessageStatus.DELIVERED
                        : MessageStatus.SENT;
                if (m.recipientKind == RecipientKind.AGENCY) {
                    recordSharing(m, claim);
                }
                metrics.counter("sen.notification.messages.sent", "provider", m.provider, "channel", m.channel)
                        .increment();
                if (m.status == MessageStatus.DELIVERED) {
                    events.announce(m);
                }
            }
            case TEMPORARY_FAILURE -> {
                RetryBackoff backoff = backoff();
                if (backoff.giveUp(m.attempts)) {
                    finish(m, MessageStatus.FAILED, ReasonCode.GAVE_UP,
                            "gave up after " + m.attempts + " attempts; last: " + result.detail());
                } else {
                    m.status = MessageStatus.PENDING;
                    m.nextAttemptAt = now.plus(backoff.delayAfter(m.attempts));
                    m.statusReason = "attempt " + m.attempts + " failed (" + result.detail() + "); next try at "
                            + m.nextAttemptAt;
                }
                metrics.counter("sen.notification.messages.retried", "provider", m.provider).increment();
            }
            case PERMANENT_FAILURE -> finish(m, MessageStatus.FAILED, result.reasonCode(), result.detail());
        }
    }

    /**
     * Messages left SENDING longer than the lease: their sender died after claiming them, maybe after handing them
     * over. They become UNCONFIRMED and are never sent again automatically.
     */
    public int recoverInterrupted() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Message> stuck = messages.lockInterrupted(Instant.now().minus(config.delivery().sendingLease()), 100);
            for (Message m : stuck) {
                finish(m, MessageStatus.UNCONFIRMED, ReasonCode.INTERRUPTED, "sending was interrupted (claimed at "
                        + m.claimedAt + "); it may or may not have arrived, so it is not sent again automatically: "
                        + "check with the recipient and resend it if needed");
                LOG.warnf("Message %s was interrupted while sending; marked UNCONFIRMED", m.id);
            }
            return stuck.size();
        });
    }

    /** Records Notify's later word on a message it accepted. */
    public void recordProviderStatus(UUID messageId, String providerStatus) {
        QuarkusTransaction.requiringNew().run(() -> {
            Message m = em.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            if (m == null || m.status != MessageStatus.SENT) {
                return;
            }
            m.providerStatus = providerStatus;
            m.updatedAt = Instant.now();
            switch (NotifyStatus.meaning(providerStatus)) {
                case DELIVERED, SENT_NO_RECEIPT -> {
                    m.status = MessageStatus.DELIVERED;
                    events.announce(m);
                }
                case FAILED -> finish(m, MessageStatus.FAILED, ReasonCode.NOT_DELIVERED,
                        "GOV.UK Notify could not deliver it (" + providerStatus + ")");
                case RETRY -> {
                    RetryBackoff backoff = backoff();
                    if (backoff.giveUp(m.attempts)) {
                        finish(m, MessageStatus.FAILED, ReasonCode.GAVE_UP, "gave up after " + m.attempts
                                + " attempts; GOV.UK Notify: " + providerStatus);
                    } else {
                        m.status = MessageStatus.PENDING;
                        m.nextAttemptAt = Instant.now().plus(backoff.delayAfter(m.attempts));
                        m.statusReason = "GOV.UK Notify reported " + providerStatus + "; next try at " + m.nextAttemptAt;
                    }
                }
                case IN_PROGRESS, UNKNOWN -> {
                    // still with Notify: asked again at the next poll
                }
            }
        });
    }

    private void finish(Message m, MessageStatus status, ReasonCode code, String reason) {
        m.status = status;
        m.reasonCode = code == null ? null : code.name();
        m.statusReason = reason;
        m.updatedAt = Instant.now();
        events.announce(m);
        metrics.counter("sen.notification.messages.finished", "status", status.name()).increment();
    }

    private void recordSharing(Message m, Claim claim) {
        TriggerRule rule = m.ruleId == null ? null : TriggerRule.findById(m.ruleId);
        SharingRecord r = new SharingRecord();
        r.id = UUID.randomUUID();
        r.messageId = m.id;
        r.pupilId = m.pupilId;
        r.trustId = m.trustId;
        r.schoolUrn = m.schoolUrn;
        r.agency = m.agency;
        r.contactId = m.recipientId;
        r.recipientName = m.recipientName;
        r.recipientAddress = m.address;
        r.channel = m.channel;
        r.sharedAt = m.sentAt;
        r.what = m.templateKey + " by " + m.channel + (m.subject == null ? "" : ", subject \"" + m.subject + "\"")
                + (m.calendar == null ? "" : ", with a calendar entry") + "; values: " + valueNames(m);
        r.why = (rule == null ? m.triggerType : rule.description) + " (" + m.triggerType + " " + m.triggerId
                + (m.resendOf == null ? "" : ", resent by " + m.requestedBy) + ")";
        r.basis = claim.basis();
        r.basisGivenOn = claim.basisGivenOn();
        r.persist();
        audit.recordSystem(ACTOR, "SHARE", "pupil", m.pupilId.toString(), m.trustId, m.schoolUrn,
                "message " + m.id + " to " + m.agency + " contact " + m.recipientId + " by " + m.channel + " on basis "
                        + claim.basis());
    }

    private String valueNames(Message m) {
        if (m.personalisation == null) {
            return "none";
        }
        try {
            List<String> names = new ArrayList<>();
            json.readTree(m.personalisation).fieldNames().forEachRemaining(names::add);
            return String.join(", ", names);
        } catch (JsonProcessingException e) {
            return "unreadable";
        }
    }

    private RetryBackoff backoff() {
        return new RetryBackoff(config.delivery().firstRetry(), config.delivery().maxRetry(),
                config.delivery().maxAttempts());
    }
}
