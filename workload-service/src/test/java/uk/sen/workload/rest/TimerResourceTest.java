package uk.sen.workload.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.sen.workload.Fixtures.as;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.TestDates;
import uk.sen.workload.domain.SchoolCalendar;

/** The mobile app's timer: one per SENCO, stopping makes an entry, discarding makes none. */
@QuarkusTest
class TimerResourceTest {

    static final String SENCO = "senco.riverside";
    static final String SCHOOL = "900201";

    static String start(Instant startedAt, String category) {
        return "{\"schoolUrn\":\"" + SCHOOL + "\",\"category\":\"" + category + "\",\"note\":\"Phone call\""
                + (startedAt == null ? "" : ",\"startedAt\":\"" + startedAt + "\"") + "}";
    }

    @Test
    void startStopDiscardAndOneTimerAtATime() {
        ZonedDateTime now = TestDates.now().atZone(TestDates.LONDON);
        // the timers below ran in the last two hours of today; just after midnight there is no such time yet
        Assumptions.assumeTrue(now.toLocalTime().isAfter(LocalTime.of(2, 10)), "too close to midnight in London");
        Instant base = now.toInstant().truncatedTo(ChronoUnit.MINUTES);

        as(SENCO).delete("/api/v1/timer");
        as(SENCO).get("/api/v1/timer").then().statusCode(404).contentType("application/problem+json");
        as(SENCO).post("/api/v1/timer/stop").then().statusCode(404);

        // a timer started two hours ago, stopped after 30 minutes: a 30 minute entry from its start to its stop
        Instant a = base.minus(120, ChronoUnit.MINUTES);
        as(SENCO).body(start(a, "EXTERNAL_LIAISON")).post("/api/v1/timer").then().statusCode(201)
                .body("category", equalTo("EXTERNAL_LIAISON")).body("startedAt", equalTo(a.toString()));
        as(SENCO).get("/api/v1/timer").then().statusCode(200).body("schoolUrn", equalTo(SCHOOL));
        as(SENCO).body(start(null, "ADMINISTRATION")).post("/api/v1/timer").then().statusCode(409)
                .contentType("application/problem+json").body("title", equalTo("A timer is already running"));
        JsonPath entry = as(SENCO).body("{\"stoppedAt\":\"" + a.plus(30, ChronoUnit.MINUTES) + "\"}")
                .post("/api/v1/timer/stop").then().statusCode(201)
                .header("Location", containsString("/api/v1/time-entries/")).extract().jsonPath();
        assertEquals(30, entry.getInt("minutes"));
        assertEquals("TIMER", entry.getString("source"));
        assertEquals("EXTERNAL_LIAISON", entry.getString("category"));
        assertEquals("Phone call", entry.getString("note"));
        assertEquals(a.atZone(SchoolCalendar.LONDON).toLocalTime().toString(), entry.getString("startTime"));
        assertEquals(a.atZone(SchoolCalendar.LONDON).toLocalDate().toString(), entry.getString("date"));
        as(SENCO).get("/api/v1/timer").then().statusCode(404);

        // stopped offline: the phone retries the stop with the same key and gets the same entry
        Instant b = base.minus(80, ChronoUnit.MINUTES);
        as(SENCO).body(start(b, "PARENT_MEETINGS")).post("/api/v1/timer").then().statusCode(201);
        String key = UUID.randomUUID().toString();
        String stop = "{\"stoppedAt\":\"" + b.plus(20, ChronoUnit.MINUTES) + "\",\"category\":\"TRANSITION\"}";
        String id = as(SENCO).header("Idempotency-Key", key).body(stop).post("/api/v1/timer/stop").then()
                .statusCode(201).body("minutes", equalTo(20)).body("category", equalTo("TRANSITION")).extract()
                .path("id");
        as(SENCO).header("Idempotency-Key", key).body(stop).post("/api/v1/timer/stop").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));

        // a stop time before the start, or in the future, is refused and the timer keeps running
        as(SENCO).body(start(null, "ADMINISTRATION")).post("/api/v1/timer").then().statusCode(201);
        as(SENCO).body("{\"stoppedAt\":\"" + base.minus(3, ChronoUnit.HOURS) + "\"}").post("/api/v1/timer/stop")
                .then().statusCode(400).body("violations[0].field", equalTo("stoppedAt"));
        as(SENCO).body("{\"stoppedAt\":\"" + base.plus(2, ChronoUnit.HOURS) + "\"}").post("/api/v1/timer/stop")
                .then().statusCode(400).body("violations[0].field", equalTo("stoppedAt"));
        // stopping it into the time of the first entry would overlap it
        as(SENCO).delete("/api/v1/timer").then().statusCode(204);
        as(SENCO).body(start(a.plus(10, ChronoUnit.MINUTES), "ADMINISTRATION")).post("/api/v1/timer").then()
                .statusCode(201);
        as(SENCO).body("{\"stoppedAt\":\"" + a.plus(20, ChronoUnit.MINUTES) + "\"}").post("/api/v1/timer/stop")
                .then().statusCode(422).body("violations[0].field", equalTo("startTime"));
        as(SENCO).get("/api/v1/timer").then().statusCode(200);
        as(SENCO).delete("/api/v1/timer").then().statusCode(204);
        as(SENCO).delete("/api/v1/timer").then().statusCode(404);

        // refusals: an unknown category, a school not theirs, a start in the future, a non-SENCO
        as(SENCO).body(start(null, "NAPPING")).post("/api/v1/timer").then().statusCode(400)
                .body("violations[0].field", equalTo("category"));
        as(SENCO).body(start(null, "ADMINISTRATION").replace(SCHOOL, "900101")).post("/api/v1/timer").then()
                .statusCode(404);
        as(SENCO).body(start(base.plus(1, ChronoUnit.HOURS), "ADMINISTRATION")).post("/api/v1/timer").then()
                .statusCode(400).body("violations[0].field", equalTo("startedAt"));
        as("slt.harbour").body(start(null, "ADMINISTRATION")).post("/api/v1/timer").then().statusCode(403);
        as(SENCO).get("/api/v1/timer").then().statusCode(404);
    }
}
