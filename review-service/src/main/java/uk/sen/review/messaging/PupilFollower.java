package uk.sen.review.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.inbox.EventFollower;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;
import uk.sen.platform.time.EnglandClock;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.domain.TimelineEntry;
import uk.sen.review.events.RegisterEvent;
import uk.sen.review.service.AnnualReviewService;
import uk.sen.review.service.SupportPlanService;

/**
 * Keeps the review service's view of each pupil from the register's events (sen.register.v1, the register-events
 * channel), exactly once per event, and brings the pupil's reviews and support plan in line with it. A record that
 * cannot be applied goes to sen.register.v1.dlq.review-service ({@link EventFollower} says how).
 */
@ApplicationScoped
public class PupilFollower extends EventFollower {

    private static final String PREFIX = "uk.sen.register.";

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    @Inject
    AnnualReviewService reviews;

    @Inject
    SupportPlanService supportPlans;

    @Inject
    EnglandClock calendar;

    PupilFollower() {
        super("register-events", "review-service.register-events");
    }

    @Incoming("register-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> records) {
        return deliver(records);
    }

    @Override
    protected void follow(IncomingEvent event) {
        if (!event.type().startsWith(PREFIX)) {
            return;
        }
        RegisterEvent data = read(event);
        UUID pupilId = UUID.fromString(data.pupilId());
        FollowedPupil pupil = FollowedPupil.findById(pupilId);
        if (pupil == null) {
            pupil = new FollowedPupil();
            pupil.pupilId = pupilId;
        }
        pupil.trustId = data.trustId();
        pupil.schoolUrn = data.schoolUrn();
        pupil.laCode = data.laCode();
        pupil.dateOfBirth = data.dateOfBirth();
        pupil.ncYear = data.ncYear();
        pupil.upn = data.upn();
        pupil.provision = data.provision() == null ? "N" : data.provision();
        pupil.provisionStartDate = data.provisionStartDate();
        pupil.issuingLa = data.issuingLa();
        pupil.planIssueDate = data.planIssueDate();
        pupil.primaryNeed = need(data, 1);
        pupil.secondaryNeed = need(data, 2);
        pupil.primaryArea = data.needs() == null ? null : data.needs().stream().filter(n -> n.rank() == 1)
                .findFirst().map(RegisterEvent.Need::area).orElse(null);
        pupil.schoolPhase = data.schoolPhase();
        pupil.schoolHighestAge = data.schoolHighestAge();
        pupil.updatedAt = Instant.now();
        pupil.persist();
        FollowedPupil.flush();

        TimelineEntry entry = new TimelineEntry();
        entry.pupilId = pupilId;
        entry.eventId = event.id();
        entry.eventType = event.type();
        entry.occurredAt = event.time();
        entry.summary = summary(event.type().substring(PREFIX.length()), data);
        entry.persist();
        audit.recordSystem("review-service", AuditLog.UPDATE, "pupil", pupilId.toString(), data.trustId(),
                data.schoolUrn(), "applied " + event.type() + " " + event.id());
        reviews.followProvision(pupil, entry.summary);
        // the day SEN support ended, if this event ended it: the end date, or the start of what replaced it
        LocalDate ended = data.endDate() != null ? data.endDate()
                : data.provisionStartDate() != null ? data.provisionStartDate() : calendar.today();
        supportPlans.followProvision(pupil, entry.summary, ended);
    }

    private RegisterEvent read(IncomingEvent event) {
        RegisterEvent data;
        try {
            data = json.readValue(event.data(), RegisterEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Event " + event.id() + " of type " + event.type()
                    + " has unreadable data: " + e.getOriginalMessage(), e);
        } catch (Exception e) {
            throw new MalformedEventException("Event " + event.id() + " has unreadable data", e);
        }
        if (data == null || data.pupilId() == null || data.trustId() == null || data.schoolUrn() == null) {
            throw new MalformedEventException("Event " + event.id() + " lacks pupilId, trustId or schoolUrn");
        }
        try {
            UUID.fromString(data.pupilId());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("Event " + event.id() + " has a pupilId that is not a UUID");
        }
        return data;
    }

    private static String need(RegisterEvent data, int rank) {
        if (data.needs() == null) {
            return null;
        }
        return data.needs().stream().filter(n -> n.rank() == rank).map(RegisterEvent.Need::code).findFirst()
                .orElse(null);
    }

    private static String summary(String kind, RegisterEvent d) {
        return switch (kind) {
            case "pupil-added" -> "Joined the school's roll with no SEN provision";
            case "pupil-registered" -> "Placed on the register with " + d.provision() + " from " + d.provisionStartDate();
            case "provision-changed" -> "Provision changed from " + d.previousProvision() + " to " + d.provision()
                    + " on " + d.provisionStartDate();
            case "needs-changed" -> "Needs changed";
            case "pupil-left-register" -> "Left the register (" + d.previousProvision() + " closed " + d.endDate()
                    + (d.endReason() == null ? "" : ": " + d.endReason()) + ")";
            case "pupil-details-changed" -> "Details changed (school, year or date of birth)";
            default -> kind;
        };
    }
}
