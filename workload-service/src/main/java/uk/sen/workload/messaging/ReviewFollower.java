package uk.sen.workload.messaging;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;
import uk.sen.workload.domain.StatutoryWork;
import uk.sen.workload.domain.WorkKind;
import uk.sen.workload.events.ReviewEvent;
import uk.sen.workload.service.AllocationWatch;
import uk.sen.workload.service.SuggestionService;
import uk.sen.workload.service.WorkKinds;
import uk.sen.workload.service.WorkloadClock;

/**
 * Follows review-service's events exactly once each (the event id is recorded in the transaction of its effect),
 * as the kinds table ({@link WorkKinds}) reads them: announced and re-planned work becomes open work for the
 * forecast, a held EHCP review meeting suggests a time entry, and completed, decided or cancelled work leaves the
 * forecast. Event types no row of the table names are skipped. A record that cannot be applied goes to
 * sen.review.v1.dlq.workload-service ({@link EventFollower} says how).
 */
@ApplicationScoped
public class ReviewFollower extends EventFollower {

    private static final Logger LOG = Logger.getLogger(ReviewFollower.class);

    @Inject
    ObjectMapper json;

    @Inject
    WorkKinds kinds;

    @Inject
    SuggestionService suggestions;

    @Inject
    AllocationWatch watch;

    @Inject
    AuditLog audit;

    @Inject
    WorkloadClock clock;

    ReviewFollower() {
        super("review-events", "workload-service.review-events");
    }

    @Incoming("review-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
    }

    @Override
    protected boolean wanted(IncomingEvent event) {
        return kinds.all().stream().anyMatch(k -> k.on().containsKey(event.type()));
    }

    @Override
    protected void follow(IncomingEvent event) {
        String type = event.type();
        ReviewEvent data = read(event);
        Optional<WorkKinds.Match> match = kinds.match(type, data.kind());
        if (match.isEmpty() && data.kind() == null) {
            throw new MalformedEventException("Event " + event.id() + " of type " + type
                    + " has no 'kind' (ANNUAL or PHASE_TRANSFER)");
        }
        if (match.isEmpty()) {
            LOG.debugf("Event %s (%s) is about no kind of work the forecast counts (kind %s)", event.id(), type,
                    data.kind());
            return;
        }
        WorkKind kind = match.get().kind();
        WorkKind.Step step = match.get().trigger().step();
        String idField = match.get().trigger().idField();
        String trust = data.trustId() != null ? data.trustId() : event.trustId();
        String school = data.schoolUrn() != null ? data.schoolUrn() : event.schoolUrn();
        if (trust == null || school == null) {
            throw new MalformedEventException("Event " + event.id() + " names no trust or school");
        }
        if (data.id(idField) == null && step == WorkKind.Step.CLOSED) {
            // e.g. a support plan closed with no review scheduled: nothing to take out of the forecast
            return;
        }
        UUID workId = uuid(event, idField, data.id(idField));
        StatutoryWork work = StatutoryWork.findById(workId);
        switch (step) {
            case OPEN -> {
                if (data.dueBy() == null && data.meetingDate() == null) {
                    throw new MalformedEventException("Event " + event.id() + " announces work with no dueBy");
                }
                if (work == null) {
                    work = newWork(workId, kind, StatutoryWork.Status.OPEN);
                }
                work.kind = kind.code();
                work.dueBy = data.dueBy();
                work.meetingDate = data.meetingDate();
            }
            case HELD -> {
                if (data.heldOn() == null) {
                    throw new MalformedEventException("Event " + event.id() + " says a meeting was held but not when");
                }
                if (work == null) {
                    // the meeting of a review scheduled before this service followed the topic
                    work = newWork(workId, kind, StatutoryWork.Status.HELD);
                    work.dueBy = data.dueBy();
                }
                work.status = StatutoryWork.Status.HELD;
                work.heldOn = data.heldOn();
                work.meetingDate = data.meetingDate() != null ? data.meetingDate() : work.meetingDate;
                if (ReviewEvent.MEETING_HELD.equals(type)) {
                    suggestions.suggest(event.id(), trust, school, workId, pupil(data), data.kind(), data.heldOn(),
                            data.durationMinutes());
                }
            }
            case DONE, CLOSED -> {
                if (work == null) {
                    return;
                }
                work.status = step == WorkKind.Step.DONE ? StatutoryWork.Status.DONE : StatutoryWork.Status.CLOSED;
            }
        }
        work.trustId = trust;
        work.schoolUrn = school;
        work.pupilId = pupil(data) != null ? pupil(data) : work.pupilId;
        work.lastEventId = event.id();
        work.updatedAt = clock.instant();
        work.persist();
        StatutoryWork.flush();
        audit.recordSystem("workload-service", AuditLog.UPDATE, "statutory-work", workId.toString(), trust, school,
                "applied " + type + " " + event.id() + ": " + work.kind + " " + work.status);
        watch.checkForecastBeforeCommit(trust, school);
    }

    private static StatutoryWork newWork(UUID id, WorkKind kind, StatutoryWork.Status status) {
        StatutoryWork work = new StatutoryWork();
        work.sourceId = id;
        work.kind = kind.code();
        work.status = status;
        return work;
    }

    private ReviewEvent read(IncomingEvent event) {
        try {
            ReviewEvent data = json.readValue(event.data(), ReviewEvent.class);
            if (data == null) {
                throw new MalformedEventException("Event " + event.id() + " has no data");
            }
            return data;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Event " + event.id() + " of type " + event.type()
                    + " has unreadable data: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("Event " + event.id() + " has unreadable data", e);
        }
    }

    private static UUID uuid(IncomingEvent event, String field, String value) {
        if (value == null) {
            throw new MalformedEventException("Event " + event.id() + " has no " + field);
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("Event " + event.id() + " has a " + field + " that is not a UUID");
        }
    }

    private static UUID pupil(ReviewEvent data) {
        try {
            return data.pupilId() == null ? null : UUID.fromString(data.pupilId());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
