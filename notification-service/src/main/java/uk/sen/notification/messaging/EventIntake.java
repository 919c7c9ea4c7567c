package uk.sen.notification.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.sen.notification.domain.TriggerEvent;
import uk.sen.notification.events.RegisterEvent;
import uk.sen.notification.events.ReviewEvent;
import uk.sen.notification.service.MessagePlanner;
import uk.sen.notification.service.PupilDirectory;
import uk.sen.notification.service.ReviewMeetings;
import uk.sen.notification.service.RuleBook;
import uk.sen.notification.service.Trigger;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.inbox.Inbox;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;

/**
 * Applies the events this service consumes, each exactly once: the inbox record, the service's view of the pupil
 * or meeting, and the message rows the rules call for commit together. A redelivered event is skipped; a message
 * row is unique per (event, recipient, channel) besides, so nothing is ever planned twice.
 */
@ApplicationScoped
public class EventIntake {

    static final String REGISTER_CONSUMER = "notification-service.register-events";
    static final String REVIEW_CONSUMER = "notification-service.review-events";
    static final String WORKLOAD_CONSUMER = "notification-service.workload-events";
    static final String ACTOR = "notification-service";
    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    @Inject
    Inbox inbox;

    @Inject
    ObjectMapper json;

    @Inject
    PupilDirectory pupils;

    @Inject
    ReviewMeetings meetings;

    @Inject
    MessagePlanner planner;

    @Inject
    RuleBook rules;

    @Inject
    AuditLog audit;

    @Transactional
    public void register(IncomingEvent e) {
        if (!inbox.firstDelivery(REGISTER_CONSUMER, e.id())) {
            LOG.debugf("Register event %s already applied; redelivery skipped", e.id());
            return;
        }
        if (!e.type().startsWith("uk.sen.register.")) {
            return;
        }
        RegisterEvent d = withAttributes(e, read(e, RegisterEvent.class));
        pupils.follow(d);
        apply(e, Trigger.fromRegister(e.id(), e.type(), e.time(), d), null);
    }

    @Transactional
    public void review(IncomingEvent e) {
        // types without rules and without a bearing on meetings (e.g. review-scheduled, or one added later) are
        // not even read, nor recorded: a consumer must not fail on what it does not use, nor spend a write on it
        if (!e.type().startsWith("uk.sen.review.")
                || !(rules.hasRules(e.type()) || ReviewMeetings.FOLLOWED.contains(e.type()))) {
            return;
        }
        if (!inbox.firstDelivery(REVIEW_CONSUMER, e.id())) {
            LOG.debugf("Review event %s already applied; redelivery skipped", e.id());
            return;
        }
        ReviewEvent d = withAttributes(e, read(e, ReviewEvent.class));
        if (ReviewMeetings.MEETING_SET.equals(e.type()) && (d.reviewId() == null || d.meetingDate() == null)) {
            throw new MalformedEventException("Event " + e.id() + " sets a meeting without reviewId or meetingDate");
        }
        if (d.reviewId() != null) {
            uuid(e, d.reviewId(), "reviewId");
        }
        Trigger t = Trigger.fromReview(e.id(), e.type(), e.time(), d);
        meetings.follow(t, e.time());
        apply(e, t, ReviewMeetings.MEETING_SET.equals(e.type()) ? ReviewMeetings.supersedeKey(t) : null);
    }

    /**
     * Workload events concern a SENCO, not a pupil: the data is not read at all, only the trust and school from the
     * CloudEvent attributes, so whatever shape workload-service gives its data, no personal detail is passed on.
     */
    @Transactional
    public void workload(IncomingEvent e) {
        if (!rules.hasRules(e.type()) || !inbox.firstDelivery(WORKLOAD_CONSUMER, e.id())) {
            return;
        }
        if (e.trustId() == null || e.schoolUrn() == null) {
            throw new MalformedEventException("Event " + e.id() + " of type " + e.type()
                    + " has no ce_trustid or ce_schoolurn, so it cannot be addressed to a school");
        }
        int created = planner.plan(new Trigger(e.id(), e.type(), null, e.trustId(), e.schoolUrn(), e.time(),
                Instant.now(), Map.of()));
        LOG.debugf("Workload event %s planned %d messages", e.id(), created);
    }

    private void apply(IncomingEvent e, Trigger t, String supersedeKey) {
        int created = planner.plan(t);
        if (rules.keptForCatchUp(t.type())) {
            if (supersedeKey != null) {
                TriggerEvent.delete("supersedeKey", supersedeKey);
            }
            TriggerEvent kept = new TriggerEvent();
            kept.eventId = t.id();
            kept.eventType = t.type();
            kept.pupilId = t.pupilId();
            kept.trustId = t.trustId();
            kept.schoolUrn = t.schoolUrn();
            kept.occurredAt = t.occurredAt();
            kept.receivedAt = t.receivedAt();
            kept.supersedeKey = supersedeKey;
            kept.data = planner.storeFields(t);
            kept.persist();
        }
        if (created > 0) {
            audit.recordSystem(ACTOR, AuditLog.CREATE, "pupil", t.pupilId().toString(), t.trustId(), t.schoolUrn(),
                    created + " message(s) for " + e.type() + " " + e.id());
        }
    }

    private <T> T read(IncomingEvent e, Class<T> type) {
        try {
            T data = json.readValue(e.data(), type);
            if (data == null) {
                throw new MalformedEventException("Event " + e.id() + " has no data");
            }
            return data;
        } catch (MalformedEventException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new MalformedEventException("Event " + e.id() + " of type " + e.type() + " has unreadable data", ex);
        }
    }

    /** The pupil, trust and school from the data, or else from the CloudEvent's subject and extensions. */
    private static RegisterEvent withAttributes(IncomingEvent e, RegisterEvent d) {
        RegisterEvent full = new RegisterEvent(or(d.pupilId(), e.subject()), or(d.trustId(), e.trustId()),
                or(d.schoolUrn(), e.schoolUrn()), d.provision(), d.provisionStartDate(), d.previousProvision());
        requirePupil(e, full.pupilId(), full.trustId(), full.schoolUrn());
        return full;
    }

    private static ReviewEvent withAttributes(IncomingEvent e, ReviewEvent d) {
        ReviewEvent full = new ReviewEvent(d.reviewId(), or(d.pupilId(), e.subject()), or(d.trustId(), e.trustId()),
                or(d.schoolUrn(), e.schoolUrn()), d.kind(), d.status(), d.meetingDate(), d.invitees(), d.heldOn(),
                d.decision(), d.deadlineId(), d.sourceType(), d.sourceId(), d.step(), d.statutory(), d.dueOn(),
                d.threshold(), d.daysLeft());
        requirePupil(e, full.pupilId(), full.trustId(), full.schoolUrn());
        return full;
    }

    private static String or(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }

    private static void requirePupil(IncomingEvent e, String pupilId, String trustId, String schoolUrn) {
        if (pupilId == null || trustId == null || schoolUrn == null) {
            throw new MalformedEventException("Event " + e.id()
                    + " names no pupil, trust or school (neither in its data nor in ce_subject, ce_trustid, ce_schoolurn)");
        }
        uuid(e, pupilId, "pupilId");
    }

    private static void uuid(IncomingEvent e, String value, String field) {
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException ex) {
            throw new MalformedEventException("Event " + e.id() + " has a " + field + " that is not a UUID");
        }
    }
}
