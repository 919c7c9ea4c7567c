package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import uk.sen.review.service.DeadlineMonitor;

/** EHC needs assessment requests: the 20-week clock, steps in order, and an exception that excuses lateness. */
@QuarkusTest
class AssessmentRequestTest {

    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = AnnualReviewLifecycleTest.TODAY;
    static final String BASE = "/api/v1/assessment-requests";

    @Inject
    DeadlineMonitor monitor;

    /** A pupil the review service follows (on SEN support at Harbour Primary). */
    static String followedPupil() {
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "K", "5", "PRIMARY",
                TODAY.minusMonths(8));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Tokens.of(SENCO))
                .get("/api/v1/pupils/" + pupil).statusCode() == 200);
        return pupil;
    }

    static Response create(String pupil, String by, LocalDate received, String key) {
        var request = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"pupilId\":\"" + pupil + "\",\"requestedBy\":\"" + by + "\",\"receivedOn\":\"" + received + "\"}");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post(BASE);
    }

    static String etag(String id) {
        return given().auth().oauth2(Tokens.of(SENCO)).get(BASE + "/" + id).then().statusCode(200).extract().header("ETag");
    }

    static Response step(String id, String path, String body) {
        return given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(id))
                .body(body).post(BASE + "/" + id + "/" + path);
    }

    static ConsumerRecord<String, String> event(TopicReader out, String pupil, String type, String contains) {
        ConsumerRecord<String, String> r = out.await(rec -> pupil.equals(rec.key())
                && ("uk.sen.review." + type).equals(TopicReader.header(rec, "ce_type"))
                && rec.value().contains(contains), Duration.ofSeconds(20));
        EventSchemas.assertValid("review", type, r.value());
        return r;
    }

    @Test
    void aRequestCanBeMadeForAPupilWithNoSenProvision() {
        // parents and schools may ask for an assessment of any child: the register announces pupils at N too
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-added", "N", "2", "PRIMARY",
                TODAY.minusMonths(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Tokens.of(SENCO))
                .get("/api/v1/pupils/" + pupil).statusCode() == 200);
        create(pupil, "PARENT", TODAY.minusDays(3), null).then().statusCode(201)
                .body("status", equalTo("RECEIVED")).body("pupilId", equalTo(pupil));
    }

    @Test
    void aParentsRequestRunsToTheFinalPlanWithAnExceptionRecorded() {
        String pupil = followedPupil();
        String other = followedPupil();
        LocalDate received = TODAY.minusDays(50);
        try (TopicReader out = TopicReader.fromNow(AnnualReviewLifecycleTest.REVIEW)) {
            String key = UUID.randomUUID().toString();
            String id = create(pupil, "PARENT", received, key).then().statusCode(201)
                    .header("Location", containsString(BASE + "/"))
                    .body("status", equalTo("RECEIVED")).body("requestedBy", equalTo("PARENT"))
                    .body("steps.step", contains("DECISION_TO_ASSESS", "DECISION_NOT_TO_ISSUE", "FINAL_PLAN"))
                    .body("steps.dueOn", contains(received.plusWeeks(6).toString(), received.plusWeeks(16).toString(),
                            received.plusWeeks(20).toString()))
                    .body("steps[0].status", equalTo("OVERDUE"))
                    .extract().path("id");
            // a retry with the same key creates nothing new
            create(pupil, "PARENT", received, key).then().statusCode(201).header("Idempotent-Replayed", "true")
                    .body("id", equalTo(id));
            // one open request per pupil
            create(pupil, "SCHOOL", TODAY, null).then().statusCode(422).body("violations[0].field", equalTo("pupilId"));
            JsonPath receivedEvent = new JsonPath(event(out, pupil, "assessment-request-received", id).value());
            assertEquals(received.plusWeeks(6).toString(), receivedEvent.getString("dueBy"));
            assertEquals(received.plusWeeks(20).toString(), receivedEvent.getString("finalPlanBy"));

            // the same dates for another pupil, without an exception
            String unexcused = create(other, "SCHOOL", received, null).then().statusCode(201).extract().path("id");

            // out of order, or before the request was received: refused, nothing changed
            String tag = etag(id);
            step(id, "decision-to-assess", "{\"assess\":true,\"decidedOn\":\"" + received.minusDays(1) + "\"}")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("decidedOn"))
                    .body("detail", containsString("before it received"));
            step(id, "issue-decision", "{\"issue\":true,\"decidedOn\":\"" + TODAY + "\"}").then().statusCode(422)
                    .body("violations[0].field", equalTo("issue"));
            step(id, "final-plan", "{\"issuedOn\":\"" + TODAY + "\"}").then().statusCode(422);
            step(id, "received", "{\"receivedOn\":\"" + TODAY + "\"}").then().statusCode(422);
            step(id, "decision-to-assess", "{\"assess\":true,\"decidedOn\":\"" + TODAY.plusDays(1) + "\"}")
                    .then().statusCode(400).body("violations[0].field", equalTo("decidedOn"));
            assertEquals(tag, etag(id));

            // an exception needs its reason, its date and (family away) a period of 4 weeks or more
            step(id, "exceptions", "{\"kind\":\"FAMILY_AWAY\",\"reason\":\"Family abroad\",\"recordedOn\":\"" + TODAY
                    + "\",\"periodFrom\":\"" + TODAY.minusDays(40) + "\",\"periodTo\":\"" + TODAY.minusDays(21) + "\"}")
                    .then().statusCode(400).body("violations[0].field", equalTo("periodTo"));
            step(id, "exceptions", "{\"kind\":\"FAMILY_AWAY\",\"reason\":\" \",\"recordedOn\":\"" + TODAY + "\"}")
                    .then().statusCode(400);
            step(id, "exceptions", "{\"kind\":\"NO_SUCH_KIND\",\"reason\":\"x\",\"recordedOn\":\"" + TODAY + "\"}")
                    .then().statusCode(400).body("violations[0].field", equalTo("kind"));
            assertEquals(tag, etag(id));
            step(id, "exceptions", "{\"kind\":\"FAMILY_AWAY\",\"reason\":\"Family abroad for a bereavement\",\"recordedOn\":\""
                    + TODAY.minusDays(2) + "\",\"periodFrom\":\"" + TODAY.minusDays(45) + "\",\"periodTo\":\""
                    + TODAY.minusDays(10) + "\"}")
                    .then().statusCode(201)
                    .body("exceptionApplies", equalTo(true))
                    .body("exceptions[0].kind", equalTo("FAMILY_AWAY"))
                    .body("exceptions[0].reason", equalTo("Family abroad for a bereavement"))
                    .body("exceptions[0].recordedOn", equalTo(TODAY.minusDays(2).toString()))
                    .body("exceptions[0].recordedBy", equalTo(SENCO))
                    .body("exceptions[0].steps", contains("DECISION_TO_ASSESS", "DECISION_NOT_TO_ISSUE", "FINAL_PLAN"))
                    .body("steps[0].status", equalTo("EXCEPTED"))
                    .body("steps[0].excepted", equalTo(true));

            // the monitor announces the unexcused request's missed decision, and never the excepted one
            monitor.scan(TODAY);
            event(out, other, "deadline-missed", unexcused);
            List<ConsumerRecord<String, String>> seen = out.drain(Duration.ofSeconds(2));
            assertEquals(0, seen.stream().filter(r -> pupil.equals(r.key())
                    && "uk.sen.review.deadline-missed".equals(TopicReader.header(r, "ce_type"))).count());
            given().auth().oauth2(Tokens.of(SENCO)).queryParam("within", 0).queryParam("size", 200)
                    .get("/api/v1/deadlines").then().statusCode(200)
                    .body("items.find { it.sourceId == '" + id + "' }.status", equalTo("EXCEPTED"))
                    .body("items.find { it.sourceId == '" + unexcused + "' }.status", equalTo("OVERDUE"))
                    .body("items.find { it.sourceId == '" + unexcused + "' }.source", equalTo("EHC needs assessment request"));

            // the LA decides to assess, late but excused
            step(id, "decision-to-assess", "{\"assess\":true,\"decidedOn\":\"" + TODAY.minusDays(5) + "\"}")
                    .then().statusCode(200).body("status", equalTo("ASSESSING")).body("outcomeCode", equalTo("Y"))
                    .body("steps[0].doneOn", equalTo(TODAY.minusDays(5).toString()))
                    .body("steps[0].status", equalTo("EXCEPTED"));
            JsonPath assessed = new JsonPath(event(out, pupil, "assessment-request-decided", "\"ASSESS\"").value());
            assertEquals("Y", assessed.getString("outcomeCode"));
            assertEquals(true, assessed.getBoolean("exceptionApplies"));
            assertEquals(false, assessed.getBoolean("ended"));

            step(id, "issue-decision", "{\"issue\":true,\"decidedOn\":\"" + TODAY.minusDays(6) + "\"}").then()
                    .statusCode(422).body("violations[0].field", equalTo("decidedOn"));
            step(id, "issue-decision", "{\"issue\":true,\"decidedOn\":\"" + TODAY + "\"}").then().statusCode(200)
                    .body("status", equalTo("ISSUING")).body("commentsUntil", equalTo(TODAY.plusDays(15).toString()));
            step(id, "final-plan", "{\"issuedOn\":\"" + TODAY + "\"}").then().statusCode(200)
                    .body("status", equalTo("COMPLETED"))
                    .body("steps.doneOn", contains(TODAY.minusDays(5).toString(), TODAY.toString(), TODAY.toString()));
            JsonPath issued = new JsonPath(event(out, pupil, "assessment-request-decided", "FINAL_PLAN_ISSUED").value());
            assertEquals("OPEN_EHC_PLAN", issued.getString("registerAction"));
            assertEquals(true, issued.getBoolean("ended"));

            // scope
            given().auth().oauth2(Tokens.of("senco.meadow")).get(BASE + "/" + id).then().statusCode(404);
            given().auth().oauth2(Tokens.of("teacher.harbour")).get(BASE + "/" + id).then().statusCode(200);
            given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON)
                    .body("{\"pupilId\":\"" + other + "\",\"requestedBy\":\"SCHOOL\",\"receivedOn\":\"" + TODAY + "\"}")
                    .post(BASE).then().statusCode(403);
        }
    }

    @Test
    void aDecisionNotToAssessEndsTheRequestWithOutcomeN() {
        String pupil = followedPupil();
        try (TopicReader out = TopicReader.fromNow(AnnualReviewLifecycleTest.REVIEW)) {
            String id = create(pupil, "SCHOOL", TODAY.minusDays(20), null).then().statusCode(201).extract().path("id");
            step(id, "decision-to-assess", "{\"assess\":false,\"decidedOn\":\"" + TODAY + "\"}").then().statusCode(200)
                    .body("status", equalTo("ENDED")).body("outcomeCode", equalTo("N"))
                    .body("outcomeDescription", containsString("not"))
                    .body("steps.cancelled", contains(false, true, true))
                    .body("steps[0].status", equalTo("DONE_ON_TIME"));
            JsonPath decided = new JsonPath(event(out, pupil, "assessment-request-decided", "NOT_TO_ASSESS").value());
            assertEquals("N", decided.getString("outcomeCode"));
            assertEquals(true, decided.getBoolean("ended"));
            // over: nothing more can be recorded, and a new request may be made
            step(id, "exceptions", "{\"kind\":\"EXCEPTIONAL_PERSONAL_CIRCUMSTANCES\",\"reason\":\"Illness\",\"recordedOn\":\""
                    + TODAY + "\"}").then().statusCode(422).body("violations[0].field", equalTo("steps"));
            step(id, "withdraw", "{\"on\":\"" + TODAY + "\",\"reason\":\"changed mind\"}").then().statusCode(422);
            String again = create(pupil, "PARENT", TODAY, null).then().statusCode(201).extract().path("id");
            step(again, "withdraw", "{\"on\":\"" + TODAY + "\",\"reason\":\"Family moved away\",\"outcomeCode\":\"Q\"}")
                    .then().statusCode(400).body("violations[0].field", equalTo("outcomeCode"));
            step(again, "withdraw", "{\"on\":\"" + TODAY + "\",\"reason\":\"Family moved away\"}").then().statusCode(200)
                    .body("status", equalTo("ENDED")).body("steps.cancelled", contains(true, true, true));
        }
        List<String> codes = given().auth().oauth2(Tokens.of(SENCO)).get(BASE + "/outcome-codes").then().statusCode(200)
                .body("", hasSize(5)).extract().path("code");
        assertEquals(List.of("A", "H", "N", "W", "Y"), codes);
        assertTrue(given().auth().oauth2(Tokens.of(SENCO)).get(BASE + "/outcome-codes").then().extract()
                .<List<Boolean>> path("meaningConfirmed").stream().noneMatch(Boolean::booleanValue),
                "no code is claimed to be checked against the SEN2 guide");
    }
}
