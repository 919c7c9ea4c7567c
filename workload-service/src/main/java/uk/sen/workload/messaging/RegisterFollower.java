package uk.sen.workload.messaging;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;
import uk.sen.workload.service.RegisterPupils;

/**
 * Follows the register's events for two things only: which school each pupil belongs to (ids, never pupil data), so a
 * time entry that names a pupil can be checked to name a pupil of its school, and the school's name, for the reports.
 * The CloudEvent attributes carry the ids; of the data only {@code schoolName} is read. A record that cannot be applied goes to
 * sen.register.v1.dlq.workload-service ({@link EventFollower} says how).
 */
@ApplicationScoped
public class RegisterFollower extends EventFollower {

    static final String LEFT = "uk.sen.register.pupil-left-register";

    @Inject
    RegisterPupils pupils;

    @Inject
    ObjectMapper json;

    RegisterFollower() {
        super("register-events", "workload-service.register-events");
    }

    @Incoming("register-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
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
        String schoolName = schoolName(event);
        if (schoolName != null) {
            pupils.schoolNamed(event.trustId(), event.schoolUrn(), schoolName);
        }
    }

    private static final int MAX_SCHOOL_NAME = 200;

    private String schoolName(IncomingEvent event) {
        try {
            JsonNode name = event.data() == null ? null : json.readTree(event.data()).get("schoolName");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                return null;
            }
            String text = name.asText().strip();
            return text.length() > MAX_SCHOOL_NAME ? text.substring(0, MAX_SCHOOL_NAME) : text;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Event " + event.id() + " has data that is not JSON");
        }
    }
}
