package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;
import uk.sen.platform.time.TermCalendar;
import uk.sen.platform.time.TermCalendar.Term;
import uk.sen.platform.time.SchoolTerms;

/** The assess-plan-do-review cycle of SEN support, from the register's K to the plan's close, over real Kafka. */
@QuarkusTest
public class SupportPlanCycleTest {

    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = AnnualReviewLifecycleTest.TODAY;
    static final String REVIEW_TOPIC = AnnualReviewLifecycleTest.REVIEW;

    @Inject
    SchoolTerms terms;

    static JsonPath planOf(String pupil) {
        return given().auth().oauth2(Tokens.of(SENCO)).queryParam("pupil", pupil).get("/api/v1/support-plans")
                .then().statusCode(200).extract().jsonPath();
    }

    public static String awaitPlan(String pupil) {
        await().atMost(Duration.ofSeconds(30)).until(() -> planOf(pupil).getList("items").size() > 0);
        return planOf(pupil).getString("items[0].id");
    }

    public static String etag(String plan) {
        return given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/support-plans/" + plan).then().statusCode(200)
                .extract().header("ETag");
    }

    static Response review(String plan, String body) {
        return given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(plan))
                .body(body).post("/api/v1/support-plans/" + plan + "/reviews");
    }

    static ConsumerRecord<String, String> event(TopicReader out, String pupil, String type) {
        ConsumerRecord<String, String> r = out.await(rec -> pupil.equals(rec.key())
                && ("uk.sen.review." + type).equals(TopicReader.header(rec, "ce_type")), Duration.ofSeconds(20));
        EventSchemas.assertValid("review", type, r.value());
        return r;
    }

    static String scores(String outcomeA, int a, String outcomeB, int b) {
        return "[{\"outcomeId\":\"" + outcomeA + "\",\"score\":" + a + ",\"comment\":\"Reads CVC words reliably\"},"
                + "{\"outcomeId\":\"" + outcomeB + "\",\"score\":" + b + ",\"comment\":\"Uses the calm box most days\"}]";
    }

    static final String PLAN = """
            {"outcomes":[{"outcome":"Reads a short text aloud with 90% accuracy","termlyGoal":"Book band 6"},
                         {"outcome":"Manages transitions between lessons calmly","termlyGoal":"With a visual timetable"}],
             "provision":[{"intervention":"Precision teaching","frequency":"3 x 10 minutes","minutesPerWeek":30,
                           "deliveredBy":"Teaching assistant"}]}""";

    @Test
    void supportIsPlannedReviewedEachTermAndClosedByTheRegister() {
        String pupil = UUID.randomUUID().toString();
        TermCalendar calendar = terms.of("801");
        Term thisTerm = calendar.currentOrNext(TODAY);
        try (TopicReader out = TopicReader.fromNow(REVIEW_TOPIC)) {
            AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "K", "4", "PRIMARY",
                    TODAY.minusDays(10));
            String plan = awaitPlan(pupil);

            // the first review is due at the end of this term
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/support-plans/" + plan).then().statusCode(200)
                    .body("status", equalTo("OPEN")).body("openedOn", equalTo(TODAY.minusDays(10).toString()))
                    .body("reviewDate", equalTo(thisTerm.end().toString()))
                    .body("reviews", hasSize(1)).body("reviews[0].status", equalTo("SCHEDULED"))
                    .body("reviews[0].term", equalTo(thisTerm.label()));
            JsonPath opened = new JsonPath(event(out, pupil, "support-plan-opened").value());
            assertEquals(plan, opened.getString("planId"));
            assertEquals(thisTerm.end().toString(), opened.getString("dueBy"));
            JsonPath firstScheduled = new JsonPath(event(out, pupil, "support-review-scheduled").value());
            assertEquals(opened.getString("reviewId"), firstScheduled.getString("reviewId"));

            // the SENCO writes the plan; If-Match is required and must be current
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body(PLAN)
                    .put("/api/v1/support-plans/" + plan).then().statusCode(428);
            String before = etag(plan);
            JsonPath written = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                    .header("If-Match", before).body(PLAN).put("/api/v1/support-plans/" + plan).then().statusCode(200)
                    .body("outcomes", hasSize(2)).body("provision[0].minutesPerWeek", equalTo(30))
                    .extract().jsonPath();
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", before)
                    .body(PLAN).put("/api/v1/support-plans/" + plan).then().statusCode(412);
            String a = written.getString("outcomes[0].id");
            String b = written.getString("outcomes[1].id");

            // bad reviews are refused and change nothing
            String tag = etag(plan);
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":" + scores(a, 3, b, 0) + "}")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("scores[0].score"));
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":"
                    + scores(a, 1, b, 0).replace("\"score\":1", "\"score\":1.5") + "}").then().statusCode(400)
                    .body("violations[0].field", equalTo("scores[0].score"));
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":[{\"outcomeId\":\"" + a
                    + "\",\"score\":1,\"comment\":\"ok\"}]}").then().statusCode(400)
                    .body("violations[0].field", equalTo("scores"))
                    .body("violations[0].reason", containsString(b));
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":"
                    + scores(a, 1, UUID.randomUUID().toString(), 0) + "}").then().statusCode(400)
                    .body("violations.field", hasItem("scores[1].outcomeId"));
            review(plan, "{\"heldOn\":\"" + TODAY.plusDays(1) + "\",\"nextStep\":\"CONTINUE\",\"scores\":"
                    + scores(a, 1, b, 0) + "}").then().statusCode(400).body("violations[0].field", equalTo("heldOn"));
            review(plan, "{\"heldOn\":\"" + TODAY.minusDays(11) + "\",\"nextStep\":\"CONTINUE\",\"scores\":"
                    + scores(a, 1, b, 0) + "}").then().statusCode(422).body("violations[0].field", equalTo("heldOn"));
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"GIVE_UP\",\"scores\":" + scores(a, 1, b, 0) + "}")
                    .then().statusCode(400).body("violations[0].field", equalTo("nextStep"));
            assertEquals(tag, etag(plan));

            // scope: a teacher reads but may not review; another school's SENCO sees nothing
            given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/support-plans/" + plan).then().statusCode(200);
            given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON).header("If-Match", tag)
                    .body("{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":" + scores(a, 1, b, 0) + "}")
                    .post("/api/v1/support-plans/" + plan + "/reviews").then().statusCode(403);
            given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/support-plans/" + plan).then().statusCode(404);

            // the review: scores kept, deadline done, the next review at the end of the next term
            Term nextTerm = calendar.after(calendar.latestStartedBy(TODAY));
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":" + scores(a, 1, b, -1) + "}")
                    .then().statusCode(200)
                    .body("reviews", hasSize(2))
                    .body("reviews[0].status", equalTo("COMPLETED")).body("reviews[0].heldOn", equalTo(TODAY.toString()))
                    .body("reviews[0].timeliness", equalTo("DONE_ON_TIME"))
                    .body("reviews[0].scores.score", contains(1, -1))
                    .body("reviews[0].scores[0].outcome", equalTo("Reads a short text aloud with 90% accuracy"))
                    .body("reviews[1].status", equalTo("SCHEDULED"))
                    .body("reviews[1].dueOn", equalTo(nextTerm.end().toString()))
                    .body("reviewDate", equalTo(nextTerm.end().toString()));
            String completedData = event(out, pupil, "support-review-completed").value();
            JsonPath completed = new JsonPath(completedData);
            assertEquals("CONTINUE", completed.getString("nextStep"));
            assertEquals(2, completed.getInt("outcomesScored"));
            assertEquals(nextTerm.end().toString(), completed.getString("nextReviewDueBy"));
            assertNull(completed.get("registerAction"));
            // no outcome wording or comments leave the service
            assertFalse(completedData.contains("Reads") || completedData.contains("calm box"), completedData);

            // reviews are recorded in order
            review(plan, "{\"heldOn\":\"" + TODAY.minusDays(1) + "\",\"nextStep\":\"CONTINUE\",\"scores\":"
                    + scores(a, 0, b, 0) + "}").then().statusCode(422).body("violations[0].field", equalTo("heldOn"));

            // asking for an EHC needs assessment prepares a request; support and its reviews go on meanwhile
            String request = review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"REQUEST_EHC_ASSESSMENT\",\"scores\":"
                    + scores(a, -2, b, -1) + "}").then().statusCode(200)
                    .body("reviews[1].assessmentRequestId", notNullValue())
                    .body("reviews[2].status", equalTo("SCHEDULED"))
                    .extract().path("reviews[1].assessmentRequestId");
            String askedData = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.support-review-completed".equals(TopicReader.header(r, "ce_type"))
                    && r.value().contains("REQUEST_EHC_ASSESSMENT"), Duration.ofSeconds(20)).value();
            EventSchemas.assertValid("review", "support-review-completed", askedData);
            JsonPath asked = new JsonPath(askedData);
            assertEquals(request, asked.getString("assessmentRequestId"));
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/assessment-requests/" + request).then().statusCode(200)
                    .body("status", equalTo("PREPARING")).body("requestedBy", equalTo("SCHOOL"))
                    .body("steps", hasSize(0));

            // closing support is the register's to do: the plan waits for it
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CLOSE_SUPPORT\",\"scores\":"
                    + scores(a, 2, b, 2) + "}").then().statusCode(200)
                    .body("status", equalTo("CLOSE_REQUESTED")).body("reviewDate", nullValue())
                    .body("reviews.status", contains("COMPLETED", "COMPLETED", "COMPLETED"));
            String closingData = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.support-review-completed".equals(TopicReader.header(r, "ce_type"))
                    && r.value().contains("CLOSE_SUPPORT"), Duration.ofSeconds(20)).value();
            EventSchemas.assertValid("review", "support-review-completed", closingData);
            JsonPath closing = new JsonPath(closingData);
            assertEquals("END_SEN_SUPPORT", closing.getString("registerAction"));
            assertEquals(true, closing.getString("note").contains("register"));
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":" + scores(a, 0, b, 0) + "}")
                    .then().statusCode(422).body("violations[0].field", equalTo("status"));

            AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-left-register", "N", "4", "PRIMARY",
                    TODAY);
            JsonPath closed = new JsonPath(event(out, pupil, "support-plan-closed").value());
            assertEquals(plan, closed.getString("planId"));
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/support-plans/" + plan).then()
                    .body("status", equalTo("CLOSED")).body("closedReason", containsString("Left the register"));

            // a closed plan takes no review and no edit
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":" + scores(a, 0, b, 0) + "}")
                    .then().statusCode(422).body("detail", containsString("closed"));
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(plan))
                    .body(PLAN).put("/api/v1/support-plans/" + plan).then().statusCode(422);
        }
    }

    @Test
    void anEhcPlanEndsSupportAndCancelsTheScheduledReview() {
        String pupil = UUID.randomUUID().toString();
        try (TopicReader out = TopicReader.fromNow(REVIEW_TOPIC)) {
            AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "K", "4", "PRIMARY",
                    TODAY.minusMonths(3));
            String plan = awaitPlan(pupil);
            String firstReview = new JsonPath(event(out, pupil, "support-plan-opened").value()).getString("reviewId");

            // the SENCO moves the review date; a date in the past is refused
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(plan))
                    .body("{\"outcomes\":[],\"provision\":[],\"reviewDate\":\"" + TODAY.minusDays(1) + "\"}")
                    .put("/api/v1/support-plans/" + plan).then().statusCode(400)
                    .body("violations[0].field", equalTo("reviewDate"));
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(plan))
                    .body("{\"outcomes\":[],\"provision\":[],\"reviewDate\":\"" + TODAY.plusDays(9) + "\"}")
                    .put("/api/v1/support-plans/" + plan).then().statusCode(200)
                    .body("reviewDate", equalTo(TODAY.plusDays(9).toString()))
                    .body("reviews[0].dueOn", equalTo(TODAY.plusDays(9).toString()));
            out.await(r -> pupil.equals(r.key()) && r.value().contains(TODAY.plusDays(9).toString())
                    && "uk.sen.review.support-review-scheduled".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            // a review needs outcomes to score
            review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":[]}").then().statusCode(422)
                    .body("violations[0].field", equalTo("outcomes"));
            given().auth().oauth2(Tokens.of(SENCO)).queryParam("within", 10).queryParam("size", 200)
                    .get("/api/v1/deadlines").then().statusCode(200)
                    .body("items.find { it.sourceId == '" + firstReview + "' }.step", equalTo("SUPPORT_REVIEW"))
                    .body("items.find { it.sourceId == '" + firstReview + "' }.planId", equalTo(plan));

            AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.provision-changed", "E", "4", "PRIMARY",
                    TODAY.minusDays(1));
            JsonPath closed = new JsonPath(event(out, pupil, "support-plan-closed").value());
            assertEquals(firstReview, closed.getString("cancelledReviewId"));
            assertEquals(TODAY.minusDays(1).toString(), closed.getString("closedOn"));
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/support-plans/" + plan).then()
                    .body("status", equalTo("CLOSED")).body("reviews[0].status", equalTo("CANCELLED"));
            // the EHC plan's annual review takes over
            AnnualReviewLifecycleTest.awaitOpenReview(pupil);
            List<String> open = given().auth().oauth2(Tokens.of(SENCO)).queryParam("within", 366).queryParam("size", 200)
                    .get("/api/v1/deadlines").then().statusCode(200).extract().path("items.sourceId");
            assertEquals(false, open.contains(firstReview));
            assertEquals(List.of("CLOSED"), planOf(pupil).getList("items.status"));
        }
    }
}
