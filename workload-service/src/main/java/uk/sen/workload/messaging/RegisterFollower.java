package uk.sen.workload.messaging;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.annotations.Blocking;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;
import uk.sen.workload.service.RegisterPupils;

/**
 * Follows the register's events for one thing only: which school each pupil belongs to (ids, never pupil data), so a
 * time entry that names a pupil can be checked to name a pupil of its school. The CloudEvent attributes carry all of
 * it (subject, trust, school); the data is not read. A record that cannot be applied goes to
 * sen.register.v1.dlq.workload-service ({@link EventFollower} says how).
 */
@ApplicationScoped
public class RegisterFollower extends EventFollower {

    static final String LEFT = "uk.sen.register.pupil-left-register";

    @Inject
    RegisterPupils pupils;

    RegisterFollower() {
        super("register-events", "workload-service.register-events");
    }

    @Incoming("register-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<String> record) {
        return deliver(record);
    }

    @Override
    protected boolean wanted(IncomingEvent event) {
        return event.type().startsWith("uk.sen.register.");
    }

    @Override
    protected void follow(IncomingEvent event) {
        UUID pupil;
        try {
            pupil = UUID.fromString(event.subject());
        } catch (RuntimeException e) {
            throw new MalformedEventException("Event " + event.id() + " has no pupil id as its subject");
        }
        if (event.trustId() == null || event.schoolUrn() == null) {
            throw new MalformedEventException("Event " + event.id() + " has no ce_trustid or ce_schoolurn");
        }
        pupils.announced(pupil, event.trustId(), event.schoolUrn(), !LEFT.equals(event.type()));
    }
}
