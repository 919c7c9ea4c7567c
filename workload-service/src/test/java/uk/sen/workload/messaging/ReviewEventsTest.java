package uk.sen.workload.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.sen.workload.Fixtures.REVIEW_DLQ;
import static uk.sen.workload.Fixtures.REVIEW_TOPIC;
import static uk.sen.workload.Fixtures.as;
import static uk.sen.workload.Fixtures.headers;
import static uk.sen.workload.Fixtures.reviewEvent;
import static uk.sen.workload.Fixtures.today;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.TopicReader;
import uk.sen.workload.Fixtures.ReviewData;

/** review-service's events through real Kafka: a held meeting suggests an entry; poison and unknown types. */
@QuarkusTest
class ReviewEventsTest {

    static final String SENCO = "senco.harbour";
    static final String SCHOOL = "900101";

    /** The suggestion for a review, once the consumer has made it. */
    static Map<String, Object> suggestionFor(String reviewId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> find(reviewId) != null);
        return find(reviewId);
    }

    static Map<String, Object> find(String reviewId) {
        List<Map<String, Object>> items = as(SENCO).queryParam("size", 200).get("/api/v1/suggestions").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(s -> reviewId.equals(s.get("reviewId"))).findFirst().orElse(null);
    }

    static long countFor(String reviewId) {
        List<Map<String, Object>> items = as(SENCO).queryParam("size", 200).get("/api/v1/suggestions").then()
                .extract().jsonPath().getList("items");
        return items.stream().filter(s -> reviewId.equals(s.get("reviewId"))).count();
    }

    static String etag(String id) {
        return as(SENCO).get("/api/v1/suggestions/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aHeldMeetingSuggestsAnEntryForTheSchoolsSencoToConfirmOrDismiss() {
        LocalDate heldOn = today().minusDays(2);
        ReviewData reported = new ReviewData(SCHOOL, today().plusMonths(1));
        reported.status = "HELD";
        reported.heldOn = heldOn;
        reported.meetingDate = heldOn;
        reported.durationMinutes = 75;
        ReviewData unreported = new ReviewData(SCHOOL, today().plusMonths(1)).kind("PHASE_TRANSFER");
        unreported.status = "HELD";
        unreported.heldOn = heldOn;

        String heldEvent;
        try (TopicReader topic = TopicReader.fromNow(REVIEW_TOPIC)) {
            heldEvent = reviewEvent("uk.sen.review.meeting-held", reported);
            reviewEvent("uk.sen.review.meeting-held", unreported);
            ConsumerRecord<String, String> sent = topic.await(TopicReader.hasHeader("ce_id", heldEvent),
                    Duration.ofSeconds(10));
            // delivered twice: still one suggestion
            TopicReader.resend(sent);
        }
        Map<String, Object> s = suggestionFor(reported.reviewId);
        assertEquals(75, s.get("minutes"));
        assertEquals(true, s.get("durationReported"));
        assertEquals("EHCP_ANNUAL_REVIEWS", s.get("category"));
        assertEquals("PENDING", s.get("status"));
        assertEquals(heldOn.toString(), s.get("heldOn"));
        assertEquals(reported.pupilId, s.get("pupilId"));
        Map<String, Object> d = suggestionFor(unreported.reviewId);
        assertEquals(60, d.get("minutes"));
        assertEquals(false, d.get("durationReported"));
        assertEquals("PHASE_TRANSFER", d.get("reviewKind"));
        // a later event on the same partition has been applied, so the redelivery was seen by now
        ReviewData marker = new ReviewData(SCHOOL, today().plusMonths(2));
        marker.heldOn = heldOn;
        marker.pupil(reported.pupilId);
        reviewEvent("uk.sen.review.meeting-held", marker);
        suggestionFor(marker.reviewId);
        assertEquals(1, countFor(reported.reviewId));

        String id = (String) s.get("id");
        // only the school's SENCO: another school's SENCO sees nothing, SLT may not act
        as("senco.meadow").get("/api/v1/suggestions/" + id).then().statusCode(404);
        as("senco.meadow").get("/api/v1/suggestions").then().statusCode(200).body("items.id", not(hasItem(id)));
        as("slt.harbour").header("If-Match", "\"0\"").post("/api/v1/suggestions/" + id + "/confirm").then()
                .statusCode(403);

        as(SENCO).header("If-Match", "\"9\"").body("{}").post("/api/v1/suggestions/" + id + "/confirm").then()
                .statusCode(412);
        JsonPath confirmed = as(SENCO).header("If-Match", etag(id)).body("{}")
                .post("/api/v1/suggestions/" + id + "/confirm").then().statusCode(200)
                .header("Location", containsString("/api/v1/time-entries/")).extract().jsonPath();
        assertEquals("CONFIRMED", confirmed.getString("suggestion.status"));
        assertEquals(SENCO, confirmed.getString("suggestion.decidedBy"));
        assertEquals(75, confirmed.getInt("entry.minutes"));
        assertEquals(heldOn.toString(), confirmed.getString("entry.date"));
        assertEquals("EHCP_ANNUAL_REVIEWS", confirmed.getString("entry.category"));
        assertEquals(reported.reviewId, confirmed.getString("entry.reviewId"));
        assertEquals(reported.pupilId, confirmed.getString("entry.pupilId"));
        assertEquals("SUGGESTION", confirmed.getString("entry.source"));
        as(SENCO).get("/api/v1/time-entries/" + confirmed.getString("entry.id")).then().statusCode(200);
        as(SENCO).header("If-Match", etag(id)).body("{}").post("/api/v1/suggestions/" + id + "/confirm").then()
                .statusCode(409).contentType("application/problem+json");

        // the phase transfer one is adjusted before confirming: a bad adjustment changes nothing
        String other = (String) d.get("id");
        as(SENCO).header("If-Match", etag(other)).body("{\"minutes\":-5}")
                .post("/api/v1/suggestions/" + other + "/confirm").then().statusCode(400)
                .body("violations[0].field", equalTo("minutes"));
        as(SENCO).get("/api/v1/suggestions/" + other).then().body("status", equalTo("PENDING"));
        as(SENCO).header("If-Match", etag(other)).post("/api/v1/suggestions/" + other + "/dismiss").then()
                .statusCode(200).body("status", equalTo("DISMISSED")).body("entryId", equalTo(null));
        as(SENCO).queryParam("status", "PENDING").queryParam("size", 200).get("/api/v1/suggestions").then()
                .body("items.id", not(hasItem(other))).body("items.id", not(hasItem(id)));
        as(SENCO).queryParam("status", "maybe").get("/api/v1/suggestions").then().statusCode(400);
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndDoesNotBlockTheNext() {
        String pupil = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();
        ReviewData good = new ReviewData(SCHOOL, today().plusMonths(3));
        good.heldOn = today().minusDays(1);
        try (TopicReader dlq = TopicReader.fromNow(REVIEW_DLQ)) {
            TopicReader.send(REVIEW_TOPIC, pupil, "{not json",
                    headers(poison, "uk.sen.review.meeting-held", pupil, SCHOOL));
            String noId = UUID.randomUUID().toString();
            TopicReader.send(REVIEW_TOPIC, pupil, "{\"trustId\":\"northbridge\",\"schoolUrn\":\"900101\"}",
                    headers(noId, "uk.sen.review.review-scheduled", pupil, SCHOOL));
            reviewEvent("uk.sen.review.meeting-held", good);

            ConsumerRecord<String, String> dead = dlq.await(TopicReader.hasHeader("ce_id", poison),
                    Duration.ofSeconds(60));
            assertEquals("{not json", dead.value());
            assertEquals(REVIEW_TOPIC, TopicReader.header(dead, "dead-letter-topic"));
            dlq.await(TopicReader.hasHeader("ce_id", noId), Duration.ofSeconds(60));
        }
        suggestionFor(good.reviewId);
        as("trust.admin").get("/api/v1/dead-letters").then().statusCode(200).body("eventId", hasItem(poison));
    }

    @Test
    void eventTypesItDoesNotKnowAreSkipped() {
        ReviewData after = new ReviewData(SCHOOL, today().plusMonths(4));
        after.heldOn = today().minusDays(1);
        String unknown = UUID.randomUUID().toString();
        String deadline = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromNow(REVIEW_DLQ)) {
            TopicReader.send(REVIEW_TOPIC, after.pupilId, "{\"somethingNew\":[1,2,3]}",
                    headers(unknown, "uk.sen.review.something-new", after.pupilId, SCHOOL));
            TopicReader.send(REVIEW_TOPIC, after.pupilId, "{\"deadlineId\":\"" + UUID.randomUUID()
                    + "\",\"step\":\"REPORT\",\"dueOn\":\"2026-12-01\",\"daysLeft\":8}",
                    headers(deadline, "uk.sen.review.deadline-approaching", after.pupilId, SCHOOL));
            reviewEvent("uk.sen.review.meeting-held", after);
            suggestionFor(after.reviewId);
            List<ConsumerRecord<String, String>> dead = dlq.drain(Duration.ofSeconds(2));
            assertTrue(dead.stream().noneMatch(r -> unknown.equals(TopicReader.header(r, "ce_id"))
                    || deadline.equals(TopicReader.header(r, "ce_id"))), "skipped, not dead-lettered");
        }
    }
}
