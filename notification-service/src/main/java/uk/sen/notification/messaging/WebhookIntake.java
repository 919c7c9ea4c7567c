package uk.sen.notification.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.notification.service.WebhookDispatcher;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;

/**
 * Follows sen.register.v1, sen.review.v1 and sen.workload.v1 in a consumer group of its own, for the trusts' webhook
 * subscriptions: each event a subscription wants becomes its delivery, exactly once (a record that cannot be taken
 * goes to sen.webhooks.v1.dlq.notification-service).
 */
@ApplicationScoped
public class WebhookIntake extends EventFollower {

    @Inject
    WebhookDispatcher dispatcher;

    WebhookIntake() {
        super("webhook-events", "notification-service.webhooks");
    }

    @Incoming("webhook-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
    }

    @Override
    protected boolean wanted(IncomingEvent e) {
        return dispatcher.wanted(e);
    }

    @Override
    protected void follow(IncomingEvent e) {
        dispatcher.fanOut(e);
    }
}
