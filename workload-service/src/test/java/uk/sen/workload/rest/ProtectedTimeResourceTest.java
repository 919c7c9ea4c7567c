package uk.sen.workload.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static uk.sen.workload.Fixtures.as;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.workload.Fixtures;

/** Protected time set by SLT (own schools) or trust admins, with its history kept. */
@QuarkusTest
class ProtectedTimeResourceTest {

    /**
     * This test's allocations of senco.harbour at Harbour: other tests give them allocations of their own, long
     * before these (the OpenAPI fuzz test's plausible request sets one from 2022-03-10).
     */
    static final String OURS = "findAll { it.effectiveFrom >= '2025-09-01' }";

    static String body(String school, String senco, String hours, String from, String to) {
        return "{\"schoolUrn\":\"" + school + "\",\"senco\":\"" + senco + "\",\"hoursPerWeek\":" + hours
                + ",\"effectiveFrom\":\"" + from + "\"" + (to == null ? "" : ",\"effectiveTo\":\"" + to + "\"")
                + ",\"reason\":\"Governors agreed\"}";
    }

    @Test
    void anAllocationEndsTheOneItReplacesAndATemporaryOneLetsItResume() {
        Fixtures.holdsPost("900101", "senco.harbour");
        String first = as("slt.harbour").body(body("900101", "senco.harbour", "3", "2025-09-01", "2026-07-31"))
                .post("/api/v1/allocations").then().statusCode(201).header("ETag", "\"0\"")
                .body("hoursPerWeek", equalTo(3.0f)).body("setBy", equalTo("slt.harbour")).extract().path("id");
        // extra time for the spring term only
        as("slt.harbour").body(body("900101", "senco.harbour", "4.5", "2026-01-05", "2026-03-31"))
                .post("/api/v1/allocations").then().statusCode(201).body("hoursPerWeek", equalTo(4.5f));

        as("slt.harbour").queryParam("senco", "senco.harbour").queryParam("school", "900101")
                .get("/api/v1/allocations").then().statusCode(200)
                .body(OURS + ".effectiveFrom", contains("2026-04-01", "2026-01-05", "2025-09-01"))
                .body(OURS + ".effectiveTo", contains("2026-07-31", "2026-03-31", "2026-01-04"))
                .body(OURS + ".hoursPerWeek", contains(3.0f, 4.5f, 3.0f))
                .body("find { it.id == '" + first + "' }.endedBy", equalTo("slt.harbour"))
                .body("find { it.effectiveFrom == '2026-04-01' }.reason", equalTo("resumes after a temporary allocation"));
        as("slt.harbour").get("/api/v1/allocations/" + first).then().statusCode(200)
                .body("effectiveTo", equalTo("2026-01-04")).header("ETag", "\"1\"");

        // a new allocation may not start inside history that comes after it
        as("slt.harbour").body(body("900101", "senco.harbour", "5", "2025-10-01", null)).post("/api/v1/allocations")
                .then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("effectiveFrom"));
        as("slt.harbour").queryParam("senco", "senco.harbour").queryParam("school", "900101")
                .get("/api/v1/allocations").then().body(OURS + ".size()", equalTo(3));

        // the SENCO reads their own, another SENCO none of it
        as("senco.harbour").get("/api/v1/allocations").then().statusCode(200)
                .body("senco", everyItem(equalTo("senco.harbour"))).body("id", hasItem(first));
        as("senco.meadow").get("/api/v1/allocations/" + first).then().statusCode(404);
        as("senco.meadow").get("/api/v1/allocations").then().statusCode(200).body("id", not(hasItem(first)));
    }

    @Test
    void sltAllocateOnlyToTheSencosOfTheirSchools() {
        String someone = "staff." + UUID.randomUUID().toString().substring(0, 8);
        // no post at the school: 422, nothing allocated
        as("slt.harbour").body(body("900101", someone, "3", "2025-09-01", null)).post("/api/v1/allocations").then()
                .statusCode(422).contentType("application/problem+json").body("violations[0].field", equalTo("senco"));
        // a post that ended before the allocation starts is no post in that time either
        as("trust.admin").body("{\"schoolUrn\":\"900101\",\"senco\":\"" + someone + "\",\"appointedOn\":\"2023-09-01\","
                + "\"endedOn\":\"2024-08-31\",\"onSlt\":false,\"qualification\":\"NOT_STARTED\"}")
                .post("/api/v1/senco-posts").then().statusCode(201);
        as("slt.harbour").body(body("900101", someone, "3", "2025-09-01", null)).post("/api/v1/allocations").then()
                .statusCode(422);
        as("trust.admin").queryParam("senco", someone).get("/api/v1/allocations").then().statusCode(200)
                .body("size()", equalTo(0));
        // within the post's time, SLT may; the trust admin answers for any school of the trust
        as("slt.harbour").body(body("900101", someone, "3", "2023-09-01", "2024-08-31")).post("/api/v1/allocations")
                .then().statusCode(201);
        as("trust.admin").body(body("900101", "staff." + UUID.randomUUID().toString().substring(0, 8), "1", "2023-09-01", "2023-09-30"))
                .post("/api/v1/allocations").then().statusCode(201);
    }

    @Test
    void onlyLeadersOfTheSchoolSetAllocationsAndBadInputIsRefused() {
        as("slt.harbour").body(body("900102", "senco.meadow", "3", "2025-09-01", "2025-12-31"))
                .post("/api/v1/allocations").then().statusCode(404).contentType("application/problem+json");
        as("senco.harbour").body(body("900101", "senco.harbour", "30", "2025-09-01", "2025-12-31"))
                .post("/api/v1/allocations").then().statusCode(403);
        as("teacher.harbour").body(body("900101", "senco.harbour", "3", "2025-09-01", "2025-12-31"))
                .post("/api/v1/allocations").then().statusCode(403);
        as("teacher.harbour").get("/api/v1/allocations").then().statusCode(403);

        as("trust.admin").body(body("900102", "senco.meadow", "61", "2025-09-01", null)).post("/api/v1/allocations")
                .then().statusCode(400).body("violations[0].field", equalTo("hoursPerWeek"));
        as("trust.admin").body(body("900102", "senco.meadow", "2.25", "2025-09-01", null)).post("/api/v1/allocations")
                .then().statusCode(400).body("violations[0].reason", equalTo("may have at most one decimal place"));
        as("trust.admin").body(body("900102", "senco.meadow", "2", "2025-09-01", "2025-08-01"))
                .post("/api/v1/allocations").then().statusCode(400).body("violations[0].field", equalTo("effectiveTo"));
        as("trust.admin").body(body("12", "x", "2", "2025-09-01", null)).post("/api/v1/allocations").then()
                .statusCode(400).body("violations.field", contains("schoolUrn", "senco"));
        as("trust.admin").body("{\"schoolUrn\":\"900102\",\"senco\":\"senco.meadow\",\"hoursPerWeek\":\"lots\","
                + "\"effectiveFrom\":\"2025-09-01\"}").post("/api/v1/allocations").then().statusCode(400)
                .body("violations[0].field", equalTo("hoursPerWeek"));
        as("trust.admin").queryParam("senco", "senco.meadow").queryParam("school", "900102")
                .get("/api/v1/allocations").then().statusCode(200)
                .body("effectiveFrom", not(hasItem("2025-09-01")));

        // a trust admin may set any school's; a retry with the same key sets it once
        String key = UUID.randomUUID().toString();
        String set = body("900102", "senco.meadow", "2.5", "2025-09-01", "2025-12-31");
        String id = as("trust.admin").header("Idempotency-Key", key).body(set).post("/api/v1/allocations").then()
                .statusCode(201).extract().path("id");
        as("trust.admin").header("Idempotency-Key", key).body(set).post("/api/v1/allocations").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        as("trust.admin").queryParam("senco", "senco.meadow").queryParam("school", "900102")
                .get("/api/v1/allocations").then().body("findAll { it.effectiveFrom == '2025-09-01' }.size()",
                        equalTo(1));
        as("slt.harbour").queryParam("school", "900102").get("/api/v1/allocations").then().statusCode(200)
                .body("size()", equalTo(0));
    }
}
