package uk.sen.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A SENCO's journey through the running stack: register a pupil on SEN support, move them to an EHC plan, see the
 * annual review appear with its statutory deadlines, invite the parent (the email reaches the SMTP server), hold the
 * meeting (a time entry is suggested), find the pupil in the LA's export; the audit shows each access and a teacher
 * of another school sees none of it.
 */
class SencoJourneyIT {

    static final String SENCO = "senco.academy";
    static final String SCHOOL = "900103";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    /** A valid UPN for Northbridge Academy (LA 801, establishment 4001) that is new to the running register. */
    static String newUpn() {
        String body = "8014001" + String.format("%02d%03d", 30 + ThreadLocalRandom.current().nextInt(60),
                ThreadLocalRandom.current().nextInt(1000));
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            sum += (body.charAt(position - 2) - '0') * position;
        }
        return "ABCDEFGHJKLMNPQRTUVWXYZ".charAt(sum % 23) + body;
    }

    static String registerPupil() {
        for (int attempt = 0; attempt < 5; attempt++) {
            var response = Stack.as(SENCO).contentType(ContentType.JSON).header("Idempotency-Key", "e2e-" + System.nanoTime())
                    .body(String.format("""
                            {"upn":"%s","forename":"Quillonette","surname":"Journey","dateOfBirth":"2013-02-11","sex":"M",
                             "ncYear":"8","schoolUrn":"%s","onRollDate":"2024-09-02"}""", newUpn(), SCHOOL))
                    .post(Stack.REGISTER + "/api/v1/pupils");
            if (response.statusCode() == 201) {
                return response.jsonPath().getString("id");
            }
            assertEquals(409, response.statusCode(), response.asString());
        }
        throw new AssertionError("no free UPN after 5 attempts");
    }

    static String etag(String url) {
        return Stack.as(SENCO).get(url).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void fromSenSupportToAnEhcPlanReviewedOnTime() {
        String pupil = registerPupil();
        String pupilUrl = Stack.REGISTER + "/api/v1/pupils/" + pupil;

        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(pupilUrl))
                .body("""
                        {"provision":"K","startDate":"%s","needs":[{"rank":1,"code":"SPLD"}]}""".formatted(TODAY.minusMonths(14)))
                .post(pupilUrl + "/provisions").then().statusCode(200).body("provision", equalTo("K"));
        LocalDate issued = TODAY.minusMonths(11);
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(pupilUrl))
                .body("""
                        {"provision":"E","startDate":"%s","needs":[{"rank":1,"code":"ASD"},{"rank":2,"code":"SLCN"}],
                         "issuingLa":"801","planIssueDate":"%s"}""".formatted(issued, issued))
                .post(pupilUrl + "/provisions").then().statusCode(200).body("provision", equalTo("E"));

        // the annual review appears in review-service with its statutory deadline
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> Stack.as(SENCO)
                .queryParam("pupil", pupil).get(Stack.REVIEW + "/api/v1/reviews").jsonPath().getList("items").size() > 0);
        JsonPath reviews = Stack.as(SENCO).queryParam("pupil", pupil).get(Stack.REVIEW + "/api/v1/reviews").jsonPath();
        String review = reviews.getString("items[0].id");
        assertEquals(issued.plusMonths(12).minusDays(1).toString(), reviews.getString("items[0].dueBy"));
        String reviewUrl = Stack.REVIEW + "/api/v1/reviews/" + review;

        // the SENCO records the parent as a contact once notification-service knows the pupil
        String parentEmail = "parent-" + System.nanoTime() + "@family.example";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> Stack.as(SENCO)
                .contentType(ContentType.JSON).body("""
                        {"kind":"PARENT_CARER","name":"Alex Journey","relationship":"MOTHER","parentalResponsibility":true,
                         "email":"%s","preferredChannel":"EMAIL"}""".formatted(parentEmail))
                .post(Stack.NOTIFICATION + "/api/v1/pupils/" + pupil + "/contacts").statusCode() == 201);

        // the SENCO sets the meeting, sends the invitations, holds it
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(reviewUrl))
                .body("""
                        {"meetingDate":"%s","invitees":[{"role":"PARENT_OR_YOUNG_PERSON","name":"Parent of the pupil"},
                         {"role":"HEAD"},{"role":"LA_SEN_OFFICER"},{"role":"HEALTH"},{"role":"SOCIAL_CARE"}]}""".formatted(TODAY))
                .put(reviewUrl + "/meeting").then().statusCode(200).body("status", equalTo("MEETING_SET"));

        // the invitation, with its calendar entry, is accepted by the SMTP server (after the message telling the
        // parent that SEN support started, which a contact added soon after still receives)
        String inbox = Stack.MAILBOX + "/api/user/" + parentEmail + "/messages";
        String invitation = "subject.contains('annual review meeting')";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().get(inbox);
            return response.statusCode() == 200 && response.jsonPath().getList("findAll { it." + invitation + " }").size() == 1;
        });
        JsonPath mail = given().get(inbox).jsonPath();
        assertEquals(true, mail.getString("find { it." + invitation + " }.mimeMessage").contains("text/calendar"));
        assertEquals(true, mail.getList("subject").toString().contains("SEN support"), mail.getList("subject").toString());
        assertEquals(false, given().get(inbox).asString().contains("Quillonette"), "a message names the child");
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(reviewUrl))
                .body("{\"on\":\"" + TODAY.minusDays(20) + "\"}").post(reviewUrl + "/invitations-sent").then().statusCode(200);
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(reviewUrl))
                .body("{\"on\":\"" + TODAY + "\",\"attendees\":[\"Parent\",\"SENCO\",\"LA SEN officer\"],\"durationMinutes\":90}")
                .post(reviewUrl + "/held").then().statusCode(200).body("status", equalTo("HELD"))
                .body("steps.find { it.step == 'REVIEW_MEETING' }.status", equalTo("DONE_ON_TIME"))
                .body("steps.find { it.step == 'REPORT' }.dueOn", equalTo(TODAY.plusWeeks(2).toString()));

        // holding the meeting suggests a time entry to the SENCO
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> Stack.as(SENCO)
                .get(Stack.WORKLOAD + "/api/v1/suggestions").jsonPath().getList("items.reviewId").contains(review));
        JsonPath suggestions = Stack.as(SENCO).get(Stack.WORKLOAD + "/api/v1/suggestions").jsonPath();
        assertEquals(90, suggestions.getInt("items.find { it.reviewId == '" + review + "' }.minutes"));

        // the LA officer's export carries the pupil's plan
        String export = Stack.asLa().queryParam("format", "csv").get(Stack.REGISTER + "/api/v1/exports/la").then()
                .statusCode(200).extract().asString();
        String upn = Stack.as(SENCO).get(pupilUrl).jsonPath().getString("upn");
        assertEquals(true, export.contains(upn), "LA export lacks " + upn);

        // every access is audited, in both services
        Stack.as("trust.admin").queryParam("subjectId", pupil).get(Stack.REGISTER + "/api/v1/audit").then()
                .statusCode(200).body("items.action", hasItem("CREATE")).body("items.actor", hasItem(SENCO));
        List<String> reviewAudit = Stack.as("trust.admin").queryParam("subjectId", pupil)
                .get(Stack.REVIEW + "/api/v1/audit").jsonPath().getList("items.actor");
        assertEquals(true, reviewAudit.contains(SENCO), reviewAudit.toString());

        // a teacher of another school sees none of it
        Stack.as("teacher.harbour").get(pupilUrl).then().statusCode(404);
        Stack.as("teacher.harbour").get(reviewUrl).then().statusCode(404);
        Stack.as("teacher.harbour").queryParam("pupil", pupil).get(Stack.REVIEW + "/api/v1/reviews").then()
                .statusCode(200).body("totalItems", equalTo(0));
    }
}
