package uk.sen.workload.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.sen.workload.Fixtures.as;
import static uk.sen.workload.Fixtures.entry;
import static uk.sen.workload.Fixtures.today;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.sen.workload.Fixtures;

/** A SENCO's own time entries: versions, idempotent creates, every refusal changing nothing, and scope. */
@QuarkusTest
class TimeEntryResourceTest {

    static final String SENCO = "senco.harbour";
    static final String SCHOOL = "900101";

    static int countOn(LocalDate day) {
        return as(SENCO).queryParam("from", day.toString()).queryParam("to", day.toString())
                .get("/api/v1/time-entries").then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void createsReadsChangesAndDeletesWithVersions() {
        LocalDate day = today().minusDays(3);
        String pupil = Fixtures.registeredPupil(SCHOOL);
        String body = entry(SCHOOL, day, null, "09:00", "10:30", "ADMINISTRATION", "Paperwork for the plan")
                .replace("}", ",\"pupilId\":\"" + pupil + "\"}");
        String id = Fixtures.entryNamingPupil(SENCO, body);
        as(SENCO).get("/api/v1/time-entries/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("minutes", equalTo(90)).body("startTime", equalTo("09:00")).body("endTime", equalTo("10:30"))
                .body("source", equalTo("MANUAL")).body("pupilId", equalTo(pupil));

        as(SENCO).get("/api/v1/time-entries/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("note", equalTo("Paperwork for the plan")).body("category", equalTo("ADMINISTRATION"));

        String changed = entry(SCHOOL, day, 60, "09:00", "10:00", "EHCP_ANNUAL_REVIEWS", null);
        as(SENCO).body(changed).put("/api/v1/time-entries/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        as(SENCO).header("If-Match", "\"7\"").body(changed).put("/api/v1/time-entries/" + id).then().statusCode(412);
        as(SENCO).header("If-Match", "\"0\"").body(changed).put("/api/v1/time-entries/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("minutes", equalTo(60)).body("category", equalTo("EHCP_ANNUAL_REVIEWS"))
                .body("note", nullValue()).body("pupilId", nullValue());
        as(SENCO).header("If-Match", "\"0\"").body(changed).put("/api/v1/time-entries/" + id).then().statusCode(412);

        as(SENCO).queryParam("from", day.toString()).queryParam("to", day.toString()).get("/api/v1/time-entries")
                .then().statusCode(200).body("items.id", hasItem(id));

        as(SENCO).header("If-Match", "\"0\"").delete("/api/v1/time-entries/" + id).then().statusCode(412);
        as(SENCO).header("If-Match", "\"1\"").delete("/api/v1/time-entries/" + id).then().statusCode(204);
        as(SENCO).get("/api/v1/time-entries/" + id).then().statusCode(404);

        // the pupil reference made the entry's life part of the pupil's audit trail
        as("trust.admin").queryParam("subjectId", pupil).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItems("CREATE", "READ")).body("items.subjectType", hasItem("time-entry"));
        as("trust.admin").queryParam("subjectId", id).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItems("CREATE", "UPDATE", "DELETE"));
    }

    @Test
    void refusesBadInputWithProblemDetailsAndChangesNothing() {
        LocalDate day = today().minusDays(5);
        as(SENCO).body(entry(SCHOOL, day, -30, null, null, "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("minutes")).body("violations[0].reason", equalTo("must be more than 0"));
        as(SENCO).body(entry(SCHOOL, day, 45, "09:00", "10:00", "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(400).body("violations[0].field", equalTo("minutes"))
                .body("violations[0].reason", containsString("09:00 to 10:00 is 60 minutes"));
        as(SENCO).body(entry(SCHOOL, day, null, "11:00", "10:00", "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(400).body("violations[0].field", equalTo("endTime"));
        as(SENCO).body(entry(SCHOOL, day, null, "11:00", null, "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(400).body("violations[0].field", equalTo("endTime"));
        as(SENCO).body(entry(SCHOOL, today().plusDays(1), 30, null, null, "ADMINISTRATION", null))
                .post("/api/v1/time-entries").then().statusCode(400).body("violations[0].field", equalTo("date"))
                .body("violations[0].reason", containsString("must not be in the future"));
        as(SENCO).body(entry(SCHOOL, day, 30, null, null, "KNITTING", null)).post("/api/v1/time-entries")
                .then().statusCode(400).body("violations[0].field", equalTo("category"))
                .body("violations[0].reason", containsString("unknown category 'KNITTING'"));
        as(SENCO).body(entry(SCHOOL, day, 30, null, null, null, null)).post("/api/v1/time-entries")
                .then().statusCode(400).body("violations.field", hasItem("category"));
        as(SENCO).body(entry(SCHOOL, day, 30, "9 o'clock", null, "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(400).body("violations[0].field", equalTo("startTime"));
        // a school that is not one of theirs does not exist for them
        as(SENCO).body(entry("900102", day, 30, null, null, "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals(0, countOn(day));

        // two timed entries of one SENCO never overlap; touching is fine
        as(SENCO).body(entry(SCHOOL, day, null, "13:00", "14:00", "PARENT_MEETINGS", null)).post("/api/v1/time-entries")
                .then().statusCode(201);
        as(SENCO).body(entry(SCHOOL, day, null, "13:30", "14:30", "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("startTime"))
                .body("detail", containsString("overlaps your entry 13:00-14:00"));
        as(SENCO).body(entry(SCHOOL, day, null, "12:00", "15:00", "ADMINISTRATION", null)).post("/api/v1/time-entries")
                .then().statusCode(422);
        String touching = as(SENCO).body(entry(SCHOOL, day, null, "14:00", "15:00", "ADMINISTRATION", null))
                .post("/api/v1/time-entries").then().statusCode(201).extract().path("id");
        assertEquals(2, countOn(day));
        // moving an entry onto another is refused too, and leaves it where it was
        as(SENCO).header("If-Match", "\"0\"").body(entry(SCHOOL, day, null, "13:45", "14:45", "ADMINISTRATION", null))
                .put("/api/v1/time-entries/" + touching).then().statusCode(422);
        as(SENCO).get("/api/v1/time-entries/" + touching).then().body("startTime", equalTo("14:00"))
                .header("ETag", "\"0\"");
    }

    @Test
    void impossibleInputIsRefusedNamingTheFieldAndChangesNothing() {
        LocalDate day = today().minusDays(8);
        int before = countOn(day);
        String valid = entry(SCHOOL, day, 30, null, null, "ADMINISTRATION", "Paperwork");
        String[][] refused = {
            { valid.replace("Paperwork", "Paper\\u0000work"), "note", "400" },
            { entry(SCHOOL, LocalDate.of(1899, 12, 31), 30, null, null, "ADMINISTRATION", null), "date", "400" },
            { valid.replace("\"date\":\"" + day + "\"", "\"date\":\"-0001-06-01\""), "date", "400" },
            { valid.replace("\"date\":\"" + day + "\"", "\"date\":20000"), "date", "400" },
            { valid.replace("\"date\":\"" + day + "\"", "\"date\":\"+999999999-12-31\""), "date", "400" },
            { valid.replace("}", ",\"reviewId\":\"" + UUID.randomUUID() + "\"}"), "reviewId", "422" },
        };
        for (String[] r : refused) {
            as(SENCO).body(r[0]).post("/api/v1/time-entries").then().statusCode(Integer.parseInt(r[2]))
                    .contentType("application/problem+json").body("violations[0].field", equalTo(r[1]));
        }
        assertEquals(before, countOn(day));
    }

    @Test
    void anIdempotencyKeyMakesARetriedCreateCountOnce() {
        LocalDate day = today().minusDays(6);
        String key = UUID.randomUUID().toString();
        String body = entry(SCHOOL, day, 30, null, null, "STAFF_SUPPORT", "Coaching a TA");
        String first = as(SENCO).header("Idempotency-Key", key).body(body).post("/api/v1/time-entries").then()
                .statusCode(201).extract().path("id");
        as(SENCO).header("Idempotency-Key", key).body(body).post("/api/v1/time-entries").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        String otherMinutes = entry(SCHOOL, day, 45, null, null, "STAFF_SUPPORT", "Coaching a TA");
        as(SENCO).header("Idempotency-Key", key).body(otherMinutes).post("/api/v1/time-entries").then()
                .statusCode(422).contentType("application/problem+json");
        assertEquals(1, countOn(day));
    }

    @Test
    void anotherSencosEntriesDoNotExistForThem() {
        String id = as(SENCO).body(entry(SCHOOL, today().minusDays(7), 20, null, null, "TRANSITION", "private"))
                .post("/api/v1/time-entries").then().statusCode(201).extract().path("id");
        as("senco.meadow").get("/api/v1/time-entries/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        as("senco.meadow").header("If-Match", "\"0\"")
                .body(entry("900102", today().minusDays(7), 20, null, null, "TRANSITION", null))
                .put("/api/v1/time-entries/" + id).then().statusCode(404);
        as("senco.meadow").header("If-Match", "\"0\"").delete("/api/v1/time-entries/" + id).then().statusCode(404);
        as("senco.meadow").get("/api/v1/time-entries").then().statusCode(200).body("items.id", not(hasItem(id)));
        // leaders see aggregates only, never the entries
        as("slt.harbour").get("/api/v1/time-entries/" + id).then().statusCode(403);
        as("trust.admin").get("/api/v1/time-entries").then().statusCode(403);
        as("teacher.harbour").body(entry(SCHOOL, today(), 20, null, null, "TRANSITION", null))
                .post("/api/v1/time-entries").then().statusCode(403);
        as(SENCO).get("/api/v1/time-entries/" + id).then().statusCode(200);
    }

    @Test
    void listsTheActivityCategoriesWithTheirRollUps() {
        as("teacher.harbour").get("/api/v1/categories").then().statusCode(200)
                .body("size()", equalTo(13))
                .body("find { it.code == 'ADMINISTRATION' }.workType", equalTo("ADMINISTRATIVE"))
                .body("find { it.code == 'STRATEGIC_LEADERSHIP' }.standardsArea", equalTo("STRATEGIC_DIRECTION"))
                .body("find { it.code == 'STAFF_SUPPORT' }.standardsArea", equalTo("LEADING_AND_MANAGING_STAFF"))
                .body("find { it.code == 'PROVISION_MAPPING' }.standardsArea",
                        equalTo("DEPLOYMENT_OF_STAFF_AND_RESOURCES"))
                .body("find { it.code == 'NON_SEND_DUTIES' }.workType", equalTo("NON_SEND"))
                .body("[0].code", equalTo("ADMINISTRATION"));
    }

    static JsonPath week(String date) {
        return as(SENCO).queryParam("period", "week").queryParam("date", date).get("/api/v1/reports/sencos/me").then()
                .statusCode(200).extract().jsonPath();
    }

    static int category(JsonPath report, String code) {
        return report.getInt("byCategory.find { it.code == '" + code + "' }.minutes");
    }

    @Test
    void changesAndDeletionsShowInTheReportsAtOnce() {
        // whole weeks are reported from weekly totals kept in step with every change of an entry
        String first = Fixtures.log(SENCO, SCHOOL, LocalDate.parse("2023-10-10"), 60, "ADMINISTRATION");
        String second = Fixtures.log(SENCO, SCHOOL, LocalDate.parse("2023-10-11"), 30, "TRANSITION");
        assertEquals(90, week("2023-10-10").getInt("totalMinutes"));
        assertEquals(60, category(week("2023-10-10"), "ADMINISTRATION"));

        as(SENCO).header("If-Match", "\"0\"").body(entry(SCHOOL, LocalDate.parse("2023-10-10"), 45, null, null,
                "DATA_AND_CENSUS", null)).put("/api/v1/time-entries/" + first).then().statusCode(200);
        JsonPath changed = week("2023-10-10");
        assertEquals(75, changed.getInt("totalMinutes"));
        assertEquals(0, category(changed, "ADMINISTRATION"));
        assertEquals(45, category(changed, "DATA_AND_CENSUS"));

        as(SENCO).header("If-Match", "\"0\"").body(entry(SCHOOL, LocalDate.parse("2023-10-18"), 30, null, null,
                "TRANSITION", null)).put("/api/v1/time-entries/" + second).then().statusCode(200);
        assertEquals(45, week("2023-10-10").getInt("totalMinutes"));
        assertEquals(30, week("2023-10-18").getInt("totalMinutes"));

        as(SENCO).header("If-Match", "\"1\"").delete("/api/v1/time-entries/" + first).then().statusCode(204);
        assertEquals(0, week("2023-10-10").getInt("totalMinutes"));
        assertEquals(30, week("2023-10-18").getInt("totalMinutes"));
        // and the term, which starts on a Friday (1 September 2023), adds whole weeks and the part-week alike
        Fixtures.log(SENCO, SCHOOL, LocalDate.parse("2023-09-01"), 20, "TRANSITION");
        assertEquals(50, as(SENCO).queryParam("period", "term").queryParam("date", "2023-10-10")
                .get("/api/v1/reports/sencos/me").then().statusCode(200).extract().jsonPath().getInt("totalMinutes"));
    }

    @Test
    void aPupilNamedWithoutAReviewIsOneTheRegisterAnnouncedAtTheEntrysSchool() {
        LocalDate day = today().minusDays(4);
        String elsewhere = Fixtures.registeredPupil("900102");
        String here = Fixtures.registeredPupil(SCHOOL);
        // the pupil of this school is accepted once the register's event has arrived
        Fixtures.entryNamingPupil(SENCO, entry(SCHOOL, day, 20, null, null, "PARENT_MEETINGS", null)
                .replace("}", ",\"pupilId\":\"" + here + "\"}"));
        // a pupil of another school, or one no register event named, is refused and nothing is logged
        int before = countOn(day);
        as(SENCO).body(entry(SCHOOL, day, 20, null, null, "PARENT_MEETINGS", null)
                .replace("}", ",\"pupilId\":\"" + elsewhere + "\"}")).post("/api/v1/time-entries").then()
                .statusCode(422).contentType("application/problem+json").body("violations[0].field", equalTo("pupilId"));
        as(SENCO).body(entry(SCHOOL, day, 20, null, null, "PARENT_MEETINGS", null)
                .replace("}", ",\"pupilId\":\"" + UUID.randomUUID() + "\"}")).post("/api/v1/time-entries").then()
                .statusCode(422);
        assertEquals(before, countOn(day));
    }
}
