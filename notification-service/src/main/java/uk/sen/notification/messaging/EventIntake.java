package uk.sen.notification.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import com.fasterxml.jackson.databind.ObjectMapper;

import uk.sen.notification.service.MessagePlanner;
import uk.sen.notification.service.Trigger;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.inbox.IncomingEvent;
import uk.sen.platform.inbox.MalformedEventException;

/**
 * What the service's three channels share when they apply an event, each exactly once ({@link
 * uk.sen.platform.inbox.EventFollower}: the inbox record, the service's view of the pupil or meeting, and the message
 * rows the rules call for commit together): reading the data, planning and auditing the messages. A message row is
 * unique per (event, recipient, channel) besides, so nothing is ever planned twice.
 */
@ApplicationScoped
public class EventIntake {

    static final String ACTOR = "notification-service";

    @Inject
    ObjectMapper json;

    @Inject
    MessagePlanner planner;

    @Inject
    AuditLog audit;

    /** Plans a pupil's messages for the trigger, keeps it for contacts added later, and audits what it planned. */
    void plan(IncomingEvent e, Trigger t, String supersedeKey) {
        int created = planner.plan(t);
        planner.keepForCatchUp(t, supersedeKey);
        if (created > 0) {
            audit.recordSystem(ACTOR, AuditLog.CREATE, "pupil", t.pupilId().toString(), t.trustId(), t.schoolUrn(),
                    created + " message(s) for " + e.type() + " " + e.id());
        }
    }

    <T> T read(IncomingEvent e, Class<T> type) {
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

    /** A value from the event's data, or else the CloudEvent attribute that stands for it. */
    static String or(String value, String fallback) {
        return value != null && !value.isBlank() ? value : fallback;
    }

    static void requirePupil(IncomingEvent e, String pupilId, String trustId, String schoolUrn) {
        if (pupilId == null || trustId == null || schoolUrn == null) {
            throw new MalformedEventException("Event " + e.id()
                    + " names no pupil, trust or school (neither in its data nor in ce_subject, ce_trustid, ce_schoolurn)");
        }
        uuid(e, pupilId, "pupilId");
    }

    static void uuid(IncomingEvent e, String value, String field) {
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException ex) {
            throw new MalformedEventException("Event " + e.id() + " has a " + field + " that is not a UUID");
        }
    }
}
