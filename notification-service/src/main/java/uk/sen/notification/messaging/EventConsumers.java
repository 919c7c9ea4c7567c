package uk.sen.notification.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import uk.sen.notification.service.EventIntake;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;

/**
 * Reads sen.register.v1, sen.review.v1 and sen.workload.v1. A failing event is retried a few times (each try its
 * own transaction); if it still fails, or can never be read, the exception nacks it and it goes to the channel's
 * dead-letter topic ({@code <topic>.dlq.notification-service}), so it never blocks the pupils behind it.
 */
@ApplicationScoped
public class EventConsumers {

    @Inject
    EventIntake intake;

    @Incoming("register-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 3, delay = 200, delayUnit = ChronoUnit.MILLIS, abortOn = MalformedEventException.class)
    public void register(ConsumerRecord<String, String> record) {
        intake.register(IncomingEvent.from(record));
    }

    @Incoming("review-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 3, delay = 200, delayUnit = ChronoUnit.MILLIS, abortOn = MalformedEventException.class)
    public void review(ConsumerRecord<String, String> record) {
        intake.review(IncomingEvent.from(record));
    }

    @Incoming("workload-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 3, delay = 200, delayUnit = ChronoUnit.MILLIS, abortOn = MalformedEventException.class)
    public void workload(ConsumerRecord<String, String> record) {
        intake.workload(IncomingEvent.from(record));
    }
}
