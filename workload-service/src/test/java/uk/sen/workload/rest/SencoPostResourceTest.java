package uk.sen.workload.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.sen.workload.Fixtures.WORKLOAD_TOPIC;
import static uk.sen.workload.Fixtures.allocate;
import static uk.sen.workload.Fixtures.as;
import static uk.sen.workload.Fixtures.today;

import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.workload.Fixtures;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TopicReader;
import uk.sen.workload.service.QualificationWatch;

/**
 * The SENCO role per school: posts recorded by SLT and trust admins, the qualification's three-year limit and its
 * alerts (once per stage), and the trust's view of the role beside the workload reports.
 */
@QuarkusTest
class SencoPostResourceTest {

    static final String HARBOUR = "900101";
    static final String MEADOW = "900102";

    @Inject
    QualificationWatch watch;

    static String body(String school, String senco, LocalDate appointed, LocalDate ended, boolean onSlt,
            String qualification, LocalDate expected, LocalDate achieved) {
        return "{" + (school == null ? "" : "\"schoolUrn\":\"" + school + "\",")
                + (senco == null ? "" : "\"senco\":\"" + senco + "\",") + "\"appointedOn\":\"" + appointed + "\","
                + "\"endedOn\":" + quoted(ended) + ",\"onSlt\":" + onSlt + ",\"qualification\":\"" + qualification
                + "\",\"qualificationExpectedOn\":" + quoted(expected) + ",\"qualificationAchievedOn\":"
                + quoted(achieved) + "}";
    }

    static String quoted(LocalDate d) {
        return d == null ? "null" : "\"" + d + "\"";
    }

    static String someSenco() {
        return "senco." + UUID.randomUUID().toString().substring(0, 8);
    }

    static boolean alertOf(ConsumerRecord<String, String> r, String senco) {
        return "uk.sen.workload.senco-qualification-due".equals(TopicReader.header(r, "ce_type"))
                && senco.equals(r.key());
    }

    @Test
    void leadersRecordAPostAndChangeItWithItsEtagAndTheSencoReadsTheirOwn() {
        // senco.harbour's post at Harbour (the one the other tests' allocations rely on, since 2000)
        String id = Fixtures.holdsPost(HARBOUR, "senco.harbour");
        LocalDate appointed = LocalDate.parse("2000-01-01");
        String etag = as("slt.harbour").get("/api/v1/senco-posts/" + id).then().statusCode(200)
                .body("qualificationDeadline", nullValue()).extract().header("ETag");
        long version = Long.parseLong(etag.replace("\"", ""));

        // a new post, with an Idempotency-Key: a retry records nothing twice
        String newcomer = someSenco();
        LocalDate started = today().minusYears(1);
        String key = UUID.randomUUID().toString();
        String input = body(HARBOUR, newcomer, started, null, false, "IN_PROGRESS", today().plusMonths(6), null);
        String created = as("slt.harbour").header("Idempotency-Key", key).body(input).post("/api/v1/senco-posts").then()
                .statusCode(201).header("ETag", "\"0\"").body("setBy", equalTo("slt.harbour"))
                .body("qualificationDeadline", equalTo(started.plusYears(3).toString())).extract().path("id");
        as("slt.harbour").header("Idempotency-Key", key).body(input).post("/api/v1/senco-posts").then()
                .statusCode(201).body("id", equalTo(created));
        assertEquals(1, as("slt.harbour").queryParam("school", HARBOUR).get("/api/v1/senco-posts").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.senco == '" + newcomer + "' }").size());

        // the SENCO reads their own; another school's SENCO and a teacher do not
        as("senco.harbour").get("/api/v1/senco-posts").then().statusCode(200)
                .body("senco", everyItem(equalTo("senco.harbour"))).body("id", hasItem(id));
        as("senco.harbour").get("/api/v1/senco-posts/" + id).then().statusCode(200).header("ETag", "\"0\"");
        as("admin.harbour").get("/api/v1/senco-posts/" + id).then().statusCode(200);
        as("senco.meadow").get("/api/v1/senco-posts/" + id).then().statusCode(404);
        as("slt.academy").get("/api/v1/senco-posts").then().statusCode(200).body("id", not(hasItem(id)));
        as("teacher.harbour").get("/api/v1/senco-posts").then().statusCode(403);

        // a second post of the same SENCO at the same school in the same time
        as("trust.admin").body(body(HARBOUR, "senco.harbour", today(), null, true, "NOT_STARTED", null, null))
                .post("/api/v1/senco-posts").then().statusCode(409).contentType("application/problem+json")
                .body("violations[0].field", equalTo("appointedOn"));

        // a seat on SLT, the NPQ achieved: with the ETag read, once
        String achieved = body(null, null, appointed, null, true, "NPQ_ACHIEVED", null, today().minusDays(3));
        String now = "\"" + (version + 1) + "\"";
        as("slt.harbour").header("If-Match", etag).body(achieved).put("/api/v1/senco-posts/" + id).then()
                .statusCode(200).header("ETag", now).body("onSlt", equalTo(true))
                .body("qualificationDeadline", nullValue()).body("qualificationAchievedOn", equalTo(today().minusDays(3).toString()));
        as("slt.harbour").header("If-Match", etag).body(achieved).put("/api/v1/senco-posts/" + id).then()
                .statusCode(412);
        as("senco.harbour").header("If-Match", now).body(achieved).put("/api/v1/senco-posts/" + id).then()
                .statusCode(403);
        as("slt.academy").header("If-Match", now).body(achieved).put("/api/v1/senco-posts/" + id).then()
                .statusCode(404);
        // the SENCO of a post is fixed
        as("slt.harbour").header("If-Match", now)
                .body(body(HARBOUR, "senco.someone", appointed, null, true, "NPQ_ACHIEVED", null, null))
                .put("/api/v1/senco-posts/" + id).then().statusCode(400).body("violations[0].field", equalTo("senco"));
        as("senco.harbour").get("/api/v1/senco-posts/" + id).then().header("ETag", now)
                .body("qualification", equalTo("NPQ_ACHIEVED")).body("onSlt", equalTo(true));
    }

    @Test
    void badInputIsRefusedAndNothingIsRecorded() {
        String senco = someSenco();
        as("slt.harbour").body(body(MEADOW, senco, today(), null, false, "NOT_STARTED", null, null))
                .post("/api/v1/senco-posts").then().statusCode(404);
        as("senco.harbour").body(body(HARBOUR, senco, today(), null, false, "NOT_STARTED", null, null))
                .post("/api/v1/senco-posts").then().statusCode(403);
        as("slt.harbour").body(body(HARBOUR, senco, today(), today().minusDays(1), false, "NOT_STARTED", null, null))
                .post("/api/v1/senco-posts").then().statusCode(400).body("violations[0].field", equalTo("endedOn"));
        as("slt.harbour").body(body(HARBOUR, senco, today(), null, false, "NOT_STARTED", today(), null))
                .post("/api/v1/senco-posts").then().statusCode(400)
                .body("violations[0].field", equalTo("qualificationExpectedOn"));
        as("slt.harbour").body(body(HARBOUR, senco, today(), null, false, "NPQ_ACHIEVED", null, today().plusDays(1)))
                .post("/api/v1/senco-posts").then().statusCode(400)
                .body("violations[0].field", equalTo("qualificationAchievedOn"));
        as("slt.harbour").body(body(HARBOUR, senco, today(), null, false, "PHD", null, null))
                .post("/api/v1/senco-posts").then().statusCode(400).contentType("application/problem+json");
        as("slt.harbour").body("{\"schoolUrn\":\"" + HARBOUR + "\",\"senco\":\"" + senco + "\"}")
                .post("/api/v1/senco-posts").then().statusCode(400).contentType("application/problem+json");
        as("trust.admin").queryParam("all", true).get("/api/v1/senco-posts").then().statusCode(200)
                .body("senco", not(hasItem(senco)));
    }

    @Test
    void theQualificationAlertIsRaisedOncePerStage() {
        String near = someSenco();
        String exempt = someSenco();
        // three months to the limit: within the six months' warning at once
        LocalDate appointed = today().minusYears(3).plusMonths(3);
        try (TopicReader out = TopicReader.fromNow(WORKLOAD_TOPIC)) {
            as("trust.admin").body(body(MEADOW, exempt, appointed, null, true, "NASENCO", null, null))
                    .post("/api/v1/senco-posts").then().statusCode(201);
            String id = as("trust.admin").body(body(MEADOW, near, appointed, null, false, "NOT_STARTED", null, null))
                    .post("/api/v1/senco-posts").then().statusCode(201).extract().path("id");

            ConsumerRecord<String, String> alert = out.await(r -> alertOf(r, near), Duration.ofSeconds(20));
            EventSchemas.assertValid("workload", "senco-qualification-due", alert.value());
            assertEquals(MEADOW, TopicReader.header(alert, "ce_schoolurn"));
            assertEquals(near, TopicReader.header(alert, "ce_subject"));
            JsonPath data = new JsonPath(alert.value());
            assertEquals("DUE_SOON", data.getString("stage"));
            assertEquals(id, data.getString("postId"));
            assertEquals(appointed.plusYears(3).toString(), data.getString("deadline"));
            assertEquals("NOT_STARTED", data.getString("qualification"));

            // writing the post again, or today's sweep, raises nothing new; the day after the limit, OVERDUE once
            as("trust.admin").header("If-Match", "\"0\"")
                    .body(body(null, null, appointed, null, false, "IN_PROGRESS", today().plusMonths(1), null))
                    .put("/api/v1/senco-posts/" + id).then().statusCode(200);
            assertTrue(watch.sweep(today()) >= 1);
            LocalDate after = appointed.plusYears(3).plusDays(1);
            watch.sweep(after);
            watch.sweep(after);
            String first = data.getString("alertId");
            List<ConsumerRecord<String, String>> rest = out.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> alertOf(r, near) || alertOf(r, exempt))
                    .filter(r -> !first.equals(new JsonPath(r.value()).getString("alertId"))).toList();
            assertEquals(1, rest.size(), "one more alert: " + rest);
            assertEquals("OVERDUE", new JsonPath(rest.get(0).value()).getString("stage"));
            assertEquals("IN_PROGRESS", new JsonPath(rest.get(0).value()).getString("qualification"));
        }
    }

    @Test
    void theTrustSeesTheRoleInEachSchoolAndSltTheirOwn() {
        JsonPath before = as("trust.admin").get("/api/v1/reports/senco-roles").then().statusCode(200).extract()
                .jsonPath();
        String onSlt = someSenco();
        String newcomer = someSenco();
        String ended = someSenco();
        as("trust.admin").body(body(MEADOW, onSlt, today().minusYears(5).minusDays(1), null, true, "NASENCO", null,
                today().minusYears(6))).post("/api/v1/senco-posts").then().statusCode(201);
        as("trust.admin").body(body(MEADOW, newcomer, today().minusYears(3).plusMonths(1), null, false,
                "IN_PROGRESS", today().plusMonths(2), null)).post("/api/v1/senco-posts").then().statusCode(201);
        as("trust.admin").body(body(MEADOW, ended, today().minusYears(2), today().minusDays(1), true, "NOT_STARTED",
                null, null)).post("/api/v1/senco-posts").then().statusCode(201);
        allocate("trust.admin", MEADOW, newcomer, "6.5", today().minusDays(10), null);

        JsonPath after = as("trust.admin").get("/api/v1/reports/senco-roles").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(today().toString(), after.getString("asOf"));
        // two posts held today (the third ended yesterday): one on SLT, one with protected time, one exempt, one
        // outstanding and due soon
        assertEquals(2, after.getInt("summary.sencos") - before.getInt("summary.sencos"));
        assertEquals(1, after.getInt("summary.onSlt") - before.getInt("summary.onSlt"));
        assertEquals(1, after.getInt("summary.withProtectedTime") - before.getInt("summary.withProtectedTime"));
        assertEquals(1, after.getInt("summary.qualifiedOrExempt") - before.getInt("summary.qualifiedOrExempt"));
        assertEquals(1, after.getInt("summary.qualificationOutstanding")
                - before.getInt("summary.qualificationOutstanding"));
        assertEquals(1, after.getInt("summary.dueSoon") - before.getInt("summary.dueSoon"));
        String row = "schools.find { it.schoolUrn == '" + MEADOW + "' }.sencos.find { it.senco == '%s' }.";
        assertEquals(5, after.getInt(String.format(row, onSlt) + "yearsInPost"));
        assertNull(after.getString(String.format(row, onSlt) + "qualificationDeadline"));
        assertNull(after.getString(String.format(row, onSlt) + "alert"));
        LocalDate deadline = today().minusYears(3).plusMonths(1).plusYears(3);
        assertEquals(deadline.toString(), after.getString(String.format(row, newcomer) + "qualificationDeadline"));
        assertEquals(ChronoUnit.DAYS.between(today(), deadline),
                after.getLong(String.format(row, newcomer) + "daysToDeadline"));
        assertEquals("DUE_SOON", after.getString(String.format(row, newcomer) + "alert"));
        assertEquals(6.5f, after.getFloat(String.format(row, newcomer) + "allocatedHoursPerWeek"));
        assertNull(after.getString(String.format(row, ended) + "senco"));

        // the same as CSV, audited; SLT see their own schools only; a SENCO not at all
        String csv = as("trust.admin").queryParam("school", MEADOW).get("/api/v1/reports/senco-roles.csv").then()
                .statusCode(200).contentType("text/csv").extract().asString();
        assertTrue(csv.startsWith("school_urn,school_name,senco,appointed_on,"), csv);
        assertTrue(csv.contains("," + newcomer + "," + today().minusYears(3).plusMonths(1) + ",2,false,6.5,"
                + "IN_PROGRESS," + today().plusMonths(2) + "," + deadline + ","), csv);
        as("slt.harbour").get("/api/v1/reports/senco-roles").then().statusCode(200)
                .body("schools.schoolUrn", not(hasItem(MEADOW)));
        as("slt.academy").get("/api/v1/reports/senco-roles").then().statusCode(200)
                .body("schools.schoolUrn", everyItem(equalTo("900103")));
        as("senco.meadow").get("/api/v1/reports/senco-roles").then().statusCode(403);
    }
}
