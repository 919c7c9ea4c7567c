package uk.sen.notification.messaging;

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
 * Reads sen.workload.v1 through the platform's {@link EventConsumption}: a failing event is tried again a few times; if
 * it still fails, or can never be read, it goes to sen.workload.v1.dlq.notification-service (from where a trust admin
 * can replay it), so it never blocks the SENCOs behind it; at shutdown, what was not applied is delivered again.
 */
@ApplicationScoped
public class WorkloadEventConsumer implements EventChannel {

    @Inject
    EventIntake intake;

    @Inject
    EventConsumption consumption;

    @Override
    public String channel() {
        return "workload-events";
    }

    @Override
    public void apply(IncomingEvent event) {
        intake.workload(event);
    }

    @Incoming("workload-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> record) {
        return consumption.consume(this, record);
    }
}
