package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import uk.sen.review.service.DeadlineMonitor;

/** An EHC plan's review from the register's event to the completed review, through real Kafka and real tokens. */
@QuarkusTest
public class AnnualReviewLifecycleTest {

    static final String REGISTER = "test.sen.register.v1";
    static final String REVIEW = "test.sen.review.v1";
    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = TestDates.today();
    static final String INVITEES = """
            [{"role":"PARENT_OR_YOUNG_PERSON","name":"Parent"},{"role":"HEAD"},{"role":"LA_SEN_OFFICER"},
             {"role":"HEALTH"},{"role":"SOCIAL_CARE"}]""";

    public static void registerEvent(String pupil, String type, String provision, String ncYear, String phase, LocalDate issued) {
        registerEvent(pupil, type, provision, ncYear, phase, issued, null);
    }

    /** The same, for a pupil the register knows by this UPN. */
    public static void registerEvent(String pupil, String type, String provision, String ncYear, String phase,
            LocalDate issued, String upn) {
        String data = String.format("""
                {"pupilId":"%s",%s"trustId":"northbridge","schoolUrn":"900101","laCode":"801","dateOfBirth":"2015-05-01",
                 "ncYear":"%s","provision":"%s","provisionStartDate":"%s","issuingLa":"801","planIssueDate":%s,
                 "needs":[{"rank":1,"code":"ASD"}],"schoolPhase":"%s","schoolHighestAge":11}""",
                pupil, upn == null ? "" : "\"upn\":\"" + upn + "\",", ncYear, provision, issued,
                "E".equals(provision) ? "\"" + issued + "\"" : "null", phase);
        TopicReader.send(REGISTER, pupil, data, Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                "ce_type", type, "ce_source", "urn:uk-sen:register-service", "ce_subject", pupil,
                "ce_time", "2026-11-23T10:00:00Z", "ce_trustid", "northbridge", "ce_schoolurn", "900101"));
    }

    public static JsonPath reviewOf(String pupil) {
        return given().auth().oauth2(Tokens.of(SENCO)).queryParam("pupil", pupil).get("/api/v1/reviews")
                .then().statusCode(200).extract().jsonPath();
    }

    public static String awaitOpenReview(String pupil) {
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewOf(pupil).getList("items").size() > 0);
        return reviewOf(pupil).getString("items.find { it.status != 'COMPLETED' && it.status != 'CLOSED' }.id");
    }

    static String etag(String id) {
        return given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/reviews/" + id).then().statusCode(200)
                .extract().header("ETag");
    }

    static io.restassured.response.Response step(String id, String path, String body) {
        return given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(id))
                .body(body).post("/api/v1/reviews/" + id + "/" + path);
    }

    @Test
    void anEhcPlanGetsItsAnnualReviewAndEveryStepItsDeadline() {
        String pupil = UUID.randomUUID().toString();
        LocalDate issued = TODAY.minusMonths(10);
        try (TopicReader out = TopicReader.fromNow(REVIEW)) {
            registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY", issued);
            String id = awaitOpenReview(pupil);
            ConsumerRecord<String, String> scheduled = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.review-scheduled".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(issued.plusMonths(12).minusDays(1).toString(),
                    new JsonPath(scheduled.value()).getString("dueBy"));
            EventSchemas.assertValid("review", "review-scheduled", scheduled.value());

            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/reviews/" + id).then().statusCode(200)
                    .body("kind", equalTo("ANNUAL")).body("status", equalTo("SCHEDULED"))
                    .body("referenceDate", equalTo(issued.toString()))
                    .body("steps.step", contains("REVIEW_MEETING"))
                    .body("steps[0].status", equalTo("DUE"));

            // the meeting today, invitations sent 15 days ago: on time
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(id))
                    .body("{\"meetingDate\":\"" + TODAY + "\",\"invitees\":" + INVITEES + "}")
                    .put("/api/v1/reviews/" + id + "/meeting")
                    .then().statusCode(200).body("status", equalTo("MEETING_SET"))
                    .body("steps.step", hasItems("INVITATIONS", "ADVICE"));
            ConsumerRecord<String, String> set = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.meeting-set".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(5, new JsonPath(set.value()).getList("invitees").size());
            EventSchemas.assertValid("review", "meeting-set", set.value());

            step(id, "invitations-sent", "{\"on\":\"" + TODAY.minusDays(15) + "\"}").then().statusCode(200);
            step(id, "advice-circulated", "{\"on\":\"" + TODAY.minusDays(13) + "\"}").then().statusCode(200)
                    .body("steps.find { it.step == 'ADVICE' }.status", equalTo("DONE_LATE"))
                    .body("steps.find { it.step == 'INVITATIONS' }.status", equalTo("DONE_ON_TIME"));
            step(id, "held", "{\"on\":\"" + TODAY + "\",\"attendees\":[\"Parent\",\"SENCO\"],\"durationMinutes\":75}")
                    .then().statusCode(200).body("status", equalTo("HELD"))
                    .body("steps.find { it.step == 'REPORT' }.dueOn", equalTo(TODAY.plusWeeks(2).toString()))
                    .body("steps.find { it.step == 'LA_DECISION' }.dueOn", equalTo(TODAY.plusWeeks(4).toString()))
                    .body("steps.find { it.step == 'FINAL_AMENDED_PLAN' }.dueOn", equalTo(TODAY.plusWeeks(12).toString()));
            ConsumerRecord<String, String> held = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.meeting-held".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals(75, new JsonPath(held.value()).getInt("durationMinutes"));
            EventSchemas.assertValid("review", "meeting-held", held.value());

            step(id, "report-sent", "{\"on\":\"" + TODAY + "\"}").then().statusCode(200);
            step(id, "la-decision", "{\"decision\":\"MAINTAIN\",\"on\":\"" + TODAY + "\"}").then().statusCode(200)
                    .body("status", equalTo("COMPLETED"))
                    .body("steps.find { it.step == 'FINAL_AMENDED_PLAN' }.cancelled", equalTo(true));
            ConsumerRecord<String, String> completed = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.review-completed".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals("MAINTAIN", new JsonPath(completed.value()).getString("decision"));
            EventSchemas.assertValid("review", "review-completed", completed.value());

            // the next review is due within 12 months of this meeting
            String next = awaitOpenReview(pupil);
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/reviews/" + next).then()
                    .body("referenceDate", equalTo(TODAY.toString()))
                    .body("dueBy", equalTo(TODAY.plusMonths(12).minusDays(1).toString()));
        }
    }

    @Test
    void aMeetingAlreadyHeldIsRecordedInOneRequestWithItsRealDatesAndACancelledStepIsCancelled() {
        // a SENCO recording a meeting held 13 weeks ago, which was never set in the platform
        String pupil = UUID.randomUUID().toString();
        registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY", TODAY.minusMonths(13));
        String id = awaitOpenReview(pupil);
        LocalDate held = TODAY.minusWeeks(13);
        String tag = etag(id);
        // setting it as a meeting to come is refused, pointing at the way to record it
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body("{\"meetingDate\":\"" + held + "\",\"invitees\":" + INVITEES + "}")
                .put("/api/v1/reviews/" + id + "/meeting").then().statusCode(400)
                .body("violations[0].field", equalTo("meetingDate"));
        // without the day the invitations went out, or with them after the meeting: refused, nothing changes
        step(id, "held", "{\"on\":\"" + held + "\",\"invitees\":" + INVITEES + "}").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("invitationsSentOn"));
        step(id, "held", "{\"on\":\"" + held + "\",\"invitees\":" + INVITEES + ",\"invitationsSentOn\":\""
                + held.plusDays(1) + "\"}").then().statusCode(400)
                .body("violations.field", hasItem("invitationsSentOn"));
        step(id, "held", "{\"on\":\"" + held + "\",\"invitationsSentOn\":\"" + held.minusWeeks(3) + "\","
                + "\"invitees\":[{\"role\":\"HEAD\"}]}").then().statusCode(400)
                .body("violations.reason", hasItem("PARENT_OR_YOUNG_PERSON must be invited to an annual review"));
        assertEquals(tag, etag(id));

        // invitations 10 days and advice 1 week before the meeting: both late, recorded as late, not refused
        step(id, "held", "{\"on\":\"" + held + "\",\"attendees\":[\"Parent\",\"SENCO\"],\"invitees\":" + INVITEES
                + ",\"invitationsSentOn\":\"" + held.minusDays(10) + "\",\"adviceCirculatedOn\":\""
                + held.minusWeeks(1) + "\"}").then().statusCode(200)
                .body("status", equalTo("HELD"))
                .body("meetingDate", equalTo(held.toString())).body("heldOn", equalTo(held.toString()))
                .body("invitationsSentOn", equalTo(held.minusDays(10).toString()))
                .body("steps.find { it.step == 'REVIEW_MEETING' }.status", equalTo("DONE_ON_TIME"))
                .body("steps.find { it.step == 'INVITATIONS' }.dueOn", equalTo(held.minusWeeks(2).toString()))
                .body("steps.find { it.step == 'INVITATIONS' }.status", equalTo("DONE_LATE"))
                .body("steps.find { it.step == 'ADVICE' }.status", equalTo("DONE_LATE"))
                // the report was due 2 weeks after the real meeting: overdue now
                .body("steps.find { it.step == 'REPORT' }.dueOn", equalTo(held.plusWeeks(2).toString()))
                .body("steps.find { it.step == 'REPORT' }.status", equalTo("OVERDUE"));

        // the LA maintains the plan unchanged: the final amended plan step, past its date, is CANCELLED, not OVERDUE
        step(id, "report-sent", "{\"on\":\"" + held.plusWeeks(1) + "\"}").then().statusCode(200);
        step(id, "la-decision", "{\"decision\":\"MAINTAIN\",\"on\":\"" + held.plusWeeks(3) + "\"}").then()
                .statusCode(200).body("status", equalTo("COMPLETED"))
                .body("steps.find { it.step == 'FINAL_AMENDED_PLAN' }.dueOn", equalTo(held.plusWeeks(12).toString()))
                .body("steps.find { it.step == 'FINAL_AMENDED_PLAN' }.cancelled", equalTo(true))
                .body("steps.find { it.step == 'FINAL_AMENDED_PLAN' }.status", equalTo("CANCELLED"))
                .body("steps.find { it.step == 'LA_DECISION' }.status", equalTo("DONE_ON_TIME"));
    }

    @Inject
    DeadlineMonitor monitor;

    @Test
    void aPupilWhoJoinsWithAnOverdueEhcPlanGivesOneSummaryAndTheRealDatesCanBeRecorded() {
        // a CTF carries no plan dates: counted from the provision's start 20 months ago, the review is long overdue
        String pupil = UUID.randomUUID().toString();
        LocalDate started = TODAY.minusMonths(20);
        try (TopicReader out = TopicReader.fromNow(REVIEW)) {
            registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "5", "PRIMARY", started);
            String id = awaitOpenReview(pupil);
            ConsumerRecord<String, String> summary = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.overdue-on-arrival".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            EventSchemas.assertValid("review", "overdue-on-arrival", summary.value());
            assertEquals(id, new JsonPath(summary.value()).getString("reviewId"));
            // the monitor does not announce the steps one by one on top of the summary
            monitor.scan(TODAY);
            monitor.scan(TODAY.plusDays(1));
            List<ConsumerRecord<String, String>> seen = out.drain(Duration.ofSeconds(3));
            assertEquals(0, seen.stream().filter(r -> pupil.equals(r.key())
                    && "uk.sen.review.deadline-missed".equals(TopicReader.header(r, "ce_type"))).count());
            // and the summary itself was announced once
            assertEquals(1, seen.stream().filter(r -> pupil.equals(r.key())
                    && "uk.sen.review.overdue-on-arrival".equals(TopicReader.header(r, "ce_type"))).count());

            // the SENCO records the real dates; bad ones are refused and change nothing
            String tag = etag(id);
            for (String bad : List.of("{}", "{\"planIssuedOn\":\"" + TODAY.plusDays(1) + "\"}",
                    "{\"planIssuedOn\":\"" + TODAY.minusMonths(8) + "\",\"lastReviewedOn\":\""
                            + TODAY.minusMonths(9) + "\"}")) {
                given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                        .body(bad).put("/api/v1/reviews/" + id + "/reference").then().statusCode(400)
                        .contentType("application/problem+json");
            }
            assertEquals(tag, etag(id));
            LocalDate lastReviewed = TODAY.minusMonths(3);
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                    .body("{\"planIssuedOn\":\"" + TODAY.minusMonths(15) + "\",\"lastReviewedOn\":\"" + lastReviewed
                            + "\"}")
                    .put("/api/v1/reviews/" + id + "/reference").then().statusCode(200)
                    .body("referenceDate", equalTo(lastReviewed.toString()))
                    .body("dueBy", equalTo(lastReviewed.plusMonths(12).minusDays(1).toString()))
                    .body("steps.find { it.step == 'REVIEW_MEETING' }.status", equalTo("DUE"));
            out.await(r -> pupil.equals(r.key()) && "uk.sen.review.review-scheduled".equals(TopicReader.header(r, "ce_type"))
                    && r.value().contains(lastReviewed.plusMonths(12).minusDays(1).toString()), Duration.ofSeconds(20));
        }
    }

    @Test
    void refusesStepsOutOfOrderAndMeetingsTooSoonAfterTheInvitations() {
        String pupil = UUID.randomUUID().toString();
        registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "3", "PRIMARY", TODAY.minusMonths(3));
        String id = awaitOpenReview(pupil);
        String tag = etag(id);

        step(id, "report-sent", "{\"on\":\"" + TODAY + "\"}").then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("reportSentOn"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body("{\"meetingDate\":\"" + TODAY.plusDays(30) + "\",\"invitees\":[{\"role\":\"HEAD\"}]}")
                .put("/api/v1/reviews/" + id + "/meeting").then().statusCode(400)
                .body("violations.reason", hasItem("PARENT_OR_YOUNG_PERSON must be invited to an annual review"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body("{\"meetingDate\":\"not-a-date\",\"invitees\":[]}")
                .put("/api/v1/reviews/" + id + "/meeting").then().statusCode(400)
                .body("violations[0].field", equalTo("meetingDate"));
        assertEquals(tag, etag(id));

        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body("{\"meetingDate\":\"" + TODAY.plusDays(20) + "\",\"invitees\":" + INVITEES + "}")
                .put("/api/v1/reviews/" + id + "/meeting").then().statusCode(200);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body("{\"meetingDate\":\"" + TODAY.plusDays(21) + "\",\"invitees\":" + INVITEES + "}")
                .put("/api/v1/reviews/" + id + "/meeting").then().statusCode(412);
        // invitations less than 2 weeks before the meeting are refused
        step(id, "invitations-sent", "{\"on\":\"" + TODAY + "\"}").then().statusCode(200);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(id))
                .body("{\"meetingDate\":\"" + TODAY.plusDays(10) + "\",\"invitees\":" + INVITEES + "}")
                .put("/api/v1/reviews/" + id + "/meeting").then().statusCode(400)
                .body("violations[0].field", equalTo("meetingDate"));
        step(id, "held", "{\"on\":\"" + TODAY + "\"}").then().statusCode(422);
        step(id, "la-decision", "{\"decision\":\"AMEND\",\"on\":\"" + TODAY + "\"}").then().statusCode(422);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/reviews/" + id).then()
                .body("meetingDate", equalTo(TODAY.plusDays(20).toString())).body("status", equalTo("MEETING_SET"));

        // scope: a teacher reads, may not act; another school's SENCO sees nothing
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/reviews/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON).header("If-Match", etag(id))
                .body("{\"on\":\"" + TODAY + "\"}").post("/api/v1/reviews/" + id + "/advice-circulated")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/reviews/" + id).then().statusCode(404);
    }

    @Test
    void aYearSixPupilGetsAPhaseTransferReviewAndLeavingClosesIt() {
        String pupil = UUID.randomUUID().toString();
        try (TopicReader out = TopicReader.fromNow(REVIEW)) {
            registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "6", "PRIMARY", TODAY.minusMonths(2));
            String id = awaitOpenReview(pupil);
            int transferYear = (TODAY.getMonthValue() >= 9 ? TODAY.getYear() : TODAY.getYear() - 1) + 1;
            LocalDate planBy = LocalDate.of(transferYear, 2, 15);
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/reviews/" + id).then()
                    .body("kind", equalTo("PHASE_TRANSFER")).body("transfer", equalTo("PRIMARY_TO_SECONDARY"))
                    .body("planBy", equalTo(planBy.toString()))
                    .body("dueBy", equalTo(planBy.minusWeeks(12).toString()))
                    .body("steps.step", contains("REVIEW_MEETING", "PHASE_TRANSFER_PLAN"));

            registerEvent(pupil, "uk.sen.register.pupil-left-register", "N", "6", "PRIMARY", TODAY.minusMonths(2));
            ConsumerRecord<String, String> closed = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.review-closed".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(30));
            EventSchemas.assertValid("review", "review-closed", closed.value());
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/reviews/" + id).then()
                    .body("status", equalTo("CLOSED"))
                    .body("steps.cancelled", contains(true, true));
        }
    }
}
