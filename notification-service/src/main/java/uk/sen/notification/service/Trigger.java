package uk.sen.notification.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import uk.sen.notification.events.RegisterEvent;
import uk.sen.notification.events.ReviewEvent;

/**
 * Something that may cause messages: an event from another service, or a reminder the service raises itself. It
 * keeps only the scalar fields the rules and templates read (never needs, names or dates of birth); the same
 * fields are stored for catch-up.
 */
public record Trigger(String id, String type, UUID pupilId, String trustId, String schoolUrn,
        OffsetDateTime occurredAt, Instant receivedAt, Map<String, String> fields) {

    public static final String MEETING_REMINDER = "internal.meeting-reminder";

    public static Trigger fromRegister(String eventId, String type, OffsetDateTime time, RegisterEvent d) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "provision", d.provision());
        put(f, "provisionStartDate", d.provisionStartDate());
        put(f, "previousProvision", d.previousProvision());
        return new Trigger(eventId, type, UUID.fromString(d.pupilId()), d.trustId(), d.schoolUrn(), time,
                Instant.now(), Map.copyOf(f));
    }

    public static Trigger fromReview(String eventId, String type, OffsetDateTime time, ReviewEvent d) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "reviewId", d.reviewId());
        put(f, "kind", d.kind());
        put(f, "status", d.status());
        put(f, "meetingDate", d.meetingDate());
        if (d.invitees() != null) {
            put(f, "inviteeRoles", d.invitees().stream().map(ReviewEvent.Invitee::role)
                    .filter(r -> r != null && !r.isBlank()).collect(Collectors.toCollection(TreeSet::new))
                    .stream().collect(Collectors.joining(",")));
        }
        put(f, "heldOn", d.heldOn());
        put(f, "decision", d.decision());
        put(f, "deadlineId", d.deadlineId());
        put(f, "sourceType", d.sourceType());
        put(f, "sourceId", d.sourceId());
        put(f, "step", d.step());
        put(f, "statutory", d.statutory());
        put(f, "dueOn", d.dueOn());
        put(f, "threshold", d.threshold());
        put(f, "daysLeft", d.daysLeft());
        put(f, "dueBy", d.dueBy());
        put(f, "requestId", d.requestId());
        put(f, "contributor", d.contributor());
        put(f, "agency", d.agency());
        put(f, "reviewKind", d.reviewKind());
        return new Trigger(eventId, type, UUID.fromString(d.pupilId()), d.trustId(), d.schoolUrn(), time,
                Instant.now(), Map.copyOf(f));
    }

    public static Trigger meetingReminder(UUID reviewId, UUID pupilId, String trustId, String schoolUrn,
            LocalDate meetingDate, String inviteeRoles, int daysBefore) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "reviewId", reviewId);
        put(f, "meetingDate", meetingDate);
        put(f, "inviteeRoles", inviteeRoles);
        put(f, "daysBefore", daysBefore);
        // one reminder per meeting date and day count: the key makes it exactly once, whoever runs the job
        String id = "reminder:" + reviewId + ":" + meetingDate + ":" + daysBefore;
        return new Trigger(id, MEETING_REMINDER, pupilId, trustId, schoolUrn, null, Instant.now(), Map.copyOf(f));
    }

    public String field(String name) {
        return fields.get(name);
    }

    public LocalDate date(String name) {
        String value = fields.get(name);
        return value == null ? null : LocalDate.parse(value);
    }

    public Set<String> inviteeRoles() {
        String roles = fields.get("inviteeRoles");
        return roles == null || roles.isBlank() ? Set.of()
                : new TreeSet<>(List.copyOf(Arrays.asList(roles.split(","))));
    }

    private static void put(Map<String, String> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value.toString());
        }
    }
}
