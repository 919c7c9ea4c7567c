package uk.sen.notification.messaging;

import static uk.sen.notification.messaging.EventIntake.or;
import static uk.sen.notification.messaging.EventIntake.requirePupil;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.notification.events.RegisterEvent;
import uk.sen.notification.service.PupilDirectory;
import uk.sen.notification.service.Trigger;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;

/**
 * Applies sen.register.v1: keeps the service's view of each pupil and plans the messages the rules call for. A
 * record that cannot be applied goes to sen.register.v1.dlq.notification-service ({@link EventFollower} says how).
 */
@ApplicationScoped
public class RegisterEventIntake extends EventFollower {

    @Inject
    EventIntake intake;

    @Inject
    PupilDirectory pupils;

    RegisterEventIntake() {
        super("register-events", "notification-service.register-events");
    }

    @Incoming("register-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
    }

    @Override
    protected boolean wanted(IncomingEvent e) {
        return e.type().startsWith("uk.sen.register.");
    }

    @Override
    protected void follow(IncomingEvent e) {
        RegisterEvent d = withAttributes(e, intake.read(e, RegisterEvent.class));
        pupils.follow(d);
        intake.plan(e, Trigger.fromRegister(e.id(), e.type(), e.time(), d), null);
    }

    /** The pupil, trust and school from the data, or else from the CloudEvent's subject and extensions. */
    private static RegisterEvent withAttributes(IncomingEvent e, RegisterEvent d) {
        RegisterEvent full = new RegisterEvent(or(d.pupilId(), e.subject()), d.upn(), or(d.trustId(), e.trustId()),
                or(d.schoolUrn(), e.schoolUrn()), d.provision(), d.provisionStartDate(), d.previousProvision());
        requirePupil(e, full.pupilId(), full.trustId(), full.schoolUrn());
        return full;
    }
}
