package uk.sen.platform.jobs;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.Tokens;

/**
 * Imports as jobs: 202 with the job's location at once, progress while it runs, the synchronous form's report at the
 * end, as the caller; a failure and a job whose process ended are FAILED with what to do; other trusts and schools
 * never see it.
 */
@QuarkusTest
class ImportJobsTest {

    @Inject
    ImportJobs jobs;

    @Inject
    DataSource database;

    private static JsonPath job(String location, String user) {
        return given().auth().oauth2(Tokens.of(user)).get(location).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAsyncImportReportsProgressThenTheSynchronousReport() {
        CountingImportResource.gate = new CountDownLatch(1);
        try {
            var accepted = given().auth().oauth2(Tokens.of("senco.harbour")).header("Prefer", "respond-async")
                    .queryParam("rows", 1000).post("/test/imports").then().statusCode(202)
                    .header("Preference-Applied", "respond-async").body("status", equalTo("RUNNING")).extract();
            String location = accepted.header("Location");
            assertTrue(location.contains("/api/v1/import-jobs/"), location);
            // held half-way: the counts so far are there while it runs
            await().atMost(Duration.ofSeconds(10)).until(() -> job(location, "senco.harbour").getLong("rowsRead") >= 1);
            JsonPath running = job(location, "senco.harbour");
            assertEquals("RUNNING", running.getString("status"));
            assertTrue(running.getLong("rowsRead") <= 500, "read past the gate: " + running.getLong("rowsRead"));
            // a school role of another school, and another trust, do not see it
            given().auth().oauth2(Tokens.of("senco.meadow")).get(location).then().statusCode(404);
            given().auth().oauth2(Tokens.of("senco.riverside")).get(location).then().statusCode(404);
            given().auth().oauth2(Tokens.of("trust.admin")).get(location).then().statusCode(200);
        } finally {
            CountingImportResource.gate.countDown();
        }
        JsonPath synchronous = given().auth().oauth2(Tokens.of("senco.harbour")).queryParam("rows", 1000)
                .post("/test/imports").then().statusCode(200).extract().jsonPath();
        String location = given().auth().oauth2(Tokens.of("senco.harbour")).header("Prefer", "respond-async")
                .queryParam("rows", 1000).post("/test/imports").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(10)).until(() -> !"RUNNING".equals(job(location, "senco.harbour")
                .getString("status")));
        JsonPath done = job(location, "senco.harbour");
        assertEquals("SUCCEEDED", done.getString("status"), done.prettify());
        assertEquals(1000, done.getLong("rowsRead"));
        assertEquals(500, done.getLong("applied"));
        assertEquals(500, done.getLong("unchanged"));
        assertEquals(synchronous.getMap(""), done.getMap("report"), "not the synchronous form's report");
        assertEquals("senco.harbour", done.getString("report.by"), "the worker did not run as the caller");
    }

    @Test
    void aRefusedImportIsAFailedJobThatSaysWhy() {
        String location = given().auth().oauth2(Tokens.of("senco.harbour")).header("Prefer", "respond-async")
                .queryParam("rows", 10).queryParam("fail", true).post("/test/imports").then().statusCode(202)
                .extract().header("Location");
        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(job(location, "senco.harbour")
                .getString("status")));
        given().auth().oauth2(Tokens.of("senco.harbour")).get(location).then().body("problem",
                containsString("line 7")).body("rowsRead", equalTo(10));
    }

    @Test
    void aJobWhoseProcessEndedIsFailedWithItsCountsAndItsUnknownIdIs404() throws Exception {
        UUID orphan = UUID.randomUUID();
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement("""
                INSERT INTO import_job (id, kind, trust_id, school_urn, created_by, status, rows_read, applied,
                    created_at, updated_at)
                VALUES (?, 'counting', 'northbridge', '900101', 'senco.harbour', 'RUNNING', 300, 120,
                    now() - interval '10 minutes', now() - interval '10 minutes')""")) {
            st.setObject(1, orphan);
            st.executeUpdate();
        }
        jobs.failStale();
        JsonPath failed = job("/api/v1/import-jobs/" + orphan, "senco.harbour");
        assertEquals("FAILED", failed.getString("status"));
        assertEquals(300, failed.getLong("rowsRead"));
        assertTrue(failed.getString("problem").contains("send the same file again"), failed.getString("problem"));
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/import-jobs/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
    }
}
