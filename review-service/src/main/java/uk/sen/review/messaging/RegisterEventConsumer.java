package uk.sen.review.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;
import uk.sen.platform.inbox.EventChannel;
import uk.sen.platform.inbox.EventConsumption;
import uk.sen.platform.inbox.IncomingEvent;

/**
 * Reads sen.register.v1 through the platform's {@link EventConsumption}: a failing event is tried again a few times;
 * if it still fails, or can never be read, it goes to sen.register.v1.dlq.review-service (from where a trust admin
 * can replay it), so it never blocks the pupils behind it; at shutdown, what was not applied is delivered again.
 */
@ApplicationScoped
public class RegisterEventConsumer implements EventChannel {

    @Inject
    PupilFollower follower;

    @Inject
    EventConsumption consumption;

    @Override
    public String channel() {
        return "register-events";
    }

    @Override
    public void apply(IncomingEvent event) {
        follower.apply(event);
    }

    @Incoming("register-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> record) {
        return consumption.consume(this, record);
    }
}
