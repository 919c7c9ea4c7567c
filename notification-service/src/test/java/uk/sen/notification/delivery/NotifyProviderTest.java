package uk.sen.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageStatus;
import uk.sen.notification.domain.MessageTemplate;
import uk.sen.notification.domain.RecipientKind;
import uk.sen.notification.repository.MessageRepository;
import uk.sen.notification.service.TemplateService;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.notification.support.NotifyStub;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

/**
 * The riverside trust sends through GOV.UK Notify (in tests, {@link NotifyStub} on the test server): email and
 * text messages by Notify template id and personalisation, a JWT per request, the message id as reference, Notify's
 * statuses and errors mapped to the delivery log.
 */
@QuarkusTest
class NotifyProviderTest {

    static final String SENCO = "senco.riverside";
    static final String TRUST = "riverside";
    static final String SCHOOL = "900201";
    static final LocalDate TODAY = TestDates.today();
    static final String INVITEES = "[{\"role\":\"PARENT_OR_YOUNG_PERSON\"},{\"role\":\"HEALTH\"}]";
    static final Map<String, String> NOTIFY_TEMPLATES = Map.of(
            "review-invitation/SMS", "f33517ff-2a88-4f6e-b855-c550268ce08a",
            "review-invitation-agency/EMAIL", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            "review-report-available/SMS", "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
            "review-report-available/EMAIL", "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");
    static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    NotifyStub stub;

    @Inject
    TemplateService templates;

    @Inject
    MessageRepository repository;

    /** The trust's own rows carry its Notify template ids, as its trust admin would set them. */
    @BeforeEach
    void notifyTemplateIds() {
        NOTIFY_TEMPLATES.forEach((keyAndChannel, notifyId) -> {
            String[] parts = keyAndChannel.split("/");
            MessageTemplate base = templates.effective(null, parts[0], Channel.valueOf(parts[1])).orElseThrow();
            // the trust's row from an earlier test changes at its own version (If-Match: * is refused)
            MessageTemplate current = templates.effective(TRUST, parts[0], Channel.valueOf(parts[1])).orElseThrow();
            String ifMatch = current.trustId == null ? null : "\"" + current.version + "\"";
            templates.override(TRUST, parts[0], parts[1],
                    new TemplateService.TemplateInput(base.subject, base.body, notifyId), ifMatch, "test");
        });
    }

    static String mobile() {
        return String.format("07700 9%05d", RANDOM.nextInt(100_000));
    }

    static String e164(String mobile) {
        return "+44" + mobile.replace(" ", "").substring(1);
    }

    @Test
    void sendsByNotifyTemplateWithAVerifiedTokenAndOnlyTheMessageIdAsReference() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String reference = Api.caseReference(pupil, SENCO);
        String mobile = mobile();
        String phone = e164(mobile);
        String camhs = Api.email("camhs");
        Api.addContact(pupil, Api.parent("Sam Taylor", null, mobile, true, "SMS"), SENCO);
        Api.addContact(pupil, Api.agency("CAMHS", "Dr Ana Ruiz", camhs), SENCO);
        Api.consent(pupil, "CAMHS", TODAY.minusMonths(1), null, SENCO);
        String reviewId = UUID.randomUUID().toString();

        try (TopicReader out = TopicReader.fromNow(Events.NOTIFICATION)) {
            Events.meetingSet(pupil, TRUST, SCHOOL, reviewId, TODAY.plusDays(20), INVITEES,
                    TestDates.eventTime());
            Map<String, Object> sms = Api.awaitMessage(pupil, phone, SENCO, "SENT");
            await().atMost(Duration.ofSeconds(10)).until(() -> stub.receivedFor(phone).size() == 1);
            NotifyStub.Received request = stub.receivedFor(phone).get(0);
            assertEquals("sms", request.type());
            assertTrue(request.tokenValid(), request.tokenProblem());
            assertEquals("f33517ff-2a88-4f6e-b855-c550268ce08a", request.body().get("template_id").asText());
            assertEquals(sms.get("id"), request.body().get("reference").asText());
            assertEquals(Set.of("recipientName", "trustName", "reference", "link", "meetingDate"),
                    names(request.body().get("personalisation")));
            assertEquals(reference, request.body().get("personalisation").get("reference").asText());
            assertEquals("Riverside Schools Trust", request.body().get("personalisation").get("trustName").asText());
            assertFalse(request.body().toString().contains("ASD"));
            assertEquals("created", sms.get("providerStatus"));
            assertEquals("NOTIFY", sms.get("provider"));

            Map<String, Object> email = Api.awaitMessage(pupil, camhs, SENCO, "SENT");
            NotifyStub.Received toAgency = stub.receivedFor(camhs).get(0);
            assertEquals("email", toAgency.type());
            assertTrue(toAgency.tokenValid(), toAgency.tokenProblem());
            assertEquals(email.get("id"), toAgency.body().get("reference").asText());
            assertEquals(false, email.get("calendarAttached"));
            for (String personal : List.of("Sam Taylor", "Ruiz", phone, mobile, camhs, pupil)) {
                assertFalse(request.body().get("reference").asText().contains(personal));
                assertFalse(toAgency.body().get("reference").asText().contains(personal));
            }
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + pupil + "/sharing-records").then()
                    .body("items[0].agency", equalTo("CAMHS")).body("items[0].basis", equalTo("CONSENT"));

            // Notify's later statuses, as the poller reads them
            stub.setStatus(request.notificationId(), "delivered");
            stub.setStatus(toAgency.notificationId(), "permanent-failure");
            Api.awaitMessage(pupil, phone, SENCO, "DELIVERED");
            Map<String, Object> failed = Api.awaitMessage(pupil, camhs, SENCO, "FAILED");
            assertEquals("NOT_DELIVERED", failed.get("reasonCode"));
            assertEquals("permanent-failure", failed.get("providerStatus"));
            EventSchemas.assertValid("notification", "message-delivered", out.await(r -> r.value().contains(
                    (String) sms.get("id")) && "uk.sen.notification.message-delivered".equals(
                            TopicReader.header(r, "ce_type")), Duration.ofSeconds(20)).value());
            EventSchemas.assertValid("notification", "message-failed", out.await(r -> r.value().contains(
                    (String) email.get("id")) && "uk.sen.notification.message-failed".equals(
                            TopicReader.header(r, "ce_type")), Duration.ofSeconds(20)).value());
        }
        assertEquals(1, stub.receivedFor(phone).size());
    }

    @Test
    void retriesWhatNotifyAsksToRetryAndKeepsWhatItRefusesAsFailed() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String busy = mobile();
        String refused = Api.email("refused");
        String flaky = mobile();
        Api.addContact(pupil, Api.parent("Kim Lee", null, busy, true, "SMS"), SENCO);
        Api.addContact(pupil, Api.parent("Jo Lee", refused, null, true, "EMAIL"), SENCO);
        Api.addContact(pupil, Api.parent("Ali Lee", null, flaky, true, "SMS"), SENCO);
        stub.answerNext(e164(busy), 429, 500);
        stub.answerNext(refused, 400);

        Events.reviewCompleted(pupil, TRUST, SCHOOL, UUID.randomUUID().toString());

        // rate limited, then a server error, then accepted: three attempts with backoff
        Map<String, Object> retried = Api.awaitMessage(pupil, e164(busy), SENCO, "SENT");
        assertEquals(3, ((Number) retried.get("attempts")).intValue());
        assertEquals(3, stub.receivedFor(e164(busy)).size());

        // a bad request is not tried again
        Map<String, Object> rejected = Api.awaitMessage(pupil, refused, SENCO, "FAILED");
        assertEquals("REJECTED", rejected.get("reasonCode"));
        assertEquals("GOV.UK Notify 400 BadRequestError: Can't send to this recipient using a team-only API key",
                rejected.get("statusReason"));
        assertEquals(1, ((Number) rejected.get("attempts")).intValue());

        // a technical failure reported later is sent again
        Api.awaitMessage(pupil, e164(flaky), SENCO, "SENT");
        stub.setStatus(stub.receivedFor(e164(flaky)).get(0).notificationId(), "technical-failure");
        await().atMost(Duration.ofSeconds(30)).until(() -> stub.receivedFor(e164(flaky)).size() == 2);
        String second = stub.receivedFor(e164(flaky)).get(1).notificationId();
        stub.setStatus(second, "delivered");
        Map<String, Object> delivered = Api.awaitMessage(pupil, e164(flaky), SENCO, "DELIVERED");
        assertEquals(2, ((Number) delivered.get("attempts")).intValue());
        assertEquals(stub.receivedFor(e164(flaky)).get(0).body().get("reference").asText(),
                stub.receivedFor(e164(flaky)).get(1).body().get("reference").asText());
        assertEquals(1, Api.messages(pupil, SENCO).getList("items.findAll { it.address == '" + e164(flaky) + "' }")
                .size());
    }

    @Test
    void aMessageWithoutANotifyTemplateIdFailsWithWhy() {
        String pupil = UUID.randomUUID().toString();
        Events.register(pupil, TRUST, SCHOOL, "uk.sen.register.pupil-registered", "K", "N");
        Api.awaitKnown(pupil, SENCO);
        String parent = Api.email("parent");
        Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        Map<String, Object> failed = Api.awaitMessage(pupil, parent, SENCO, "FAILED");
        assertEquals("NO_TEMPLATE", failed.get("reasonCode"));
        assertEquals("No GOV.UK Notify template id for sen-support-started/EMAIL in trust riverside",
                failed.get("statusReason"));
        assertTrue(stub.receivedFor(parent).isEmpty());
    }

    @Test
    void aMessageWhoseStoredValuesCannotBeReadFailsAtOnceInsteadOfBeingRetried() {
        String pupil = Api.newPupil(TRUST, SCHOOL, SENCO);
        String parent = Api.email("parent");
        String contact = Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), SENCO);
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.triggerId = "test:" + UUID.randomUUID();
        m.triggerType = "uk.sen.review.review-completed";
        m.ruleId = "review-report-available.parents";
        m.pupilId = UUID.fromString(pupil);
        m.trustId = TRUST;
        m.schoolUrn = SCHOOL;
        m.recipientKind = RecipientKind.PARENT_CARER;
        m.recipientId = UUID.fromString(contact);
        m.recipientName = "Sam Taylor";
        m.channel = "EMAIL";
        m.address = parent;
        m.provider = NotifyProvider.NAME;
        m.templateKey = "review-report-available";
        m.subject = "Report";
        m.body = "Body";
        m.personalisation = "not the JSON the planner writes";
        m.status = MessageStatus.PENDING;
        m.nextAttemptAt = Instant.now();
        m.createdAt = Instant.now();
        m.updatedAt = m.createdAt;
        QuarkusTransaction.requiringNew().run(() -> repository.insertIfAbsent(m));

        Map<String, Object> failed = Api.awaitMessage(pupil, parent, SENCO, "FAILED", "SENT", "DELIVERED");
        assertEquals("FAILED", failed.get("status"));
        assertEquals("TEMPLATE_ERROR", failed.get("reasonCode"));
        assertEquals(1, ((Number) failed.get("attempts")).intValue());
        assertTrue(stub.receivedFor(parent).isEmpty());
    }

    @Test
    void theStubTakesOnlyATokenSignedWithTheKeyAndIssuedNow() {
        String body = "{\"email_address\":\"probe@example.org\",\"template_id\":\"f33517ff-2a88-4f6e-b855-c550268ce08a\","
                + "\"reference\":\"probe\"}";
        long now = Instant.now().getEpochSecond();
        List<String> problems = new ArrayList<>();
        for (String token : List.of(NotifyJwt.token(NotifyStub.SERVICE_ID, "not-the-secret", now),
                NotifyJwt.token(UUID.randomUUID().toString(), NotifyStub.SECRET, now),
                NotifyJwt.token(NotifyStub.SERVICE_ID, NotifyStub.SECRET, now - 120))) {
            JsonPath refused = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body(body).post("/notify-stub/v2/notifications/email").then().statusCode(403).extract().jsonPath();
            assertEquals("AuthError", refused.getString("errors[0].error"));
            problems.add(refused.getString("errors[0].message"));
        }
        assertEquals(List.of("Invalid token: signature, api token not found", "Invalid token: service not found",
                "Error: Your system clock must be accurate to within 30 seconds"), problems);
        given().header("Authorization", "Bearer " + NotifyJwt.token(NotifyStub.SERVICE_ID, NotifyStub.SECRET, now))
                .contentType(ContentType.JSON).body(body).post("/notify-stub/v2/notifications/email").then()
                .statusCode(201).body("reference", equalTo("probe"))
                .body("template.id", equalTo("f33517ff-2a88-4f6e-b855-c550268ce08a"));
    }

    static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
