package uk.sen.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.notification.support.Mailbox;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

/**
 * How the consumers treat what they receive: poison goes to the channel's dead-letter topic without blocking the
 * pupils behind it and shows at /api/v1/dead-letters; what they do not use, or do not know yet, is let pass.
 */
@QuarkusTest
class ConsumedEventsTest {

    static final String REVIEW_DLQ = "test.notification.sen.review.v1.dlq.notification-service";
    static final String REGISTER_DLQ = "test.notification.sen.register.v1.dlq.notification-service";
    static final String WORKLOAD_DLQ = "test.notification.sen.workload.v1.dlq.notification-service";

    @Test
    void aPoisonReviewEventIsDeadLetteredAndTheNextOneStillArrives() {
        String pupil = Api.newPupil("northbridge", "900101", "senco.harbour");
        String parent = Api.email("parent");
        Api.addContact(pupil, Api.parent("Sam Taylor", parent, null, true, "EMAIL"), "senco.harbour");
        String poisonId = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromNow(REVIEW_DLQ)) {
            TopicReader.send(Events.REVIEW, pupil, "{\"reviewId\": not json", Events.headers(poisonId,
                    "uk.sen.review.meeting-set", "urn:uk-sen:review-service", pupil, "northbridge", "900101",
                    TestDates.eventTime()));
            Events.reviewCompleted(pupil, "northbridge", "900101", UUID.randomUUID().toString());

            ConsumerRecord<String, String> dead = dlq.await(TopicReader.hasHeader("ce_id", poisonId),
                    Duration.ofSeconds(30));
            assertEquals("{\"reviewId\": not json", dead.value());
            assertEquals(Events.REVIEW, TopicReader.header(dead, "dead-letter-topic"));
        }
        Mailbox.await(parent, 1);
        given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/dead-letters").then().statusCode(200)
                .body("eventId", hasItem(poisonId))
                .body("find { it.eventId == '" + poisonId + "' }.deadLetterTopic", equalTo(REVIEW_DLQ))
                .body("find { it.eventId == '" + poisonId + "' }.payload", equalTo("{\"reviewId\": not json"));
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/dead-letters").then().statusCode(403);
    }

    @Test
    void recordsThatAreNotCloudEventsOrNameNoSchoolAreDeadLettered() {
        String key = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromNow(REGISTER_DLQ)) {
            TopicReader.send(Events.REGISTER, key, "{}", Map.of());
            assertEquals("{}", dlq.await(r -> key.equals(r.key()), Duration.ofSeconds(30)).value());
        }
        String workloadId = UUID.randomUUID().toString();
        try (TopicReader dlq = TopicReader.fromNow(WORKLOAD_DLQ)) {
            Map<String, String> headers = new HashMap<>(Events.headers(workloadId,
                    "uk.sen.workload.allocation-exceeded", "urn:uk-sen:workload-service", key, "northbridge", "900101",
                    TestDates.eventTime()));
            headers.remove("ce_schoolurn");
            TopicReader.send(Events.WORKLOAD, key, "{}", headers);
            ConsumerRecord<String, String> dead = dlq.await(TopicReader.hasHeader("ce_id", workloadId),
                    Duration.ofSeconds(30));
            assertEquals(Events.WORKLOAD, TopicReader.header(dead, "dead-letter-topic"));
        }
    }

    @Test
    void eventTypesItDoesNotUseAreLetPassAndTheCloudEventNamesThePupilWhenTheDataDoesNot() {
        String senco = Api.email("senco");
        Api.staff("900103", "SENCO", senco, "senco.academy");
        String pupil = Api.newPupil("northbridge", "900103", "senco.academy");
        try (TopicReader dlq = TopicReader.fromNow(REVIEW_DLQ)) {
            Events.review(pupil, "northbridge", "900103", "uk.sen.review.something-new", "{\"somethingNew\":[1,2]}",
                    TestDates.eventTime());
            // a deadline event whose data leaves the pupil, trust and school to the CloudEvent attributes
            Events.review(pupil, "northbridge", "900103", "uk.sen.review.deadline-approaching",
                    "{\"deadlineId\":\"" + UUID.randomUUID() + "\",\"step\":\"ADVICE\",\"statutory\":true,\"dueOn\":\""
                            + TestDates.today().plusDays(3) + "\",\"threshold\":\"3\",\"daysLeft\":3}",
                    TestDates.eventTime());
            assertEquals("Due in 3 days: advice circulated (" + Api.caseReference(pupil, "senco.academy") + ")",
                    Mailbox.await(senco, 1).get(0).subject());
            assertEquals(0, dlq.drain(Duration.ofSeconds(1)).stream().filter(r -> pupil.equals(r.key())).count());
        }
    }
}
