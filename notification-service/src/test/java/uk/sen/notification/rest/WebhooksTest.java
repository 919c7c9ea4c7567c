package uk.sen.notification.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.notification.support.Mailbox;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.WebhookReceiver;
import uk.sen.platform.testing.WebhookReceiver.Received;

/**
 * Webhooks to a real HTTP receiver on the loopback: signed CloudEvents of the subscribed types of the subscriber's
 * trust only, retries then disabling with an alert, a rotation that keeps deliveries verifiable, a pupil's events in
 * order, and the endpoints that may not be subscribed.
 */
@QuarkusTest
class WebhooksTest {

    static final String ADMIN = "trust.admin";
    static final String REGISTERED = "uk.sen.register.pupil-registered";
    static final String LEFT = "uk.sen.register.pupil-left-register";

    private static Response subscribe(String url, List<String> types, String alertEmail) {
        return given().auth().oauth2(Tokens.of(ADMIN)).contentType("application/json")
                .body(java.util.Map.of("url", url, "eventTypes", types, "description", "warehouse",
                        "alertEmail", alertEmail))
                .post("/api/v1/webhooks");
    }

    private static List<Received> awaitReceived(WebhookReceiver receiver, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= count);
        return receiver.received();
    }

    @Test
    void aSubscriptionReceivesTheTrustsRegisterChangesAsSignedCloudEventsAndNothingElse() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonPath created = subscribe(receiver.url(), List.of(REGISTERED), Api.email("it")).then()
                    .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/webhooks/"))
                    .body("status", equalTo("ENABLED")).body("secret", startsWith("whsec_")).extract().jsonPath();
            String secret = created.getString("secret");
            String id = created.getString("id");
            given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id).then().statusCode(200)
                    .body("secret", nullValue()).body("eventTypes", equalTo(List.of(REGISTERED)));

            // another trust's change and a type not subscribed come first; neither may arrive
            String riversidePupil = UUID.randomUUID().toString();
            Events.register(riversidePupil, "riverside", "900201", REGISTERED, "K", "N");
            String pupil = UUID.randomUUID().toString();
            Events.register(pupil, "northbridge", "900101", LEFT, "N", "K");
            String eventId = Events.register(pupil, "northbridge", "900101", REGISTERED, "K", "N");

            Received r = awaitReceived(receiver, 1).get(0);
            assertEquals("POST", r.header("method"));
            assertEquals(eventId, r.header("webhook-id"));
            assertTrue(r.header("content-type").startsWith("application/cloudevents+json"), r.header("content-type"));
            long sentAt = Long.parseLong(r.header("webhook-timestamp"));
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - sentAt) < 60, "timestamp " + sentAt);
            assertTrue(r.signedWith(secret), "the signature does not verify with the secret: " + r.headers());
            JsonPath event = new JsonPath(r.body());
            assertEquals("1.0", event.getString("specversion"));
            assertEquals(eventId, event.getString("id"));
            assertEquals(REGISTERED, event.getString("type"));
            assertEquals("northbridge", event.getString("trustid"));
            assertEquals(pupil, event.getString("data.pupilId"));

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.received().size() == 1);
            assertTrue(receiver.received().stream().noneMatch(x -> x.body().contains(riversidePupil)),
                    "another trust's event was sent");
            given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id + "/deliveries").then()
                    .statusCode(200).body("totalItems", equalTo(1)).body("items[0].status", equalTo("DELIVERED"))
                    .body("items[0].eventId", equalTo(eventId)).body("items[0].lastStatusCode", equalTo(204));
            remove(id);
        }
    }

    @Test
    void aFailingEndpointIsRetriedThenDisabledWithAnAlertAndCatchesUpWhenEnabledAgain() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(500);
            String alert = Api.email("it");
            String id = subscribe(receiver.url(), List.of(REGISTERED), alert).then().statusCode(201).extract()
                    .path("id");
            String pupil = UUID.randomUUID().toString();
            String first = Events.register(pupil, "northbridge", "900101", REGISTERED, "K", "N");

            // retried with the same id until it is given up (4 s here, a day by default); then disabled
            await().atMost(Duration.ofSeconds(30)).until(() -> "DISABLED".equals(given().auth()
                    .oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id).path("status")));
            List<Received> attempts = receiver.received();
            assertTrue(attempts.size() >= 3, "only " + attempts.size() + " attempts");
            assertTrue(attempts.stream().allMatch(a -> first.equals(a.header("webhook-id"))), "another id was sent");
            given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id).then()
                    .body("disabledReason", notNullValue());
            Mailbox.Mail mail = Mailbox.await(alert, 1).get(0);
            assertTrue(mail.subject().startsWith("Webhook disabled"), mail.subject());
            assertTrue(mail.text().contains(receiver.url()), mail.text());
            JsonPath log = given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id + "/deliveries")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("FAILED", log.getString("items[0].status"));
            assertEquals(500, log.getInt("items[0].lastStatusCode"));
            String failedDelivery = log.getString("items[0].id");

            // while disabled, events are kept and wait; enabled again with a working endpoint, they go, and the failed one on request
            String second = Events.register(pupil, "northbridge", "900101", REGISTERED, "E", "K");
            await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(Tokens.of(ADMIN))
                    .get("/api/v1/webhooks/" + id + "/deliveries").path("totalItems").equals(2));
            int before = receiver.received().size();
            receiver.answer(200);
            Response current = given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id);
            given().auth().oauth2(Tokens.of(ADMIN)).header("If-Match", current.header("ETag"))
                    .contentType("application/json").body(java.util.Map.of("url", receiver.url(), "eventTypes",
                            List.of(REGISTERED), "alertEmail", alert, "enabled", true))
                    .put("/api/v1/webhooks/" + id).then().statusCode(200).body("status", equalTo("ENABLED"))
                    .body("disabledReason", nullValue());
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().skip(before)
                    .anyMatch(a -> second.equals(a.header("webhook-id"))));
            given().auth().oauth2(Tokens.of(ADMIN))
                    .post("/api/v1/webhooks/" + id + "/deliveries/" + failedDelivery + "/redeliveries").then()
                    .statusCode(202).body("status", equalTo("PENDING"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().stream().skip(before)
                    .anyMatch(a -> first.equals(a.header("webhook-id"))));
            remove(id);
        }
    }

    @Test
    void aRotatedSecretKeepsDeliveriesVerifiableWithTheOldAndTheNew() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonPath created = subscribe(receiver.url(), List.of(REGISTERED), Api.email("it")).then()
                    .statusCode(201).extract().jsonPath();
            String id = created.getString("id");
            String old = created.getString("secret");
            Response current = given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id);
            given().auth().oauth2(Tokens.of(ADMIN)).post("/api/v1/webhooks/" + id + "/secret-rotations").then()
                    .statusCode(428);
            JsonPath rotated = given().auth().oauth2(Tokens.of(ADMIN)).header("If-Match", current.header("ETag"))
                    .post("/api/v1/webhooks/" + id + "/secret-rotations").then().statusCode(200)
                    .body("previousSecretValidUntil", notNullValue()).extract().jsonPath();
            String fresh = rotated.getString("secret");
            assertTrue(!fresh.equals(old));

            Events.register(UUID.randomUUID().toString(), "northbridge", "900102", REGISTERED, "K", "N");
            Received r = awaitReceived(receiver, 1).get(0);
            assertEquals(2, r.header("webhook-signature").split(" ").length, r.header("webhook-signature"));
            assertTrue(r.signedWith(fresh), "does not verify with the new secret");
            assertTrue(r.signedWith(old), "does not verify with the old secret during the overlap");
            assertTrue(!r.signedWith("whsec_" + Base64.getEncoder().encodeToString(new byte[32])),
                    "verifies with any secret");
            remove(id);
        }
    }

    @Test
    void aPupilsEventsArriveInTheOrderTheyHappened() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = subscribe(receiver.url(), List.of(REGISTERED, LEFT), Api.email("it")).then()
                    .statusCode(201).extract().path("id");
            String pupil = UUID.randomUUID().toString();
            List<String> sent = List.of(Events.register(pupil, "northbridge", "900101", REGISTERED, "K", "N"),
                    Events.register(pupil, "northbridge", "900101", LEFT, "N", "K"),
                    Events.register(pupil, "northbridge", "900101", REGISTERED, "E", "N"));
            awaitReceived(receiver, 3);
            assertEquals(sent, receiver.received().stream().map(r -> r.header("webhook-id")).toList());
            remove(id);
        }
    }

    @Test
    void onlyTrustAdminsAndIntegrationsSubscribeAndOnlyToEndpointsTheyMay() {
        String alert = Api.email("it");
        for (String url : List.of("http://10.1.2.3/hook", "https://192.168.0.10/hook", "https://169.254.169.254/x",
                "ftp://127.0.0.1/hook", "https://user:pw@127.0.0.1/hook", "not a url", "https://[fd00::1]/hook")) {
            subscribe(url, List.of(REGISTERED), alert).then().statusCode(400)
                    .contentType("application/problem+json").body("violations.field", hasItem("url"));
        }
        subscribe("https://127.0.0.1:9/hook", List.of("uk.sen.notification.message-sent"), alert).then()
                .statusCode(400).body("violations.field", hasItem("eventTypes"));
        subscribe("https://127.0.0.1:9/hook", List.of(), alert).then().statusCode(400)
                .body("violations.field", hasItem("eventTypes"));
        subscribe("https://127.0.0.1:9/hook", List.of(REGISTERED), "nobody").then().statusCode(400)
                .body("violations.field", hasItem("alertEmail"));
        given().auth().oauth2(Tokens.of("senco.harbour")).contentType("application/json")
                .body(java.util.Map.of("url", "https://127.0.0.1:9/hook", "eventTypes", List.of(REGISTERED),
                        "alertEmail", alert))
                .post("/api/v1/webhooks").then().statusCode(403);

        String id = subscribe("https://127.0.0.1:9/hook", List.of(REGISTERED), alert).then().statusCode(201)
                .extract().path("id");
        // a school-scoped integration of the same trust does not see the trust admin's subscription
        given().auth().oauth2(Tokens.mis()).get("/api/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.mis()).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        remove(id);
    }

    private static void remove(String id) {
        String etag = given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/webhooks/" + id).header("ETag");
        given().auth().oauth2(Tokens.of(ADMIN)).header("If-Match", etag).delete("/api/v1/webhooks/" + id).then()
                .statusCode(204);
    }
}
