package uk.sen.notification.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.notification.service.Dates;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.notification.support.Mailbox;
import uk.sen.notification.support.Mailbox.Mail;
import uk.sen.platform.security.SignedLinks;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.TopicReader;

/**
 * Views and advice asked before a review meeting: each parent with parental responsibility, or each contact of the
 * agency asked (with a basis for sharing), gets one message with a link of their own to review-service's form
 * ({@code sen.notification.contribution-base-url}, https://review.example.test/ in the tests), never naming the child.
 */
@QuarkusTest
class ContributionRequestsTest {

    static final String SENCO = "senco.harbour";
    static final String TRUST = "northbridge";
    static final String SCHOOL = "900101";
    static final String REQUESTED = "uk.sen.review.contribution-requested";
    static final String REMINDER = "uk.sen.review.contribution-reminder";
    static final LocalDate DUE = TestDates.today().plusDays(14);
    static final LocalDate MEETING = TestDates.today().plusDays(28);
    static final Pattern LINK = Pattern.compile("https://review\\.example\\.test/contribute/([A-Za-z0-9_-]+)");

    @Inject
    SignedLinks links;

    /** The token of the one contribution link in the mail, checked to open to this request and contact. */
    String token(Mail mail, String requestId, String contactId) {
        Matcher m = LINK.matcher(mail.text());
        assertTrue(m.find(), mail.text());
        String token = m.group(1);
        assertFalse(m.find(), "one link: " + mail.text());
        assertEquals(new SignedLinks.Subject(UUID.fromString(requestId), UUID.fromString(contactId)),
                links.open(token).orElseThrow(), "the link opens to the request and its recipient");
        return token;
    }

    static void assertNothingOfTheChild(Mail mail) {
        NotificationFlowTest.assertNoChildDetails(mail);
        assertFalse((mail.subject() + mail.text()).contains(Events.CHILD_NAME), mail.text());
    }

    @Test
    void eachParentWithParentalResponsibilityGetsTheirOwnLinkAndTheLogHidesIt() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String mother = Api.email("mother");
        String father = Api.email("father");
        String stepParent = Api.email("step");
        String motherId = Api.addContact(pupil, Api.parent("Sam Taylor", mother, null, true, "EMAIL"), SENCO);
        String fatherId = Api.addContact(pupil, Api.parent("Alex Taylor", father, null, true, "EMAIL"), SENCO);
        Api.addContact(pupil, Api.parent("Robin Lee", stepParent, null, false, "EMAIL"), SENCO);
        String request = UUID.randomUUID().toString();
        Events.contribution(pupil, TRUST, SCHOOL, REQUESTED, request, "PARENT", null, DUE, MEETING);

        Mail toMother = Mailbox.await(mother, 1).get(0);
        assertEquals("Your views for your child's annual review", toMother.subject());
        assertTrue(toMother.text().contains("Dear Sam Taylor"), toMother.text());
        assertTrue(toMother.text().contains("meeting on " + Dates.spoken(MEETING)), toMother.text());
        assertTrue(toMother.text().contains("by " + Dates.spoken(DUE)), toMother.text());
        assertTrue(toMother.text().contains("Reference: " + Api.caseReference(pupil, SENCO)), toMother.text());
        assertFalse(toMother.text().contains("sen.example.test"), "not the portal: " + toMother.text());
        assertNothingOfTheChild(toMother);
        String motherToken = token(toMother, request, motherId);
        Mail toFather = Mailbox.await(father, 1).get(0);
        assertNothingOfTheChild(toFather);
        assertFalse(motherToken.equals(token(toFather, request, fatherId)), "a link per parent");

        Map<String, Object> logged = Api.awaitMessage(pupil, mother, SENCO, "DELIVERED");
        assertEquals("contribution-request.parents", logged.get("ruleId"));
        assertFalse(String.valueOf(logged.get("body")).contains(motherToken), String.valueOf(logged.get("body")));
        assertTrue(String.valueOf(logged.get("body")).contains("https://review.example.test/contribute/[hidden]"),
                String.valueOf(logged.get("body")));
        NotificationFlowTest.assertStaysAt(mother, 1);
        assertEquals(0, Mailbox.of(stepParent).size());
    }

    @Test
    void anAgencyRequestGoesToThatAgencysContactsWithABasisForSharingOnly() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String salt = Api.email("salt");
        String psychologist = Api.email("ep");
        String therapist = Api.email("ot");
        String parent = Api.email("parent");
        String saltId = Api.addContact(pupil, Api.agency("SPEECH_AND_LANGUAGE_THERAPY", "Dr Priya Shah", salt), SENCO);
        Api.addContact(pupil, Api.agency("EDUCATIONAL_PSYCHOLOGIST", "Dr Ana Ruiz", psychologist), SENCO);
        Api.addContact(pupil, Api.agency("OCCUPATIONAL_THERAPY", "Chris Moss", therapist), SENCO);
        Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        Api.consent(pupil, "SPEECH_AND_LANGUAGE_THERAPY", TestDates.today().minusMonths(2), null, SENCO);
        Api.consent(pupil, "EDUCATIONAL_PSYCHOLOGIST", TestDates.today().minusMonths(2), null, SENCO);
        String request = UUID.randomUUID().toString();
        Events.contribution(pupil, TRUST, SCHOOL, REQUESTED, request, "AGENCY", "SPEECH_AND_LANGUAGE_THERAPY", DUE,
                MEETING, "ANNUAL");
        // occupational therapy is asked too, but nothing allows sharing with it
        Events.contribution(pupil, TRUST, SCHOOL, REQUESTED, UUID.randomUUID().toString(), "AGENCY",
                "OCCUPATIONAL_THERAPY", DUE, MEETING);

        Mail mail = Mailbox.await(salt, 1).get(0);
        assertEquals("Advice for annual review " + Api.caseReference(pupil, SENCO) + " by " + Dates.spoken(DUE),
                mail.subject());
        assertTrue(mail.text().contains("Dear Dr Priya Shah"), mail.text());
        assertTrue(mail.text().contains("a report as a PDF if you have one, by " + Dates.spoken(DUE)), mail.text());
        assertNothingOfTheChild(mail);
        token(mail, request, saltId);
        assertEquals("NO_SHARING_BASIS", Api.awaitMessage(pupil, therapist, SENCO, "SUPPRESSED").get("reasonCode"));
        assertEquals("contribution-request.agency", Api.awaitMessage(pupil, salt, SENCO, "DELIVERED").get("ruleId"));
        NotificationFlowTest.assertStaysAt(salt, 1);
        assertEquals(0, Mailbox.of(psychologist).size());
        assertEquals(0, Mailbox.of(therapist).size());
        assertEquals(0, Mailbox.of(parent).size());
    }

    @Test
    void aSenSupportReviewIsCalledSoAndAKindOfReviewTheServiceCannotNameIsDeadLettered() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String parent = Api.email("parent");
        String parentId = Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        String request = UUID.randomUUID().toString();
        Events.contribution(pupil, TRUST, SCHOOL, REQUESTED, request, "PARENT", null, DUE, MEETING, "SUPPORT");

        Mail mail = Mailbox.await(parent, 1).get(0);
        assertEquals("Your views for your child's SEN support review", mail.subject());
        assertTrue(mail.text().contains("SEN support review meeting on " + Dates.spoken(MEETING)), mail.text());
        assertFalse((mail.subject() + mail.text()).toLowerCase().contains("annual review"), mail.text());
        assertNothingOfTheChild(mail);
        token(mail, request, parentId);
        try (TopicReader dlq = TopicReader.fromNow(ConsumedEventsTest.REVIEW_DLQ)) {
            String interim = Events.contribution(pupil, TRUST, SCHOOL, REQUESTED, UUID.randomUUID().toString(),
                    "PARENT", null, DUE, MEETING, "INTERIM");
            dlq.await(TopicReader.hasHeader("ce_id", interim), Duration.ofSeconds(30));
        }
        NotificationFlowTest.assertStaysAt(parent, 1);
    }

    @Test
    void aReminderIsSentOnceHoweverOftenItIsDeliveredAndATeachersRequestWritesToNoOne() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String parent = Api.email("parent");
        String parentId = Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        String request = UUID.randomUUID().toString();
        try (TopicReader review = TopicReader.fromNow(Events.REVIEW)) {
            String eventId = Events.contribution(pupil, TRUST, SCHOOL, REMINDER, request, "PARENT", null, DUE, MEETING);
            ConsumerRecord<String, String> sent = review.await(TopicReader.hasHeader("ce_id", eventId),
                    Duration.ofSeconds(10));
            Mail reminder = Mailbox.await(parent, 1).get(0);
            assertEquals("Reminder: your views for your child's annual review", reminder.subject());
            assertTrue(reminder.text().contains("by " + Dates.spoken(DUE)), reminder.text());
            assertNothingOfTheChild(reminder);
            token(reminder, request, parentId);
            TopicReader.resend(sent);
            TopicReader.resend(sent);
        }
        Events.contribution(pupil, TRUST, SCHOOL, REQUESTED, UUID.randomUUID().toString(), "TEACHER", null, DUE,
                MEETING);
        // a later event of the same pupil (same partition, in order) with its own mail: the ones before were applied
        Events.reviewCompleted(pupil, TRUST, SCHOOL, UUID.randomUUID().toString());
        List<Mail> mails = Mailbox.await(parent, 2);
        assertEquals("Your child's annual review report is available", mails.get(1).subject());
        NotificationFlowTest.assertStaysAt(parent, 2);
        List<Map<String, Object>> log = Api.messages(pupil, SENCO).getList("items");
        assertEquals(2, log.size(), log.toString());
        assertEquals(1, log.stream().filter(m -> "contribution-reminder.parents".equals(m.get("ruleId"))).count());
    }
}
