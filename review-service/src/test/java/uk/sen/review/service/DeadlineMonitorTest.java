package uk.sen.review.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;
import uk.sen.review.rest.AnnualReviewLifecycleTest;
import uk.sen.review.rest.SupportPlanCycleTest;

/** "Deadline approaching" at 14 and 3 days and "deadline missed", each exactly once, even with two scans at once. */
@QuarkusTest
class DeadlineMonitorTest {

    static final LocalDate TODAY = TestDates.today();

    @Inject
    DeadlineMonitor monitor;

    static List<ConsumerRecord<String, String>> alerts(List<ConsumerRecord<String, String>> records, String pupil,
            String type) {
        return records.stream().filter(r -> pupil.equals(r.key()) && type.equals(TopicReader.header(r, "ce_type")))
                .toList();
    }

    @Test
    void announcesEachThresholdOnceAcrossConcurrentScans() throws Exception {
        String pupil = UUID.randomUUID().toString();
        // plan issued so that the review meeting is due in 9 days
        LocalDate issued = TODAY.plusDays(10).minusMonths(12);
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY", issued);
        String reviewId = AnnualReviewLifecycleTest.awaitOpenReview(pupil);
        LocalDate due = issued.plusMonths(12).minusDays(1);

        try (TopicReader out = TopicReader.fromNow("test.sen.review.v1")) {
            monitor.scan(TODAY);
            monitor.scan(TODAY);
            monitor.scan(TODAY.plusDays(1));

            CyclicBarrier together = new CyclicBarrier(2);
            LocalDate threeDaysBefore = due.minusDays(3);
            CompletableFuture<?> a = CompletableFuture.runAsync(() -> scanTogether(together, threeDaysBefore));
            CompletableFuture<?> b = CompletableFuture.runAsync(() -> scanTogether(together, threeDaysBefore));
            CompletableFuture.allOf(a, b).get();

            CompletableFuture<?> c = CompletableFuture.runAsync(() -> scanTogether(together, due.plusDays(1)));
            CompletableFuture<?> d = CompletableFuture.runAsync(() -> scanTogether(together, due.plusDays(1)));
            CompletableFuture.allOf(c, d).get();
            monitor.scan(due.plusDays(5));

            out.await(r -> pupil.equals(r.key()) && "uk.sen.review.deadline-missed".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> seen = out.drain(Duration.ofSeconds(2));
            List<ConsumerRecord<String, String>> approaching = alerts(seen, pupil, "uk.sen.review.deadline-approaching");
            List<ConsumerRecord<String, String>> missed = alerts(seen, pupil, "uk.sen.review.deadline-missed");

            assertEquals(List.of("14", "3"), approaching.stream()
                    .map(r -> new JsonPath(r.value()).getString("threshold")).toList());
            assertEquals(1, missed.size());
            approaching.forEach(r -> EventSchemas.assertValid("review", "deadline-approaching", r.value()));
            EventSchemas.assertValid("review", "deadline-missed", missed.get(0).value());
            JsonPath first = new JsonPath(approaching.get(0).value());
            assertEquals("REVIEW_MEETING", first.getString("step"));
            assertEquals(reviewId, first.getString("sourceId"));
            assertEquals(due.toString(), first.getString("dueOn"));
            assertEquals(9, first.getInt("daysLeft"));
            assertEquals(true, first.getBoolean("statutory"));
            assertEquals("900101", TopicReader.header(missed.get(0), "ce_schoolurn"));
        }
    }

    @Test
    void aDeadlineCreatedInsideTheShortLeadIsAnnouncedOnceAtTheNearestThreshold() {
        String pupil = UUID.randomUUID().toString();
        LocalDate issued = TODAY.plusDays(3).minusMonths(12);   // due in 2 days
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY", issued);
        AnnualReviewLifecycleTest.awaitOpenReview(pupil);
        try (TopicReader out = TopicReader.fromNow("test.sen.review.v1")) {
            monitor.scan(TODAY);
            monitor.scan(TODAY.plusDays(1));
            out.await(r -> pupil.equals(r.key()), Duration.ofSeconds(20));
            List<ConsumerRecord<String, String>> approaching = alerts(out.drain(Duration.ofSeconds(2)), pupil,
                    "uk.sen.review.deadline-approaching");
            assertEquals(1, approaching.size());
            assertEquals("3", new JsonPath(approaching.get(0).value()).getString("threshold"));
        }
    }

    @Test
    void aMovedDeadlineIsAnnouncedAgainAgainstItsNewDate() {
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "K", "3", "PRIMARY", TODAY);
        String plan = SupportPlanCycleTest.awaitPlan(pupil);
        try (TopicReader out = TopicReader.fromNow("test.sen.review.v1")) {
            moveReview(plan, TODAY.plusDays(10));
            monitor.scan(TODAY);
            out.await(r -> pupil.equals(r.key()) && "uk.sen.review.deadline-approaching".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            // the SENCO moves the review five weeks on: nothing is due now, and 13 days before it the alert comes again
            moveReview(plan, TODAY.plusDays(40));
            monitor.scan(TODAY);
            monitor.scan(TODAY.plusDays(27));
            out.await(r -> pupil.equals(r.key()) && r.value().contains(TODAY.plusDays(40).toString())
                    && "uk.sen.review.deadline-approaching".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            List<JsonPath> approaching = alerts(out.drain(Duration.ofSeconds(2)), pupil,
                    "uk.sen.review.deadline-approaching").stream().map(r -> new JsonPath(r.value())).toList();
            assertEquals(List.of(TODAY.plusDays(10).toString(), TODAY.plusDays(40).toString()),
                    approaching.stream().map(j -> j.getString("dueOn")).toList());
            assertEquals(List.of("14", "14"), approaching.stream().map(j -> j.getString("threshold")).toList());
            assertEquals("SUPPORT_REVIEW", approaching.get(1).getString("step"));
            assertEquals(false, approaching.get(1).getBoolean("statutory"));
        }
    }

    private static void moveReview(String plan, LocalDate to) {
        given().auth().oauth2(Tokens.of("senco.harbour")).contentType(ContentType.JSON)
                .header("If-Match", SupportPlanCycleTest.etag(plan))
                .body("{\"outcomes\":[],\"provision\":[],\"reviewDate\":\"" + to + "\"}")
                .put("/api/v1/support-plans/" + plan).then().statusCode(200);
    }

    private void scanTogether(CyclicBarrier barrier, LocalDate asAt) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        monitor.scan(asAt);
    }
}
