package uk.sen.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import uk.sen.notification.delivery.NotifyProvider;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageStatus;

/**
 * Asks GOV.UK Notify how the messages it accepted went, until each is delivered or failed. Notify keeps a
 * message's status for 7 days, so older ones are no longer asked about (they stay SENT).
 */
@ApplicationScoped
public class NotifyStatusPoller {

    private static final Logger LOG = Logger.getLogger(NotifyStatusPoller.class);
    static final Duration NOTIFY_KEEPS_STATUS = Duration.ofDays(7);

    @Inject
    NotifyProvider notify;

    @Inject
    MessageSender sender;

    @Scheduled(identity = "notify-status", every = "${sen.notification.notify.status-poll-interval:1m}",
            delayed = "${sen.notification.delivery.start-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            LOG.warnf(e, "GOV.UK Notify status poll will try again");
        }
    }

    /** Asks about every open Notify message once; returns how many answers were recorded. */
    public int pollOnce() {
        List<Message> open = QuarkusTransaction.requiringNew().call(() -> Message.<Message> find(
                "status = ?1 and provider = ?2 and sentAt >= ?3 order by sentAt", MessageStatus.SENT, NotifyProvider.NAME,
                Instant.now().minus(NOTIFY_KEEPS_STATUS)).page(0, 200).list());
        int recorded = 0;
        for (Message m : open) {
            Optional<String> status = notify.status(m);
            if (status.isPresent()) {
                sender.recordProviderStatus(m.id, status.get());
                recorded++;
            }
        }
        return recorded;
    }
}
