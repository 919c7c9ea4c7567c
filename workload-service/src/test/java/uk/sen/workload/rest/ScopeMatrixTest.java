package uk.sen.workload.rest;

import static org.awaitility.Awaitility.await;
import static uk.sen.workload.Fixtures.as;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import uk.sen.platform.testing.ScopeMatrixContract;
import uk.sen.platform.testing.TestDates;
import uk.sen.workload.Fixtures;
import uk.sen.workload.Fixtures.ReviewData;

/**
 * Every operation on a SENCO's time entries, allocations, suggestions, forecast and reports, tried on Harbour's
 * records by callers outside Harbour ({@link ScopeMatrixContract}).
 */
@QuarkusTest
class ScopeMatrixTest extends ScopeMatrixContract {

    static final String SENCO = "senco.harbour";
    static final String HARBOUR = "900101";
    /**
     * A week of its own, long past, for the entry and the allocation: the other tests' reports, forecasts and
     * allocation histories never reach it.
     */
    static final LocalDate WEEK = LocalDate.parse("2022-02-28");

    static String entry;
    static String allocation;
    static String post;
    static String support;
    /** Left pending, so that confirming or dismissing it would be allowed to Harbour's own SENCO. */
    static String suggestion;

    @BeforeEach
    void harbourRecords() {
        if (suggestion != null) {
            return;
        }
        ReviewData held = new ReviewData(HARBOUR, TestDates.today().plusMonths(1));
        held.status = "HELD";
        held.heldOn = TestDates.today().minusDays(2);
        held.meetingDate = held.heldOn;
        held.durationMinutes = 60;
        Fixtures.reviewEvent("uk.sen.review.meeting-held", held);
        entry = Fixtures.log(SENCO, HARBOUR, WEEK.plusDays(2), 45, "ADMINISTRATION");
        allocation = Fixtures.allocate("slt.harbour", HARBOUR, SENCO, "3", WEEK, WEEK.plusDays(6));
        post = Fixtures.as("slt.harbour").body("{\"schoolUrn\":\"" + HARBOUR + "\",\"senco\":\"senco.scope-"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"appointedOn\":\"" + WEEK
                + "\",\"onSlt\":false,\"qualification\":\"NOT_STARTED\"}").post("/api/v1/senco-posts").then()
                .statusCode(201).extract().path("id");
        Fixtures.holdsPost(HARBOUR, SENCO);
        support = Fixtures.as("admin.harbour").body("{\"schoolUrn\":\"" + HARBOUR + "\",\"senco\":\"" + SENCO
                + "\",\"date\":\"" + WEEK.plusDays(1) + "\",\"minutes\":30,\"category\":\"ADMINISTRATION\"}")
                .post("/api/v1/support-time").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingSuggestionOf(held.reviewId) != null);
        suggestion = pendingSuggestionOf(held.reviewId);
    }

    /**
     * RestAssured gives a POST without a body a content type of its own (not JSON), which the resources' JSON-only
     * {@code @Consumes} refuse with 415 before any record is looked at (POST /suggestions/{id}/dismiss): a JSON
     * client sends JSON, so that its request reaches the scope check this test is about.
     */
    @BeforeEach
    void jsonByDefault() {
        RestAssured.requestSpecification = new RequestSpecBuilder().setContentType(ContentType.JSON).build();
    }

    @AfterEach
    void noDefaultContentType() {
        RestAssured.requestSpecification = null;
    }

    private static String pendingSuggestionOf(String reviewId) {
        List<Map<String, Object>> items = as(SENCO).queryParam("status", "PENDING").queryParam("school", HARBOUR)
                .queryParam("size", 200).get("/api/v1/suggestions").then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(s -> reviewId.equals(s.get("reviewId"))).map(s -> (String) s.get("id"))
                .findFirst().orElse(null);
    }

    @Override
    protected String harbourId(String pathTemplate, String parameter) {
        if (!pathTemplate.startsWith("/api/")) {
            return null;
        }
        if (pathTemplate.startsWith("/api/v1/import-jobs/")) {
            return null; // the platform's import jobs: this service runs no imports, so there is none to try
        }
        if (pathTemplate.startsWith("/api/v1/time-entries/")) {
            return entry;
        }
        if (pathTemplate.startsWith("/api/v1/allocations/")) {
            return allocation;
        }
        if (pathTemplate.startsWith("/api/v1/support-time/")) {
            return support;
        }
        if (pathTemplate.startsWith("/api/v1/senco-posts/")) {
            return post;
        }
        if (pathTemplate.startsWith("/api/v1/suggestions/")) {
            return suggestion;
        }
        if (pathTemplate.startsWith("/api/v1/forecast/") || pathTemplate.startsWith("/api/v1/reports/")) {
            return switch (parameter) {
                case "urn" -> HARBOUR;
                case "senco" -> SENCO;
                default -> unmapped(pathTemplate, parameter);
            };
        }
        return unmapped(pathTemplate, parameter);
    }

    // a new operation that takes an id must be given a Harbour record here, not skipped unnoticed
    private static String unmapped(String pathTemplate, String parameter) {
        throw new IllegalStateException("no Harbour record for {" + parameter + "} of " + pathTemplate);
    }
}
