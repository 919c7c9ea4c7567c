package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;

/**
 * An SEN administrator does the SENCO's paperwork on a review (the meeting, the invitations, the advice circulated)
 * and is refused the SENCO's decisions (the meeting's record, the report and its recommendation, the LA's decision).
 */
@QuarkusTest
class SenAdministratorTest {

    static final String ADMIN = "admin.harbour";
    static final LocalDate TODAY = TestDates.today();

    private static Response as(String user, String id, String path, String body, String method) {
        String etag = given().auth().oauth2(Tokens.of(user)).get("/api/v1/reviews/" + id).then().statusCode(200)
                .extract().header("ETag");
        var request = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).header("If-Match", etag)
                .body(body);
        return method.equals("PUT") ? request.put("/api/v1/reviews/" + id + "/" + path)
                : request.post("/api/v1/reviews/" + id + "/" + path);
    }

    @Test
    void anAdministratorDoesThePaperworkStepsAndIsRefusedTheDecisions() {
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY",
                TODAY.minusMonths(10));
        String id = AnnualReviewLifecycleTest.awaitOpenReview(pupil);

        as(ADMIN, id, "meeting", "{\"meetingDate\":\"" + TODAY + "\",\"invitees\":"
                + AnnualReviewLifecycleTest.INVITEES + "}", "PUT").then().statusCode(200)
                .body("status", equalTo("MEETING_SET"));
        as(ADMIN, id, "invitations-sent", "{\"on\":\"" + TODAY.minusDays(20) + "\"}", "POST").then().statusCode(200);
        as(ADMIN, id, "advice-circulated", "{\"on\":\"" + TODAY.minusDays(15) + "\"}", "POST").then().statusCode(200)
                .body("steps.find { it.step == 'ADVICE' }.status", equalTo("DONE_ON_TIME"));

        // the meeting's record, the report and the LA's decision stay the SENCO's
        String held = "{\"on\":\"" + TODAY + "\",\"attendees\":[\"Parent\",\"SENCO\"],\"durationMinutes\":60}";
        as(ADMIN, id, "held", held, "POST").then().statusCode(403).contentType("application/problem+json");
        as("senco.harbour", id, "held", held, "POST").then().statusCode(200);
        as(ADMIN, id, "report-sent", "{\"on\":\"" + TODAY + "\",\"recommendation\":\"MAINTAIN\"}", "POST").then()
                .statusCode(403);
        as(ADMIN, id, "la-decision", "{\"on\":\"" + TODAY + "\",\"decision\":\"MAINTAIN\"}", "POST").then()
                .statusCode(403);

        // an administrator of another school does not see the review; the audit names the administrator's role
        given().auth().oauth2(Tokens.of("admin.meadow")).get("/api/v1/reviews/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.of("senco.harbour")).queryParam("subjectId", pupil).queryParam("actor", ADMIN)
                .get("/api/v1/audit").then().statusCode(200).body("items.actorRoles", hasItem("sen-admin"));
    }
}
