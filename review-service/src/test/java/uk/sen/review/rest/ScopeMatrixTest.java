package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.sen.platform.testing.ScopeMatrixContract;
import uk.sen.platform.security.SignedLinks;
import uk.sen.platform.testing.Tokens;

/**
 * Every operation on a review, support plan, assessment request or followed pupil, tried on Harbour's records by
 * callers outside Harbour ({@link ScopeMatrixContract}).
 */
@QuarkusTest
class ScopeMatrixTest extends ScopeMatrixContract {

    /** The annual review the register's event schedules for a pupil on an EHC plan. */
    static String review;
    /** On SEN support: the register's event opens their support plan; an assessment request is recorded for them. */
    static String supportPupil;
    static String plan;
    static String request;
    /** The review's meeting is set, a teacher is asked for views, an agency sent advice with a report. */
    static String contributionRequest;
    static String contribution;

    @Inject
    SignedLinks links;

    @BeforeEach
    void harbourRecords() {
        if (request != null) {
            return;
        }
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY",
                AnnualReviewLifecycleTest.TODAY.minusMonths(10));
        String onSupport = AssessmentRequestTest.followedPupil();
        review = AnnualReviewLifecycleTest.awaitOpenReview(pupil);
        plan = SupportPlanCycleTest.awaitPlan(onSupport);
        supportPupil = onSupport;
        request = AssessmentRequestTest.create(onSupport, "PARENT", AnnualReviewLifecycleTest.TODAY.minusDays(7), null)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("senco.harbour")).contentType(ContentType.JSON)
                .header("If-Match", AnnualReviewLifecycleTest.etag(review))
                .body("{\"meetingDate\":\"" + AnnualReviewLifecycleTest.TODAY.plusDays(21) + "\",\"invitees\":"
                        + AnnualReviewLifecycleTest.INVITEES + "}")
                .put("/api/v1/reviews/" + review + "/meeting").then().statusCode(200);
        contributionRequest = ContributionsTest.ask("senco.harbour", review,
                "{\"contributor\":\"TEACHER\",\"teacher\":\"teacher.harbour\"}").getString("id");
        String agency = ContributionsTest.ask("senco.harbour", review,
                "{\"contributor\":\"AGENCY\",\"agency\":\"CAMHS\"}").getString("id");
        try {
            ContributionsTest.form().multiPart("advice", "Advice").multiPart("report", "report.pdf",
                    ContributionsTest.pdf(), "application/pdf")
                    .post("/contribute/" + links.mint(UUID.fromString(agency), UUID.randomUUID())).then().statusCode(303);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        contribution = ContributionsTest.contributions("senco.harbour", review)
                .getString("requests.find { it.id == '" + agency + "' }.contributions[0].id");
    }

    /**
     * The contract's sample bodies of these two are refused as bad input (400) before any record is looked at, so
     * they never reach the scope check: here, bodies the service accepts, with the record's current version.
     */
    @Test
    void outsidersSendingAValidChangeWithTheCurrentVersionStillFindNothing() {
        String today = AnnualReviewLifecycleTest.TODAY.toString();
        List<Change> changes = List.of(
                new Change("/api/v1/assessment-requests/" + request, "withdraw",
                        "{\"on\":\"" + today + "\",\"reason\":\"The parent withdrew the request\"}"),
                new Change("/api/v1/support-plans/" + plan, "reviews",
                        "{\"heldOn\":\"" + today + "\",\"scores\":[],\"nextStep\":\"CONTINUE\"}"));
        for (Change change : changes) {
            String version = etagOf(change.record());
            for (String outsider : List.of("senco.meadow", "senco.riverside")) {
                given().auth().oauth2(Tokens.of(outsider)).contentType(ContentType.JSON).header("If-Match", version)
                        .body(change.body()).post(change.record() + "/" + change.step()).then().statusCode(404);
            }
            assertEquals(version, etagOf(change.record()), change.record() + " changed");
        }
    }

    record Change(String record, String step, String body) {
    }

    /**
     * The LA's view of EHC plan reviews takes no id, so the contract passes it by: it is for LA officers only, and
     * every school role, Harbour's own included, is refused it outright, whichever school it asks for.
     */
    @Test
    void theLaViewOfReviewsRefusesEverySchoolRole() {
        for (String user : List.of("senco.meadow", "teacher.academy", "senco.riverside", "senco.harbour")) {
            for (String path : List.of("/api/v1/la/reviews", "/api/v1/la/reviews.csv")) {
                given().auth().oauth2(Tokens.of(user)).queryParam("school", "900101").get(path).then().statusCode(403);
            }
        }
    }

    private static String etagOf(String record) {
        return given().auth().oauth2(Tokens.of("senco.harbour")).get(record).then().statusCode(200).extract()
                .header("ETag");
    }

    @Override
    protected String harbourId(String pathTemplate, String parameter) {
        if (!pathTemplate.startsWith("/api/")) {
            return null;
        }
        if (pathTemplate.startsWith("/api/v1/reviews/")) {
            return review;
        }
        if (pathTemplate.startsWith("/api/v1/support-plans/")) {
            return plan;
        }
        if (pathTemplate.startsWith("/api/v1/assessment-requests/")) {
            return request;
        }
        if (pathTemplate.startsWith("/api/v1/pupils/") || pathTemplate.startsWith("/api/v1/outcomes/pupils/")) {
            return supportPupil;
        }
        if (pathTemplate.startsWith("/api/v1/contribution-requests/")) {
            return contributionRequest;
        }
        if (pathTemplate.startsWith("/api/v1/contributions/")) {
            return contribution;
        }
        if (pathTemplate.startsWith("/api/v1/outcomes/schools/")) {
            return "900101";
        }
        if (pathTemplate.startsWith("/api/v1/import-jobs/")) {
            // the platform's import jobs: this service runs no imports, so Harbour has no job to try
            return null;
        }
        if (pathTemplate.startsWith("/api/v1/calendar/")) {
            // the feed's secret token is a capability URL with no bearer identity: whoever holds it reads it, by design
            return null;
        }
        // a new operation that takes an id must be given a Harbour record here, not skipped unnoticed
        throw new IllegalStateException("no Harbour record for {" + parameter + "} of " + pathTemplate);
    }
}
