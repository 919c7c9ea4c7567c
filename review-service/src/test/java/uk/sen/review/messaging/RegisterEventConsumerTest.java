package uk.sen.review.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

/** Register events reach the review service through real Kafka, once each, and poison goes to the DLQ. */
@QuarkusTest
class RegisterEventConsumerTest {

    static final String TOPIC = "test.sen.register.v1";
    static final String DLQ = "test.sen.register.v1.dlq.review-service";

    static Map<String, String> ceHeaders(String id, String type, String pupil) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", type, "ce_source", "urn:uk-sen:register-service",
                "ce_subject", pupil, "ce_time", "2026-11-23T10:15:30Z", "ce_trustid", "northbridge",
                "ce_schoolurn", "900101", "content-type", "application/json");
    }

    static String data(String pupil, String provision) {
        return String.format("""
                {"pupilId":"%s","trustId":"northbridge","schoolUrn":"900101","laCode":"801","dateOfBirth":"2016-03-14",
                 "ncYear":"4","provision":"%s","provisionStartDate":"2026-09-07","needs":[{"rank":1,"code":"SLCN","area":"COMMUNICATION_AND_INTERACTION"}],
                 "aFieldFromANewerProducer":{"ignored":true}}""", pupil, provision);
    }

    @Test
    void appliesAnEventOnceEvenWhenItIsDeliveredTwice() {
        String pupil = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            TopicReader.send(TOPIC, pupil, data(pupil, "K"), ceHeaders(eventId, "uk.sen.register.pupil-registered", pupil));
            ConsumerRecord<String, String> sent = topic.await(r -> pupil.equals(r.key()), Duration.ofSeconds(10));
            TopicReader.resend(sent);
            // a later event for the same pupil, so we know both copies of the first were consumed before it
            TopicReader.send(TOPIC, pupil, data(pupil, "K").replace("SLCN", "ASD"),
                    ceHeaders(UUID.randomUUID().toString(), "uk.sen.register.needs-changed", pupil));
            assertEquals(3, topic.drain(Duration.ofSeconds(1)).stream().filter(r -> pupil.equals(r.key())).count());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.of("senco.harbour"))
                .get("/api/v1/pupils/" + pupil).then().statusCode(200)
                .body("primaryNeed", equalTo("ASD"))
                .body("timeline", hasSize(2))
                .body("timeline.eventType", contains("uk.sen.register.pupil-registered", "uk.sen.register.needs-changed")));
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/pupils/" + pupil).then()
                .body("provision", equalTo("K")).body("timeline[0].eventId", equalTo(eventId));
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/pupils/" + pupil).then().statusCode(404);
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndIsVisibleThroughTheApi() {
        String pupil = UUID.randomUUID().toString();
        String poisonId = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromNow(DLQ)) {
            TopicReader.send(TOPIC, pupil, "{this is not json", ceHeaders(poisonId, "uk.sen.register.pupil-registered", pupil));
            // the partition is not blocked: a good event behind the poison is applied
            String good = UUID.randomUUID().toString();
            TopicReader.send(TOPIC, pupil, data(pupil, "E"), ceHeaders(good, "uk.sen.register.pupil-registered", pupil));

            ConsumerRecord<String, String> dead = dlq.await(TopicReader.hasHeader("ce_id", poisonId), Duration.ofSeconds(30));
            assertEquals("{this is not json", dead.value());
            assertEquals(TOPIC, TopicReader.header(dead, "dead-letter-topic"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.of("senco.harbour"))
                .get("/api/v1/pupils/" + pupil).then().statusCode(200).body("provision", equalTo("E")));
        given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/dead-letters").then().statusCode(200)
                .body("eventId", hasItem(poisonId))
                .body("find { it.eventId == '" + poisonId + "' }.payload", equalTo("{this is not json"))
                .body("find { it.eventId == '" + poisonId + "' }.originalTopic", equalTo(TOPIC));
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/dead-letters").then().statusCode(403);
    }

    @Test
    void anEventWithoutCloudEventHeadersIsDeadLettered() {
        String key = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromNow(DLQ)) {
            TopicReader.send(TOPIC, key, "{}", Map.of());
            ConsumerRecord<String, String> dead = dlq.await(r -> key.equals(r.key()), Duration.ofSeconds(30));
            assertEquals("{}", dead.value());
        }
    }
}
