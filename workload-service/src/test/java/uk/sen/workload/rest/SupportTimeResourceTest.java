package uk.sen.workload.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.sen.workload.Fixtures.as;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.workload.Fixtures;

/**
 * An SEN administrator's time given to a SENCO: their own entries, for a SENCO holding a post at the school that
 * day, shown in the reports beside the SENCO's own time and never inside it.
 */
@QuarkusTest
class SupportTimeResourceTest {

    static final String HARBOUR = "900101";
    /** A week no other test logs time in: the reports' figures before and after differ by this test's entries. */
    static final LocalDate DAY = LocalDate.parse("2021-03-03");

    static String body(String school, String senco, LocalDate date, int minutes, String category) {
        return "{\"schoolUrn\":\"" + school + "\"," + (senco == null ? "" : "\"senco\":\"" + senco + "\",")
                + "\"date\":\"" + date + "\",\"minutes\":" + minutes + ",\"category\":\"" + category
                + "\",\"note\":\"Annual review paperwork\"}";
    }

    static JsonPath weekReport(String user, String path) {
        return as(user).queryParam("period", "week").queryParam("date", DAY.toString())
                .get("/api/v1/reports/" + path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anAdministratorsTimeIsShownAsSupportTheSencoReceivedNotAsTheirOwnTime() {
        Fixtures.holdsPost(HARBOUR, "senco.harbour");
        JsonPath schoolBefore = weekReport("slt.harbour", "schools/" + HARBOUR);
        JsonPath trustBefore = weekReport("trust.admin", "trust");
        JsonPath sencoBefore = weekReport("senco.harbour", "sencos/me");

        // named, and (the only SENCO holding a post at Harbour that day) not named
        String first = as("admin.harbour").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body(HARBOUR, "senco.harbour", DAY, 90, "ADMINISTRATION")).post("/api/v1/support-time")
                .then().statusCode(201).header("ETag", "\"0\"").body("givenBy", equalTo("admin.harbour"))
                .body("senco", equalTo("senco.harbour")).body("hours", equalTo(1.5f)).extract().path("id");
        as("admin.harbour").body(body(HARBOUR, null, DAY.plusDays(1), 30, "DATA_AND_CENSUS"))
                .post("/api/v1/support-time").then().statusCode(201).body("senco", equalTo("senco.harbour"));

        JsonPath school = weekReport("slt.harbour", "schools/" + HARBOUR);
        assertEquals(2.0f, school.getFloat("supportHours") - schoolBefore.getFloat("supportHours"), 0.001);
        assertEquals(2.0f, supportOfHarbourOrZero(school) - supportOfHarbourOrZero(schoolBefore), 0.001);
        // the SENCO's own time is what it was: the administrator's time is not theirs
        assertEquals(schoolBefore.getLong("totalMinutes"), school.getLong("totalMinutes"));
        assertEquals(sencoBefore.getLong("totalMinutes"), weekReport("senco.harbour", "sencos/me").getLong("totalMinutes"));
        assertEquals(2.0f, weekReport("senco.harbour", "sencos/me").getFloat("supportHours")
                - sencoBefore.getFloat("supportHours"), 0.001);
        JsonPath trust = weekReport("trust.admin", "trust");
        assertEquals(2.0f, schoolSupportOrZero(trust) - schoolSupportOrZero(trustBefore), 0.001);
        assertEquals(2.0f, trust.getFloat("supportHours") - trustBefore.getFloat("supportHours"), 0.001);

        // who sees it: the administrator, the SENCO supported, SLT of the school, the trust; not another school
        as("admin.harbour").get("/api/v1/support-time/" + first).then().statusCode(200).header("ETag", "\"0\"");
        as("senco.harbour").get("/api/v1/support-time/" + first).then().statusCode(200);
        as("slt.harbour").get("/api/v1/support-time/" + first).then().statusCode(200);
        as("trust.admin").get("/api/v1/support-time/" + first).then().statusCode(200);
        as("admin.meadow").get("/api/v1/support-time/" + first).then().statusCode(404);
        as("slt.academy").get("/api/v1/support-time/" + first).then().statusCode(404);
        as("senco.meadow").get("/api/v1/support-time").then().statusCode(200).body("items.id", not(hasItem(first)));
        as("senco.harbour").queryParam("from", DAY.toString()).queryParam("to", DAY.toString())
                .get("/api/v1/support-time").then().statusCode(200).body("items.id", hasItem(first))
                .body("items.senco", everyItem(equalTo("senco.harbour")));
        as("teacher.harbour").get("/api/v1/support-time").then().statusCode(403);

        // only the administrator changes it, with the ETag read
        as("admin.harbour").header("If-Match", "\"0\"").body(body(HARBOUR, "senco.harbour", DAY, 120, "ADMINISTRATION"))
                .put("/api/v1/support-time/" + first).then().statusCode(200).header("ETag", "\"1\"")
                .body("minutes", equalTo(120));
        as("admin.harbour").header("If-Match", "\"0\"").body(body(HARBOUR, "senco.harbour", DAY, 60, "ADMINISTRATION"))
                .put("/api/v1/support-time/" + first).then().statusCode(412);
        as("senco.harbour").header("If-Match", "\"1\"").body(body(HARBOUR, "senco.harbour", DAY, 60, "ADMINISTRATION"))
                .put("/api/v1/support-time/" + first).then().statusCode(403);
        assertEquals(2.5f, weekReport("slt.harbour", "schools/" + HARBOUR).getFloat("supportHours")
                - schoolBefore.getFloat("supportHours"), 0.001);
        as("admin.harbour").header("If-Match", "\"1\"").delete("/api/v1/support-time/" + first).then().statusCode(204);
        as("admin.harbour").get("/api/v1/support-time/" + first).then().statusCode(404);
        assertEquals(0.5f, weekReport("slt.harbour", "schools/" + HARBOUR).getFloat("supportHours")
                - schoolBefore.getFloat("supportHours"), 0.001);
    }

    @Test
    void supportIsForASencoOfTheSchoolThatDayAndBadInputChangesNothing() {
        Fixtures.holdsPost(HARBOUR, "senco.harbour");
        // several SENCOs held a post at Harbour that day: the one supported must be named
        LocalDate shared = LocalDate.parse("2021-03-10");
        as("trust.admin").body("{\"schoolUrn\":\"900101\",\"senco\":\"senco.co-" + UUID.randomUUID().toString()
                .substring(0, 8) + "\",\"appointedOn\":\"" + shared + "\",\"endedOn\":\"" + shared
                + "\",\"onSlt\":false,\"qualification\":\"NOT_STARTED\"}").post("/api/v1/senco-posts").then()
                .statusCode(201);
        as("admin.harbour").body(body(HARBOUR, null, shared, 30, "ADMINISTRATION")).post("/api/v1/support-time")
                .then().statusCode(422).body("violations[0].field", equalTo("senco"));
        // someone who held no post at the school that day
        as("admin.harbour").body(body(HARBOUR, "senco.meadow", DAY, 30, "ADMINISTRATION")).post("/api/v1/support-time")
                .then().statusCode(422).contentType("application/problem+json");
        // another school, the SENCO themself, a day to come, a category that does not exist, no minutes
        as("admin.harbour").body(body("900102", null, DAY, 30, "ADMINISTRATION")).post("/api/v1/support-time").then()
                .statusCode(404);
        as("senco.harbour").body(body(HARBOUR, null, DAY, 30, "ADMINISTRATION")).post("/api/v1/support-time").then()
                .statusCode(403);
        as("admin.harbour").body(body(HARBOUR, "senco.harbour", Fixtures.today().plusDays(2), 30, "ADMINISTRATION"))
                .post("/api/v1/support-time").then().statusCode(400).body("violations[0].field", equalTo("date"));
        as("admin.harbour").body(body(HARBOUR, "senco.harbour", DAY, 30, "KNITTING")).post("/api/v1/support-time")
                .then().statusCode(400).body("violations[0].field", equalTo("category"));
        as("admin.harbour").body(body(HARBOUR, "senco.harbour", DAY, 0, "ADMINISTRATION")).post("/api/v1/support-time")
                .then().statusCode(400).contentType("application/problem+json");
        as("admin.harbour").queryParam("from", shared.toString()).queryParam("to", shared.toString())
                .get("/api/v1/support-time").then().statusCode(200).body("totalItems", equalTo(0));
    }

    private static float supportOfHarbourOrZero(JsonPath report) {
        Object value = report.get("sencos.find { it.senco == 'senco.harbour' && it.schoolUrn == '900101' }.supportHours");
        return value == null ? 0f : ((Number) value).floatValue();
    }

    private static float schoolSupportOrZero(JsonPath report) {
        Object value = report.get("schools.find { it.schoolUrn == '900101' }.supportHours");
        return value == null ? 0f : ((Number) value).floatValue();
    }
}
