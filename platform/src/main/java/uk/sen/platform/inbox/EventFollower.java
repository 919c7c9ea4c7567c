package uk.sen.platform.inbox;

import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * A service's follower of one incoming channel, with the mechanics every follower shares written once: records
 * arrive through {@link EventConsumption} (tried again a few times; if one still fails, or can never be read, it goes
 * to the channel's dead-letter topic, from where a trust admin can replay it through {@link #apply}, so it never
 * blocks the records behind it; at shutdown, what was not applied is delivered again), and each event takes effect
 * exactly once: its id goes into the inbox in the same transaction as its effect, and a redelivery is skipped.
 *
 * <p>A follower names its channel and inbox consumer, carries the channel's {@code @Incoming} method (which takes the
 * batch of records a poll returned and calls {@link #deliver}), says what an event does in {@link #follow} and, if it uses only some types, which in
 * {@link #wanted}: an event it does not want is neither read nor recorded (a consumer must not fail on what it does
 * not use, nor spend a write on it).
 */
public abstract class EventFollower implements EventChannel {

    private static final Logger LOG = Logger.getLogger(EventFollower.class);

    @Inject
    EventConsumption consumption;

    @Inject
    Inbox inbox;

    private final String channel;
    private final String consumer;

    /**
     * @param channel  the channel, as in {@code mp.messaging.incoming.<channel>.*}
     * @param consumer the inbox's name for this follower, e.g. {@code review-service.register-events}
     */
    protected EventFollower(String channel, String consumer) {
        this.channel = channel;
        this.consumer = consumer;
    }

    @Override
    public String channel() {
        return channel;
    }

    /**
     * What the follower's {@code @Incoming} method returns: the records of one poll, applied through
     * {@link EventConsumption#consumeBatch} (together in one transaction, each through {@link #apply}).
     */
    protected CompletionStage<Void> deliver(KafkaRecordBatch<String, String> records) {
        return consumption.consumeBatch(this, records);
    }

    @Override
    @Transactional
    public void apply(IncomingEvent event) {
        if (!wanted(event)) {
            return;
        }
        if (!inbox.firstDelivery(consumer, event.id())) {
            LOG.debugf("Event %s already applied by %s; redelivery skipped", event.id(), consumer);
            return;
        }
        follow(event);
    }

    /** Whether the follower uses events of this kind at all; every event by default. */
    protected boolean wanted(IncomingEvent event) {
        return true;
    }

    /** The event's effect, in the transaction that records it in the inbox; throws if it cannot be applied. */
    protected abstract void follow(IncomingEvent event);
}
