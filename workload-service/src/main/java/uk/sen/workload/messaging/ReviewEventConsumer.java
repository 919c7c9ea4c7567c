package uk.sen.workload.messaging;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;
import uk.sen.workload.service.ReviewFollower;

/**
 * Reads sen.review.v1. A failing event is retried a few times (each try its own transaction); if it still fails,
 * or can never be read, the exception nacks it and it goes to sen.review.v1.dlq.workload-service, so it never
 * blocks the reviews behind it.
 */
@ApplicationScoped
public class ReviewEventConsumer {

    @Inject
    ReviewFollower follower;

    @Incoming("review-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 3, delay = 200, delayUnit = ChronoUnit.MILLIS, abortOn = MalformedEventException.class)
    public void consume(ConsumerRecord<String, String> record) {
        follower.apply(IncomingEvent.from(record));
    }
}
