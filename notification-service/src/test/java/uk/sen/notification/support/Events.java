package uk.sen.notification.support;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.TopicReader;

/** Register, review and workload events as their producers send them (CloudEvents in Kafka binary mode). */
public final class Events {

    public static final String REGISTER = "test.notification.sen.register.v1";
    public static final String REVIEW = "test.notification.sen.review.v1";
    public static final String WORKLOAD = "test.notification.sen.workload.v1";
    public static final String NOTIFICATION = "test.sen.notification.v1";

    private Events() {
    }

    public static Map<String, String> headers(String id, String type, String source, String subject, String trust,
            String school, OffsetDateTime time) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", id);
        h.put("ce_type", type);
        h.put("ce_source", source);
        h.put("ce_subject", subject);
        h.put("ce_time", time.toString());
        h.put("ce_trustid", trust);
        h.put("ce_schoolurn", school);
        h.put("content-type", "application/json");
        return h;
    }

    /** The start of the provisions in register events: two days ago, so SEN support has just started. */
    public static final LocalDate PROVISION_START = TestDates.today().minusDays(2);

    /** A register event with the register's snapshot (needs included: the service must not pass them on). */
    public static String register(String pupil, String trust, String school, String type, String provision,
            String previous) {
        return register(pupil, trust, school, type, provision, previous, PROVISION_START);
    }

    /** A register event whose provision started on {@code started}. */
    public static String register(String pupil, String trust, String school, String type, String provision,
            String previous, LocalDate started) {
        return register(pupil, trust, school, type, provision, previous, started, null);
    }

    /** A register event sent as part of a trace: {@code traceparent} is the W3C header the register's relay writes. */
    public static String register(String pupil, String trust, String school, String type, String provision,
            String previous, LocalDate started, String traceparent) {
        return register(pupil, null, trust, school, type, provision, previous, started, traceparent);
    }

    /** A register event of a pupil with this UPN (the register's snapshot carries it). */
    public static String register(String pupil, String upn, String trust, String school, String type,
            String provision, String previous, LocalDate started, String traceparent) {
        String eventId = UUID.randomUUID().toString();
        String data = String.format("""
                {"pupilId":"%s",%s"trustId":"%s","schoolUrn":"%s","laCode":"801","dateOfBirth":"2016-03-14",
                 "ncYear":"4","provision":"%s","provisionStartDate":"%s","issuingLa":null,"planIssueDate":null,
                 "needs":[{"rank":1,"code":"ASD","area":"COMMUNICATION_AND_INTERACTION"}],"previousProvision":%s,
                 "endDate":null,"endReason":null,"changedFields":[]}""",
                pupil, upn == null ? "" : "\"upn\":\"" + upn + "\",", trust, school, provision, started,
                previous == null ? "null" : "\"" + previous + "\"");
        Map<String, String> headers = headers(eventId, type, "urn:uk-sen:register-service", pupil, trust, school,
                TestDates.eventTime());
        if (traceparent != null) {
            headers.put("traceparent", traceparent);
        }
        TopicReader.send(REGISTER, pupil, data, headers);
        return eventId;
    }

    /** Makes a pupil known to the service (on the register with SEN support) and returns the event id. */
    public static String knownPupil(String pupil, String trust, String school) {
        return register(pupil, trust, school, "uk.sen.register.pupil-registered", "E", "N");
    }

    public static String meetingSet(String pupil, String trust, String school, String reviewId, LocalDate meetingDate,
            String inviteesJson, OffsetDateTime time) {
        String data = String.format("""
                {"reviewId":"%s","pupilId":"%s","trustId":"%s","schoolUrn":"%s","kind":"ANNUAL","transfer":null,
                 "status":"MEETING_SET","dueBy":"%s","planBy":null,"meetingDate":"%s","invitees":%s,"heldOn":null,
                 "durationMinutes":null,"decision":null,"nextStep":null,"closedReason":null}""",
                reviewId, pupil, trust, school, meetingDate.plusDays(30), meetingDate, inviteesJson);
        return review(pupil, trust, school, "uk.sen.review.meeting-set", data, time);
    }

    public static String reviewCompleted(String pupil, String trust, String school, String reviewId) {
        String data = String.format("""
                {"reviewId":"%s","pupilId":"%s","trustId":"%s","schoolUrn":"%s","kind":"ANNUAL","status":"COMPLETED",
                 "meetingDate":"%s","invitees":[],"heldOn":"%s","decision":"MAINTAIN","nextStep":null}""",
                reviewId, pupil, trust, school, TestDates.today(), TestDates.today());
        return review(pupil, trust, school, "uk.sen.review.review-completed", data, TestDates.eventTime());
    }

    public static String deadline(String pupil, String trust, String school, String type, String step,
            boolean statutory, LocalDate dueOn, String threshold, long daysLeft) {
        String data = String.format("""
                {"deadlineId":"%s","pupilId":"%s","trustId":"%s","schoolUrn":"%s","sourceType":"annual-review",
                 "sourceId":"%s","step":"%s","statutory":%s,"dueOn":"%s","threshold":"%s","daysLeft":%d}""",
                UUID.randomUUID(), pupil, trust, school, UUID.randomUUID(), step, statutory, dueOn, threshold, daysLeft);
        return review(pupil, trust, school, type, data, TestDates.eventTime());
    }

    /**
     * A contribution event of review-service (contribution-requested, -reminder, -received): PARENT, AGENCY (with
     * {@code agency}) or TEACHER asked by {@code dueOn}, without reviewKind (as sent before SEN support reviews had
     * contributions: an annual review). The data also names the child, as a careless producer might: the service
     * must not pass it on.
     */
    public static String contribution(String pupil, String trust, String school, String type, String requestId,
            String contributor, String agency, LocalDate dueOn, LocalDate meetingDate) {
        return contribution(pupil, trust, school, type, requestId, contributor, agency, dueOn, meetingDate, null);
    }

    /** A contribution event for a review of {@code reviewKind} (ANNUAL or SUPPORT). */
    public static String contribution(String pupil, String trust, String school, String type, String requestId,
            String contributor, String agency, LocalDate dueOn, LocalDate meetingDate, String reviewKind) {
        String data = String.format("""
                {"requestId":"%s","reviewId":"%s","pupilId":"%s","trustId":"%s","schoolUrn":"%s",%s"contributor":"%s",
                 "agency":%s,"dueOn":"%s","meetingDate":"%s","receivedOn":null,"pupilName":"%s"}""",
                requestId, UUID.randomUUID(), pupil, trust, school,
                reviewKind == null ? "" : "\"reviewKind\":\"" + reviewKind + "\",", contributor,
                agency == null ? "null" : "\"" + agency + "\"", dueOn, meetingDate, CHILD_NAME);
        return review(pupil, trust, school, type, data, TestDates.eventTime());
    }

    /** The child's name in {@link #contribution} events, which no message may carry. */
    public static final String CHILD_NAME = "Zebedee Quill";

    public static String review(String pupil, String trust, String school, String type, String data,
            OffsetDateTime time) {
        String eventId = UUID.randomUUID().toString();
        TopicReader.send(REVIEW, pupil, data, headers(eventId, type, "urn:uk-sen:review-service", pupil, trust, school,
                time));
        return eventId;
    }
}
