package uk.sen.review.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

/**
 * A dead letter replayed by a trust admin takes effect once, however often it is replayed, and the letter shows who
 * replayed it and when. The letter here is a good event that was dead-lettered (as a graceful stop used to do with
 * the events in flight), written to the dead-letter topic the way the Kafka connector writes one.
 */
@QuarkusTest
class DeadLetterReplayTest {

    static final String DLQ = RegisterEventConsumerTest.DLQ;

    private static Map<String, String> deadLetterHeaders(String eventId, String pupil) {
        Map<String, String> headers = new HashMap<>(
                RegisterEventConsumerTest.ceHeaders(eventId, "uk.sen.register.pupil-registered", pupil));
        headers.put("dead-letter-topic", RegisterEventConsumerTest.TOPIC);
        headers.put("dead-letter-partition", "0");
        headers.put("dead-letter-offset", "0");
        headers.put("dead-letter-reason", "EntityManagerFactory is closed");
        return headers;
    }

    private static ConsumerRecord<String, String> deadLetter(String eventId, String pupil) {
        try (TopicReader dlq = TopicReader.fromNow(DLQ)) {
            TopicReader.send(DLQ, pupil, RegisterEventConsumerTest.data(pupil, "E"), deadLetterHeaders(eventId, pupil));
            return dlq.await(TopicReader.hasHeader("ce_id", eventId), Duration.ofSeconds(10));
        }
    }

    private static JsonPath replay(String user, Map<String, Object> body, int status) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/dead-letters/replays").then().statusCode(status).extract().jsonPath();
    }

    @Test
    void aReplayedDeadLetterTakesEffectOnceAndRecordsWhoReplayedIt() {
        String pupil = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        ConsumerRecord<String, String> letter = deadLetter(eventId, pupil);
        Map<String, Object> one = Map.of("deadLetterTopic", DLQ, "partition", letter.partition(),
                "offset", letter.offset());

        // nothing applied yet: the event exists only as a dead letter
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/pupils/" + pupil).then().statusCode(404);
        // only a trust admin replays (and only letters of their own trust: the letter's ce_trustid is checked)
        replay("senco.harbour", one, 403);
        replay("senco.riverside", one, 403);

        JsonPath first = replay("trust.admin", one, 200);
        assertEquals(List.of("REPLAYED"), first.getList("outcome"));
        assertEquals(List.of(eventId), first.getList("eventId"));
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/pupils/" + pupil).then().statusCode(200)
                .body("provision", equalTo("E")).body("timeline", hasSize(1));

        // replayed again, by itself and with the whole topic: the inbox keeps the effect to one
        replay("trust.admin", one, 200);
        replay("trust.admin", Map.of("deadLetterTopic", DLQ), 200);
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/pupils/" + pupil).then().statusCode(200)
                .body("timeline", hasSize(1)).body("timeline[0].eventId", equalTo(eventId));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(Tokens.of("trust.admin"))
                .get("/api/v1/dead-letters").then().statusCode(200)
                .body("find { it.eventId == '" + eventId + "' }.replays", hasSize(2))
                .body("find { it.eventId == '" + eventId + "' }.replays[0].replayedBy", equalTo("trust.admin"))
                .body("find { it.eventId == '" + eventId + "' }.replays[1].outcome", equalTo("REPLAYED")));
    }

    @Test
    void replayingAWholeTopicSkipsLettersAlreadyReplayedAndReportsThoseThatStillFail() {
        String pupil = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();
        deadLetter(good, pupil);
        String poison = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromNow(DLQ)) {
            TopicReader.send(DLQ, pupil, "{this is not json", deadLetterHeaders(poison, pupil));
            dlq.await(TopicReader.hasHeader("ce_id", poison), Duration.ofSeconds(10));
        }

        JsonPath all = replay("trust.admin", Map.of("deadLetterTopic", DLQ), 200);
        assertEquals("REPLAYED", all.getString("find { it.eventId == '" + good + "' }.outcome"));
        assertEquals("FAILED", all.getString("find { it.eventId == '" + poison + "' }.outcome"));
        // the next replay of the topic leaves the replayed letter alone and tries the failing one again
        JsonPath again = replay("trust.admin", Map.of("deadLetterTopic", DLQ), 200);
        assertEquals(List.of(), again.getList("findAll { it.eventId == '" + good + "' }"));
        assertEquals("FAILED", again.getString("find { it.eventId == '" + poison + "' }.outcome"));
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/pupils/" + pupil).then().statusCode(200)
                .body("timeline", hasSize(1));
    }

    @Test
    void aReplayOfNoKnownTopicOrHalfAPositionIsRefused() {
        replay("trust.admin", Map.of("deadLetterTopic", "sen.register.v1"), 400);
        replay("trust.admin", Map.of("deadLetterTopic", DLQ, "partition", 0), 400);
        replay("trust.admin", Map.of("deadLetterTopic", DLQ, "partition", 0, "offset", Long.MAX_VALUE), 404);
        replay("trust.admin", Map.of("deadLetterTopic", DLQ, "partition", 99, "offset", 0), 404);
    }
}
