package uk.sen.platform.inbox;

/**
 * What a service does with the events of one incoming channel. A service has one bean per channel; its
 * {@code @Incoming} method hands each record to {@link EventConsumption#consume}, and a dead letter of the channel is
 * replayed through the same {@link #apply} (so the inbox inside it keeps the effect exactly once either way).
 */
public interface EventChannel {

    /** The channel's name, as in {@code mp.messaging.incoming.<channel>.*}. */
    String channel();

    /** Applies one event in its own transaction (inbox record and effect together); throws if it cannot. */
    void apply(IncomingEvent event);
}
