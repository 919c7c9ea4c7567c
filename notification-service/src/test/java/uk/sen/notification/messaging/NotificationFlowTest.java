package uk.sen.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.notification.service.Dates;
import uk.sen.notification.service.MeetingReminders;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.notification.support.Mailbox;
import uk.sen.notification.support.Mailbox.Mail;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

/**
 * Each trigger end to end: an event on real Kafka, the rule, the template, the delivery log, and the mail as the
 * real SMTP server (GreenMail) received it.
 */
@QuarkusTest
class NotificationFlowTest {

    static final String SENCO = "senco.harbour";
    static final String TRUST = "northbridge";
    static final String SCHOOL = "900101";
    static final LocalDate TODAY = TestDates.today();
    static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    static final String INVITEES = """
            [{"role":"PARENT_OR_YOUNG_PERSON","name":"Parent"},{"role":"HEAD"},{"role":"LA_SEN_OFFICER"},
             {"role":"HEALTH","name":"Dr Shah"},{"role":"SOCIAL_CARE"}]""";

    @Inject
    MeetingReminders reminders;

    /** Nothing more arrives for the address within a few sender polls. */
    static void assertStaysAt(String address, int count) {
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailbox.of(address).size() == count);
    }

    /** The register's data holds needs and a date of birth: no message may carry them. */
    static void assertNoChildDetails(Mail mail) {
        String all = mail.subject() + mail.text() + mail.calendar().map(Mailbox.Part::content).orElse("");
        assertFalse(all.contains("ASD"), all);
        assertFalse(all.contains("COMMUNICATION_AND_INTERACTION"), all);
        assertFalse(all.contains("2016"), all);
    }

    @Test
    void senSupportStartingTellsTheParentsWithParentalResponsibilityEvenWhenAddedAfterTheEvent() {
        String pupil = UUID.randomUUID().toString();
        Events.register(pupil, TRUST, SCHOOL, "uk.sen.register.pupil-registered", "K", "N");
        Api.awaitKnown(pupil, SENCO);
        String reference = Api.caseReference(pupil, SENCO);
        String mother = Api.email("mother");
        String father = Api.email("father");
        String therapist = Api.email("salt");
        Api.addContact(pupil, Api.parent("Sam Taylor", mother, null, true, "EMAIL"), SENCO);
        Api.addContact(pupil, Api.parent("Alex Taylor", father, null, false, "EMAIL"), SENCO);
        Api.addContact(pupil, Api.agency("SPEECH_AND_LANGUAGE_THERAPY", "Dr Priya Shah", therapist), SENCO);

        Mail mail = Mailbox.await(mother, 1).get(0);
        assertEquals("SEN support for your child", mail.subject());
        assertTrue(mail.text().contains("Dear Sam Taylor"), mail.text());
        assertTrue(mail.text().contains("from " + SPOKEN.format(Events.PROVISION_START)), mail.text());
        assertTrue(mail.text().contains("https://sen.example.test/pupils/" + pupil), mail.text());
        assertTrue(mail.text().contains("Reference: " + reference), mail.text());
        assertTrue(mail.text().contains("Northbridge Learning Trust"), mail.text());
        assertNoChildDetails(mail);
        Map<String, Object> logged = Api.awaitMessage(pupil, mother, SENCO, "DELIVERED");
        assertEquals(mail.headers().get("x-sen-message-id"), logged.get("id"));
        assertEquals("sen-support-started.parents", logged.get("ruleId"));

        assertStaysAt(mother, 1);
        assertEquals(0, Mailbox.of(father).size());
        assertEquals(0, Mailbox.of(therapist).size());
        assertEquals(1, Api.messages(pupil, SENCO).getList("items").size());
    }

    /**
     * A school's first MIS import brings in pupils whose SEN support began long ago: the parents knew, so neither
     * the event nor a contact added in the days after it tells them that support "has started".
     */
    @Test
    void supportThatBeganLongBeforeItReachesTheRegisterIsNotAnnouncedAsStarting() {
        String pupil = UUID.randomUUID().toString();
        Events.register(pupil, TRUST, SCHOOL, "uk.sen.register.pupil-registered", "K", null, TODAY.minusYears(2));
        Api.awaitKnown(pupil, SENCO);
        String mother = Api.email("mother");
        Api.addContact(pupil, Api.parent("Sam Taylor", mother, null, true, "EMAIL"), SENCO);
        // support that starts now, for another pupil, is still announced
        String other = UUID.randomUUID().toString();
        Events.register(other, TRUST, SCHOOL, "uk.sen.register.pupil-registered", "K", "N");
        Api.awaitKnown(other, SENCO);
        String otherParent = Api.email("mother");
        Api.addContact(other, Api.parent("Robin Lee", otherParent, null, true, "EMAIL"), SENCO);
        Mailbox.await(otherParent, 1);

        assertStaysAt(mother, 0);
        assertEquals(List.of(), Api.messages(pupil, SENCO).getList("items"));
    }

    @Test
    void theSameEventDeliveredTwiceSendsOneMail() {
        String pupil = UUID.randomUUID().toString();
        Events.register(pupil, TRUST, SCHOOL, "uk.sen.register.pupil-left-register", "N", "E");
        Api.awaitKnown(pupil, SENCO);
        String mother = Api.email("mother");
        Api.addContact(pupil, Api.parent("Sam Taylor", mother, null, true, "EMAIL"), SENCO);

        String eventId;
        try (TopicReader register = TopicReader.fromNow(Events.REGISTER)) {
            eventId = Events.register(pupil, TRUST, SCHOOL, "uk.sen.register.pupil-registered", "K", "N");
            ConsumerRecord<String, String> sent = register.await(TopicReader.hasHeader("ce_id", eventId),
                    Duration.ofSeconds(10));
            Mailbox.await(mother, 1);
            TopicReader.resend(sent);
            TopicReader.resend(sent);
        }
        // a later event of the same pupil (same partition, in order): once it is applied, so were the copies
        Events.register(pupil, TRUST, SCHOOL, "uk.sen.register.provision-changed", "E", "K");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.of(SENCO))
                .get("/api/v1/pupils/" + pupil).then().body("provision", equalTo("E")));
        assertStaysAt(mother, 1);
        List<Map<String, Object>> log = Api.messages(pupil, SENCO).getList("items");
        assertEquals(1, log.size());
        assertEquals(eventId, log.get(0).get("triggerId"));
    }

    @Test
    void aMeetingInvitesTheParentsAndTheAgenciesItMaySendToWithACalendarEntryAndLogsTheRest() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String reference = Api.caseReference(pupil, SENCO);
        String parent = Api.email("parent");
        String camhs = Api.email("camhs");
        String social = Api.email("social");
        String health = Api.email("health");
        String officer = Api.email("la-officer");
        String reviewId = UUID.randomUUID().toString();
        LocalDate meeting = TODAY.plusDays(21);

        Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        String camhsId = Api.addContact(pupil, Api.agency("CAMHS", "Dr Ana Ruiz", camhs), SENCO);
        Api.addContact(pupil, Api.agency("SOCIAL_CARE", "Chris Moss", social), SENCO);
        Api.addContact(pupil, Api.agency("HEALTH", "Nurse Lee", health), SENCO);
        Api.addContact(pupil, Api.agency("LA_SEN_OFFICER", "Pat Quinn", officer), SENCO);
        Api.consent(pupil, "CAMHS", TODAY.minusMonths(2), null, SENCO);
        Api.consent(pupil, "HEALTH", TODAY.minusMonths(2), TODAY.minusDays(1), SENCO);
        given().auth().oauth2(Tokens.of(SENCO)).contentType("application/json")
                .body("{\"basis\":\"PUBLIC_TASK\",\"givenOn\":\"" + TODAY.minusYears(1) + "\"}")
                .put("/api/v1/pupils/" + pupil + "/sharing/LA_SEN_OFFICER").then().statusCode(201);

        try (TopicReader out = TopicReader.fromNow(Events.NOTIFICATION)) {
            Events.meetingSet(pupil, TRUST, SCHOOL, reviewId, meeting, INVITEES, TestDates.eventTime());

            Mail toParent = Mailbox.await(parent, 1).get(0);
            assertEquals("Invitation: annual review meeting on " + SPOKEN.format(meeting), toParent.subject());
            assertTrue(toParent.text().contains("https://sen.example.test/reviews/" + reviewId), toParent.text());
            assertNoChildDetails(toParent);
            Mailbox.Part ics = toParent.calendar().orElseThrow();
            assertTrue(ics.contentType().toLowerCase(Locale.ROOT).contains("method=request"), ics.contentType());
            String calendar = ics.content();
            assertTrue(calendar.contains("METHOD:REQUEST\r\n"), calendar);
            assertTrue(calendar.contains("DTSTART;VALUE=DATE:" + meeting.format(DateTimeFormatter.BASIC_ISO_DATE)),
                    calendar);
            assertTrue(calendar.contains("UID:" + reviewId + "@review-meetings.sen-platform"), calendar);
            assertTrue(calendar.replace("\r\n ", "").contains("mailto:" + parent), calendar);
            assertTrue(calendar.contains("SUMMARY:Annual review meeting (" + reference + ")"), calendar);

            Mail toCamhs = Mailbox.await(camhs, 1).get(0);
            assertEquals("Annual review meeting " + reference + " on " + SPOKEN.format(meeting), toCamhs.subject());
            assertTrue(toCamhs.text().contains("Dear Dr Ana Ruiz"));
            assertTrue(toCamhs.calendar().isPresent());
            assertNoChildDetails(toCamhs);
            Mailbox.await(officer, 1);

            Map<String, Object> suppressed = Api.awaitMessage(pupil, social, SENCO, "SUPPRESSED");
            assertEquals("no consent or other basis is recorded for sharing with social care",
                    suppressed.get("statusReason"));
            assertEquals("NO_SHARING_BASIS", suppressed.get("reasonCode"));
            assertEquals("consent for sharing with health was withdrawn on " + TODAY.minusDays(1),
                    Api.awaitMessage(pupil, health, SENCO, "SUPPRESSED").get("statusReason"));

            // what was shared, with whom, why and on what basis
            JsonPath records = given().auth().oauth2(Tokens.of("slt.harbour"))
                    .get("/api/v1/pupils/" + pupil + "/sharing-records").then().statusCode(200).extract().jsonPath();
            assertEquals(2, records.getList("items").size());
            assertEquals("CONSENT", records.getString("items.find { it.agency == 'CAMHS' }.basis"));
            assertEquals(camhsId, records.getString("items.find { it.agency == 'CAMHS' }.contactId"));
            assertEquals(camhs, records.getString("items.find { it.agency == 'CAMHS' }.recipientAddress"));
            assertTrue(records.getString("items.find { it.agency == 'CAMHS' }.why").contains("uk.sen.review.meeting-set"));
            assertTrue(records.getString("items.find { it.agency == 'CAMHS' }.what").contains("with a calendar entry"));
            assertEquals("PUBLIC_TASK", records.getString("items.find { it.agency == 'LA_SEN_OFFICER' }.basis"));

            // the events say what happened, with ids and kinds only
            ConsumerRecord<String, String> suppressedEvent = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.notification.message-suppressed".equals(TopicReader.header(r, "ce_type"))
                    && r.value().contains("SOCIAL_CARE"), Duration.ofSeconds(20));
            assertEquals("NO_SHARING_BASIS", new JsonPath(suppressedEvent.value()).getString("reasonCode"));
            out.await(r -> pupil.equals(r.key())
                    && "uk.sen.notification.message-delivered".equals(TopicReader.header(r, "ce_type"))
                    && r.value().contains("\"recipientKind\":\"PARENT_CARER\""), Duration.ofSeconds(20));
            for (ConsumerRecord<String, String> r : out.drain(Duration.ofSeconds(1))) {
                if (pupil.equals(r.key())) {
                    EventSchemas.assertValid("notification",
                            TopicReader.header(r, "ce_type").substring("uk.sen.notification.".length()), r.value());
                    for (String personal : List.of(parent, camhs, social, health, officer, "Sam Taylor", "Ruiz",
                            "Chris Moss", reference)) {
                        assertFalse(r.value().contains(personal), r.value());
                    }
                }
            }
        }
        assertStaysAt(parent, 1);
        assertEquals(0, Mailbox.of(social).size());
        assertEquals(0, Mailbox.of(health).size());
    }

    @Test
    void remindsOnceBeforeTheMeetingHoweverOftenTheJobRuns() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String parent = Api.email("parent");
        Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        String reviewId = UUID.randomUUID().toString();
        LocalDate meeting = TODAY.plusDays(5);
        // set three weeks ago, so the 7-day reminder is due today
        Events.meetingSet(pupil, TRUST, SCHOOL, reviewId, meeting, INVITEES,
                TestDates.eventTime().minusDays(21));
        Mailbox.await(parent, 1);

        reminders.run(TODAY);
        reminders.run(TODAY);
        List<Mail> mails = Mailbox.await(parent, 2);
        assertEquals("Reminder: annual review meeting on " + SPOKEN.format(meeting), mails.get(1).subject());
        assertTrue(mails.get(1).text().contains("in 7 days"), mails.get(1).text());
        reminders.run(TODAY.plusDays(1));
        assertStaysAt(parent, 2);

        reminders.run(meeting.minusDays(1));
        reminders.run(meeting.minusDays(1));
        mails = Mailbox.await(parent, 3);
        assertTrue(mails.get(2).text().contains("is tomorrow"), mails.get(2).text());
        reminders.run(meeting);
        assertStaysAt(parent, 3);
        List<Map<String, Object>> log = Api.messages(pupil, SENCO).getList("items");
        assertEquals(3, log.size());
        assertEquals(2, log.stream().filter(m -> "meeting-reminder.parents".equals(m.get("ruleId"))).count());

        // once the review is closed, its meeting gets no reminders
        String later = UUID.randomUUID().toString();
        Events.meetingSet(pupil, TRUST, SCHOOL, later, TODAY.plusDays(3), INVITEES,
                TestDates.eventTime().minusDays(30));
        Mailbox.await(parent, 4);
        Events.review(pupil, TRUST, SCHOOL, "uk.sen.review.review-closed", String.format(
                "{\"reviewId\":\"%s\",\"pupilId\":\"%s\",\"trustId\":\"%s\",\"schoolUrn\":\"%s\",\"status\":\"CLOSED\"}",
                later, pupil, TRUST, SCHOOL), TestDates.eventTime());
        // a later event of the pupil with its own mail: when it arrives, the closing was applied before it
        Events.reviewCompleted(pupil, TRUST, SCHOOL, UUID.randomUUID().toString());
        Mailbox.await(parent, 5);
        reminders.run(TODAY);
        reminders.run(TODAY.plusDays(2));
        assertStaysAt(parent, 5);
    }

    @Test
    void deadlinesAlertTheSencoAndAMissedStatutoryOneAlsoTheSeniorLeadership() {
        String senco = Api.email("senco");
        String slt = Api.email("slt");
        Api.staff("900103", "SENCO", senco, "senco.academy");
        Api.staff("900103", "SLT", slt, "trust.admin");
        String pupil = Api.newPupil(TRUST, "900103", "senco.academy");
        String reference = Api.caseReference(pupil, "senco.academy");

        Events.deadline(pupil, TRUST, "900103", "uk.sen.review.deadline-approaching", "REPORT", true,
                TODAY.plusDays(14), "14", 14);
        Mail approaching = Mailbox.await(senco, 1).get(0);
        assertEquals("Due in 14 days: review report (" + reference + ")", approaching.subject());
        assertTrue(approaching.text().contains("It is a statutory deadline."), approaching.text());

        Events.deadline(pupil, TRUST, "900103", "uk.sen.review.deadline-missed", "LA_DECISION", true,
                TODAY.minusDays(1), "MISSED", -1);
        List<Mail> toSenco = Mailbox.await(senco, 2);
        assertEquals("Missed deadline: LA decision (" + reference + ")", toSenco.get(1).subject());
        Mail toSlt = Mailbox.await(slt, 1).get(0);
        assertEquals("Missed deadline: LA decision (" + reference + ")", toSlt.subject());

        Events.deadline(pupil, TRUST, "900103", "uk.sen.review.deadline-missed", "ADVICE", false,
                TODAY.minusDays(1), "MISSED", -1);
        Mailbox.await(senco, 3);
        assertStaysAt(slt, 1);
        assertEquals(4, Api.messages(pupil, "senco.academy").<Map<String, Object>> getList("items").stream()
                .filter(m -> senco.equals(m.get("address")) || slt.equals(m.get("address"))).count());
        given().auth().oauth2(Tokens.of("slt.academy")).get("/api/v1/staff-contacts/"
                + Api.messages(pupil, "senco.academy").getString("items.find { it.address == '" + slt + "' }.recipientId")
                + "/messages").then().statusCode(200).body("items.subject", hasItem(toSlt.subject()));
    }

    @Test
    void aPupilWhoJoinsWithAnOverdueEhcPlanGivesTheSencoOneSummary() {
        String senco = Api.email("senco");
        Api.staff("900103", "SENCO", senco, "senco.academy");
        String pupil = Api.newPupil(TRUST, "900103", "senco.academy");
        String reference = Api.caseReference(pupil, "senco.academy");
        String reviewId = UUID.randomUUID().toString();
        LocalDate dueBy = TODAY.minusMonths(8);
        Events.review(pupil, TRUST, "900103", "uk.sen.review.overdue-on-arrival", String.format("""
                {"reviewId":"%s","pupilId":"%s","trustId":"%s","schoolUrn":"900103","kind":"ANNUAL","transfer":null,
                 "status":"SCHEDULED","dueBy":"%s","planBy":null,"meetingDate":null,"invitees":[],"heldOn":null,
                 "durationMinutes":null,"decision":null,"nextStep":null,"closedReason":null}""",
                reviewId, pupil, TRUST, dueBy), TestDates.eventTime());
        Mail mail = Mailbox.await(senco, 1).get(0);
        assertEquals("Joined with an EHC plan: record its dates (" + reference + ")", mail.subject());
        assertTrue(mail.text().contains("was due by " + Dates.spoken(dueBy)), mail.text());
        assertTrue(mail.text().contains("record when the plan was issued and when it was last reviewed"), mail.text());
        assertTrue(mail.text().contains("https://sen.example.test/reviews/" + reviewId), mail.text());
        assertStaysAt(senco, 1);
    }

    @Test
    void aCompletedReviewTellsTheParentsTheReportIsAvailable() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String parent = Api.email("parent");
        String contact = Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        String reviewId = UUID.randomUUID().toString();
        Events.reviewCompleted(pupil, TRUST, SCHOOL, reviewId);
        Mail mail = Mailbox.await(parent, 1).get(0);
        assertEquals("Your child's annual review report is available", mail.subject());
        assertTrue(mail.text().contains("https://sen.example.test/reviews/" + reviewId));
        assertFalse(mail.text().contains("MAINTAIN"), mail.text());
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/contacts/" + contact + "/messages").then()
                .statusCode(200).body("items[0].status", equalTo("DELIVERED"))
                .body("items[0].ruleId", equalTo("review-report-available.parents"));
    }

    @Test
    void aSencoResendsAMessageAsANewOneToTheCurrentAddress() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String wrong = Api.email("typo");
        String right = Api.email("parent");
        String contact = Api.addContact(pupil, Api.parent("Sam Taylor", wrong, null, true, "EMAIL"), SENCO);
        Events.reviewCompleted(pupil, TRUST, SCHOOL, UUID.randomUUID().toString());
        Mailbox.await(wrong, 1);
        String first = (String) Api.awaitMessage(pupil, wrong, SENCO, "DELIVERED").get("id");

        given().auth().oauth2(Tokens.of(SENCO)).contentType("application/json").header("If-Match", "\"0\"")
                .body(Api.parent("Sam Taylor", right, null, true, "EMAIL")).put("/api/v1/contacts/" + contact)
                .then().statusCode(200);
        given().auth().oauth2(Tokens.of("teacher.harbour")).post("/api/v1/messages/" + first + "/resend").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.of("senco.meadow")).post("/api/v1/messages/" + first + "/resend").then()
                .statusCode(404);
        String second = given().auth().oauth2(Tokens.of(SENCO)).header("Idempotency-Key", "resend-" + first)
                .post("/api/v1/messages/" + first + "/resend").then().statusCode(201)
                .body("resendOf", equalTo(first)).body("address", equalTo(right)).body("requestedBy", equalTo(SENCO))
                .extract().path("id");
        given().auth().oauth2(Tokens.of(SENCO)).header("Idempotency-Key", "resend-" + first)
                .post("/api/v1/messages/" + first + "/resend").then().statusCode(201).body("id", equalTo(second));

        Mail resent = Mailbox.await(right, 1).get(0);
        assertEquals("Your child's annual review report is available", resent.subject());
        assertEquals(second, resent.headers().get("x-sen-message-id"));
        assertStaysAt(right, 1);
        assertStaysAt(wrong, 1);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/messages/" + second).then().statusCode(200)
                .body("status", equalTo("DELIVERED")).body("resendOf", equalTo(first));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/messages/" + first).then()
                .body("status", equalTo("DELIVERED")).body("address", equalTo(wrong));
    }

    @Test
    void aWorkloadAlertGoesToTheSeniorLeadershipOfTheSchool() {
        String slt = Api.email("slt");
        Api.staff("900102", "SLT", slt, "trust.admin");
        String id = UUID.randomUUID().toString();
        String senco = UUID.randomUUID().toString();
        TopicReader.send(Events.WORKLOAD, senco, "{\"sencoId\":\"" + senco + "\",\"anything\":\"else\"}",
                Events.headers(id, "uk.sen.workload.allocation-exceeded", "urn:uk-sen:workload-service", senco, TRUST,
                        "900102", TestDates.eventTime()));
        Mail mail = Mailbox.await(slt, 1).get(0);
        assertEquals("SENCO time over allocation", mail.subject());
        assertTrue(mail.text().contains("https://sen.example.test/workload"), mail.text());
        assertStaysAt(slt, 1);
    }

    @Test
    void aSencoQualificationAlertGoesToTheSeniorLeadershipOfTheSchoolWithoutItsDetails() {
        String slt = Api.email("slt");
        Api.staff("900102", "SLT", slt, "trust.admin");
        String id = UUID.randomUUID().toString();
        String senco = "senco." + UUID.randomUUID();
        TopicReader.send(Events.WORKLOAD, senco, "{\"senco\":\"" + senco + "\",\"stage\":\"OVERDUE\","
                + "\"appointedOn\":\"2021-09-01\",\"deadline\":\"2024-09-01\"}",
                Events.headers(id, "uk.sen.workload.senco-qualification-due", "urn:uk-sen:workload-service", senco,
                        TRUST, "900102", TestDates.eventTime()));
        Mail mail = Mailbox.await(slt, 1).get(0);
        assertEquals("SENCO qualification: the three-year limit", mail.subject());
        assertTrue(mail.text().contains("NPQ for SENCOs"), mail.text());
        assertTrue(mail.text().contains("https://sen.example.test/workload"), mail.text());
        assertFalse(mail.text().contains(senco) || mail.text().contains("2021-09-01"), mail.text());
        assertStaysAt(slt, 1);
    }
}
