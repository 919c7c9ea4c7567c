package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.sen.platform.security.SignedLinks;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;
import uk.sen.review.service.Contributions;

/**
 * Views and advice before an annual review: the SENCO asks a teacher, the parents and an agency; the teacher answers
 * through the API, the parent and the agency on the form their link opens; a reminder goes to the one who had not;
 * the SENCO sees it all and circulates it. Links open nothing else, and nothing about the child is on the pages.
 */
@QuarkusTest
class ContributionsTest {

    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = AnnualReviewLifecycleTest.TODAY;
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Inject
    SignedLinks links;

    @Inject
    Contributions contributions;

    /** A pupil with an EHC plan whose review meeting is set three weeks ahead; the review's id. */
    static String reviewWithMeeting(String pupil, LocalDate meeting) {
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY",
                TODAY.minusMonths(11));
        String id = AnnualReviewLifecycleTest.awaitOpenReview(pupil);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .header("If-Match", AnnualReviewLifecycleTest.etag(id))
                .body("{\"meetingDate\":\"" + meeting + "\",\"invitees\":" + AnnualReviewLifecycleTest.INVITEES + "}")
                .put("/api/v1/reviews/" + id + "/meeting").then().statusCode(200);
        return id;
    }

    static JsonPath ask(String user, String review, String body) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/reviews/" + review + "/contribution-requests").then().statusCode(201).extract().jsonPath();
    }

    static JsonPath contributions(String user, String review) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/v1/reviews/" + review + "/contributions").then()
                .statusCode(200).extract().jsonPath();
    }

    static RequestSpecification form() {
        return given().redirects().follow(false);
    }

    static byte[] pdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void theSencoGathersViewsAndAdviceBeforeTheMeeting() throws IOException {
        String pupil = UUID.randomUUID().toString();
        LocalDate meeting = TODAY.plusDays(21);
        String review = reviewWithMeeting(pupil, meeting);
        try (TopicReader out = TopicReader.fromNow(AnnualReviewLifecycleTest.REVIEW)) {
            // the SENCO asks a teacher and the parents; an SEN administrator, the speech and language therapists
            JsonPath teacher = ask(SENCO, review, "{\"contributor\":\"TEACHER\",\"teacher\":\"teacher.harbour\"}");
            assertEquals(meeting.minusWeeks(2).toString(), teacher.getString("dueOn"), "two weeks before the meeting");
            assertEquals("AWAITED", teacher.getString("status"));
            JsonPath parents = ask(SENCO, review, "{\"contributor\":\"PARENT\"}");
            JsonPath salt = ask("admin.harbour", review,
                    "{\"contributor\":\"AGENCY\",\"agency\":\"SPEECH_AND_LANGUAGE_THERAPY\",\"dueOn\":\"" + TODAY.plusDays(5) + "\"}");
            JsonPath health = ask(SENCO, review, "{\"contributor\":\"AGENCY\",\"agency\":\"HEALTH\",\"dueOn\":\""
                    + TODAY.plusDays(2) + "\"}");

            ConsumerRecord<String, String> asked = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.contribution-requested".equals(TopicReader.header(r, "ce_type"))
                    && r.value().contains(parents.getString("id")), Duration.ofSeconds(20));
            EventSchemas.assertValid("review", "contribution-requested", asked.value());
            assertEquals("PARENT", new JsonPath(asked.value()).getString("contributor"));
            assertEquals(meeting.toString(), new JsonPath(asked.value()).getString("meetingDate"));

            // the teacher finds it in their list and answers it, once
            String teacherRequest = teacher.getString("id");
            List<String> mine = given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/contribution-requests")
                    .then().statusCode(200).extract().jsonPath().getList("id");
            assertTrue(mine.contains(teacherRequest));
            String answer = """
                    {"comments":"Works hard; tires in the afternoon.","outcomes":[{"outcome":"Reads a short book alone",
                     "progress":"Reads simple texts with support","whatHelps":"Short daily sessions","whatNext":"Phase 5"}]}""";
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body(answer)
                    .post("/api/v1/contribution-requests/" + teacherRequest + "/contribution").then().statusCode(403);
            given().auth().oauth2(Tokens.of("teacher.academy")).contentType(ContentType.JSON).body(answer)
                    .post("/api/v1/contribution-requests/" + teacherRequest + "/contribution").then().statusCode(404);
            given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON).body("{\"outcomes\":[]}")
                    .post("/api/v1/contribution-requests/" + teacherRequest + "/contribution").then().statusCode(400)
                    .contentType("application/problem+json");
            given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON).body(answer)
                    .post("/api/v1/contribution-requests/" + teacherRequest + "/contribution").then().statusCode(201)
                    .body("status", equalTo("RECEIVED"))
                    .body("contributions[0].outcomes[0].whatNext", equalTo("Phase 5"));
            assertFalse(given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/contribution-requests").then()
                    .extract().jsonPath().getList("id").contains(teacherRequest), "answered: off the teacher's list");

            // a parent opens their link (notification-service mints it from the request and the contact)
            UUID mother = UUID.randomUUID();
            String link = "/contribute/" + links.mint(UUID.fromString(parents.getString("id")), mother);
            String page = form().header("Accept", HTML).get(link).then().statusCode(200)
                    .contentType(containsString("text/html")).header("Referrer-Policy", "same-origin")
                    .header("Cache-Control", "no-store").extract().asString();
            assertTrue(page.contains("What is going well") && page.contains(meeting.getYear() + ""), page);
            assertFalse(page.contains(pupil) || page.contains("ASD") || page.contains("2015"),
                    "nothing about the child on the page");
            form().multiPart("views", "She loves the reading club.").multiPart("concerns", "Playtimes")
                    .multiPart("hopes", "More time with the speech therapist").post(link).then().statusCode(303)
                    .header("Location", containsString(link));
            assertTrue(form().header("Accept", HTML).get(link).then().statusCode(200).extract().asString()
                    .contains("Thank you"));
            form().multiPart("views", "Again").post(link).then().statusCode(409).contentType("application/problem+json");

            // links open nothing else: changed, guessed, of a teacher's request, or for another review's request
            String token = link.substring("/contribute/".length());
            String changed = token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
            for (String bad : List.of(changed, "x".repeat(86), links.mint(UUID.fromString(teacherRequest), mother),
                    links.mint(UUID.randomUUID(), mother))) {
                form().get("/contribute/" + bad).then().statusCode(404).contentType("application/problem+json");
                form().multiPart("views", "x").post("/contribute/" + bad).then().statusCode(404);
            }
            assertTrue(form().header("Accept", HTML).get("/contribute/" + changed).then().statusCode(404).extract()
                    .asString().contains("This link cannot be used"));

            // the agency: not a PDF, too large, then its advice and report
            UUID therapist = UUID.randomUUID();
            String agencyLink = "/contribute/" + links.mint(UUID.fromString(salt.getString("id")), therapist);
            assertTrue(form().header("Accept", HTML).get(agencyLink).then().statusCode(200).extract().asString()
                    .contains("Your report (optional)"));
            form().multiPart("advice", "Advice").multiPart("report", "report.pdf", "not a pdf at all".getBytes(),
                    "application/pdf").post(agencyLink).then().statusCode(415).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("report"));
            byte[] big = new byte[5 * 1024 * 1024 + 1];
            System.arraycopy("%PDF-1.7".getBytes(), 0, big, 0, 8);
            form().multiPart("advice", "Advice").multiPart("report", "report.pdf", big, "application/pdf")
                    .post(agencyLink).then().statusCode(413).contentType("application/problem+json");
            // a browser is shown the form again, with what went wrong
            assertTrue(form().header("Accept", HTML).multiPart("advice", "Advice")
                    .multiPart("report", "report.pdf", "nope".getBytes(), "application/pdf").post(agencyLink).then()
                    .statusCode(415).contentType(containsString("text/html")).extract().asString()
                    .contains("There is a problem"));
            byte[] report = pdf();
            form().multiPart("advice", "Language is developing well with weekly therapy.")
                    .multiPart("report", "report.pdf", report, "application/pdf").post(agencyLink).then().statusCode(303);

            // a reminder reaches the one who had not contributed (health, due in two days), once
            assertEquals(1, contributions.remindDue(TODAY));
            assertEquals(0, contributions.remindDue(TODAY));
            ConsumerRecord<String, String> reminder = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.contribution-reminder".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            assertEquals(health.getString("id"), new JsonPath(reminder.value()).getString("requestId"));
            EventSchemas.assertValid("review", "contribution-reminder", reminder.value());
            ConsumerRecord<String, String> received = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.contribution-received".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            EventSchemas.assertValid("review", "contribution-received", received.value());
            assertFalse(received.value().contains("reading club") || received.value().contains("teacher.harbour"),
                    "nothing written travels in events");

            // the SENCO sees who has and has not contributed, reads the report, and circulates the advice
            JsonPath all = contributions(SENCO, review);
            assertEquals(3, all.getInt("received"));
            assertEquals(1, all.getInt("awaited"));
            String saltId = salt.getString("id");
            assertEquals("AWAITED", all.getString("requests.find { it.id == '" + health.getString("id") + "' }.status"));
            assertEquals("She loves the reading club.",
                    all.getString("requests.find { it.id == '" + parents.getString("id") + "' }.contributions[0].views"));
            assertEquals(mother.toString(),
                    all.getString("requests.find { it.id == '" + parents.getString("id") + "' }.contributions[0].from"));
            String adviceId = all.getString("requests.find { it.id == '" + saltId + "' }.contributions[0].id");
            byte[] read = given().auth().oauth2(Tokens.of("teacher.harbour"))
                    .get("/api/v1/contributions/" + adviceId + "/report.pdf").then().statusCode(200)
                    .contentType("application/pdf").extract().asByteArray();
            assertArrayEquals(report, read);
            given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/contributions/" + adviceId + "/report.pdf")
                    .then().statusCode(404);
            given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/reviews/" + review + "/contributions")
                    .then().statusCode(404);

            String parentsView = all.getString("requests.find { it.id == '" + parents.getString("id") + "' }.contributions[0].id");
            given().auth().oauth2(Tokens.of("admin.harbour")).contentType(ContentType.JSON)
                    .header("If-Match", AnnualReviewLifecycleTest.etag(review))
                    .body("{\"on\":\"" + TODAY + "\",\"contributions\":[\"" + UUID.randomUUID() + "\"]}")
                    .post("/api/v1/reviews/" + review + "/advice-circulated").then().statusCode(400)
                    .body("violations[0].field", equalTo("contributions"));
            given().auth().oauth2(Tokens.of("admin.harbour")).contentType(ContentType.JSON)
                    .header("If-Match", AnnualReviewLifecycleTest.etag(review))
                    .body("{\"on\":\"" + TODAY + "\",\"contributions\":[\"" + adviceId + "\",\"" + parentsView + "\"]}")
                    .post("/api/v1/reviews/" + review + "/advice-circulated").then().statusCode(200)
                    .body("adviceCirculatedOn", equalTo(TODAY.toString()));
            JsonPath circulated = contributions(SENCO, review);
            assertEquals(TODAY.toString(), circulated.getString("requests.find { it.id == '" + saltId
                    + "' }.contributions[0].sharedOn"));
            assertEquals(null, circulated.getString("requests.find { it.id == '" + teacherRequest + "' }.contributions[0].sharedOn"));
        }
    }

    @Test
    void requestsNeedAMeetingAndSayWhomTheyAsk() {
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY",
                TODAY.minusMonths(11));
        String review = AnnualReviewLifecycleTest.awaitOpenReview(pupil);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body("{\"contributor\":\"PARENT\"}")
                .post("/api/v1/reviews/" + review + "/contribution-requests").then().statusCode(422)
                .contentType("application/problem+json");
        LocalDate meeting = TODAY.plusDays(20);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .header("If-Match", AnnualReviewLifecycleTest.etag(review))
                .body("{\"meetingDate\":\"" + meeting + "\",\"invitees\":" + AnnualReviewLifecycleTest.INVITEES + "}")
                .put("/api/v1/reviews/" + review + "/meeting").then().statusCode(200);
        for (String bad : List.of("{\"contributor\":\"TEACHER\"}", "{\"contributor\":\"AGENCY\"}",
                "{\"contributor\":\"PARENT\",\"agency\":\"CAMHS\"}", "{\"contributor\":\"PARENT\",\"teacher\":\"x\"}",
                "{\"contributor\":\"PARENT\",\"dueOn\":\"" + meeting.plusDays(1) + "\"}",
                "{\"contributor\":\"PARENT\",\"dueOn\":\"" + TODAY.minusDays(1) + "\"}", "{\"contributor\":\"NEIGHBOUR\"}",
                "{}")) {
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body(bad)
                    .post("/api/v1/reviews/" + review + "/contribution-requests").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON).body("{\"contributor\":\"PARENT\"}")
                .post("/api/v1/reviews/" + review + "/contribution-requests").then().statusCode(403);
        given().auth().oauth2(Tokens.of("senco.meadow")).contentType(ContentType.JSON).body("{\"contributor\":\"PARENT\"}")
                .post("/api/v1/reviews/" + review + "/contribution-requests").then().statusCode(404);
        assertEquals(0, contributions(SENCO, review).getList("requests").size(), "nothing refused was kept");

        // once the review is closed (the pupil left), a link is useless
        String parents = ask(SENCO, review, "{\"contributor\":\"PARENT\"}").getString("id");
        String link = "/contribute/" + links.mint(UUID.fromString(parents), UUID.randomUUID());
        form().get(link).then().statusCode(200);
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-left-register", "N", "4", "PRIMARY",
                TODAY.minusMonths(11));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> form().get(link).then().extract().statusCode() == 404);
        form().multiPart("views", "Too late").post(link).then().statusCode(404).body(not(containsString("Too late")));
        assertEquals("CLOSED", contributions(SENCO, review).getString("requests[0].status"));
    }

    @Test
    void viewsAreGatheredBeforeASenSupportReviewToo() {
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "K", "3", "PRIMARY",
                TODAY.minusDays(10));
        String plan = SupportPlanCycleTest.awaitPlan(pupil);
        LocalDate reviewOn = LocalDate.parse(given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/support-plans/" + plan)
                .then().statusCode(200).extract().path("reviews.find { it.status == 'SCHEDULED' }.dueOn"));
        try (TopicReader out = TopicReader.fromNow(AnnualReviewLifecycleTest.REVIEW)) {
            JsonPath parents = given().auth().oauth2(Tokens.of("admin.harbour")).contentType(ContentType.JSON)
                    .body("{\"contributor\":\"PARENT\"}").post("/api/v1/support-plans/" + plan + "/contribution-requests")
                    .then().statusCode(201).extract().jsonPath();
            assertEquals("SUPPORT", parents.getString("reviewKind"));
            assertEquals(plan, parents.getString("planId"));
            LocalDate weekBefore = reviewOn.minusWeeks(1);
            assertEquals((weekBefore.isBefore(TODAY) ? TODAY : weekBefore).toString(), parents.getString("dueOn"));
            ConsumerRecord<String, String> asked = out.await(r -> pupil.equals(r.key())
                    && "uk.sen.review.contribution-requested".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            EventSchemas.assertValid("review", "contribution-requested", asked.value());
            assertEquals("SUPPORT", new JsonPath(asked.value()).getString("reviewKind"));
            assertEquals(reviewOn.toString(), new JsonPath(asked.value()).getString("meetingDate"));

            String link = "/contribute/" + links.mint(UUID.fromString(parents.getString("id")), UUID.randomUUID());
            String page = form().header("Accept", HTML).get(link).then().statusCode(200).extract().asString();
            assertTrue(page.contains("Your views before the SEN support review"), page);
            form().multiPart("views", "Happier since the new seating plan.").post(link).then().statusCode(303);
            JsonPath all = given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/support-plans/" + plan + "/contributions")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(1, all.getInt("received"));
            assertEquals("Happier since the new seating plan.", all.getString("requests[0].contributions[0].views"));
            given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/support-plans/" + plan + "/contributions")
                    .then().statusCode(404);

            // a request to the agency still awaited; once there is no review to come, its link opens nothing
            String agency = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                    .body("{\"contributor\":\"AGENCY\",\"agency\":\"CAMHS\"}")
                    .post("/api/v1/support-plans/" + plan + "/contribution-requests").then().statusCode(201)
                    .extract().path("id");
            String agencyLink = "/contribute/" + links.mint(UUID.fromString(agency), UUID.randomUUID());
            form().get(agencyLink).then().statusCode(200);
            // the pupil leaves: the plan closes and its scheduled review is cancelled, so the form closes
            AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-left-register", "N", "3", "PRIMARY",
                    TODAY.minusDays(10));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> form().get(agencyLink).then().extract().statusCode() == 404);
            assertEquals("CLOSED", given().auth().oauth2(Tokens.of(SENCO))
                    .get("/api/v1/support-plans/" + plan + "/contributions").then().extract().jsonPath()
                    .getString("requests.find { it.id == '" + agency + "' }.status"));
        }
    }
}
