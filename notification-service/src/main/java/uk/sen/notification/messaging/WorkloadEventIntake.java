package uk.sen.notification.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.notification.service.MessagePlanner;
import uk.sen.notification.service.RuleBook;
import uk.sen.notification.service.Trigger;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;

/**
 * Applies sen.workload.v1. Workload events concern a SENCO, not a pupil: the data is not read at all, only the trust
 * and school from the CloudEvent attributes, so whatever shape workload-service gives its data, no personal detail is
 * passed on. A record that cannot be applied goes to sen.workload.v1.dlq.notification-service
 * ({@link EventFollower} says how).
 */
@ApplicationScoped
public class WorkloadEventIntake extends EventFollower {

    private static final Logger LOG = Logger.getLogger(WorkloadEventIntake.class);

    @Inject
    EventIntake intake;

    @Inject
    RuleBook rules;

    @Inject
    MessagePlanner planner;

    WorkloadEventIntake() {
        super("workload-events", "notification-service.workload-events");
    }

    @Incoming("workload-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
    }

    @Override
    protected boolean wanted(IncomingEvent e) {
        return rules.hasRules(e.type());
    }

    @Override
    protected void follow(IncomingEvent e) {
        if (e.trustId() == null || e.schoolUrn() == null) {
            throw new MalformedEventException("Event " + e.id() + " of type " + e.type()
                    + " has no ce_trustid or ce_schoolurn, so it cannot be addressed to a school");
        }
        int created = planner.plan(new Trigger(e.id(), e.type(), null, e.trustId(), e.schoolUrn(), e.time(),
                Instant.now(), Map.of()));
        LOG.debugf("Workload event %s planned %d messages", e.id(), created);
    }
}
