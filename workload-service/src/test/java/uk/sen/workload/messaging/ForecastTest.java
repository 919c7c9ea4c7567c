package uk.sen.workload.messaging;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.sen.workload.Fixtures.WORKLOAD_TOPIC;
import static uk.sen.workload.Fixtures.allocate;
import static uk.sen.workload.Fixtures.as;
import static uk.sen.workload.Fixtures.entry;
import static uk.sen.workload.Fixtures.reviewEvent;
import static uk.sen.workload.Fixtures.today;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TopicReader;
import uk.sen.workload.Fixtures;
import uk.sen.workload.Fixtures.ReviewData;
import uk.sen.workload.domain.AllocatedTime;
import uk.sen.workload.domain.SchoolCalendar;

/**
 * The forecast from review events sent through real Kafka, for a school of the trust that only this run uses (the
 * test topic is shared with other services' tests), with one SENCO allocated 2 h a week. With the default efforts
 * (annual review 6 h over 4 weeks = 1.5 h a week; phase transfer 8 h over 6 weeks = 1.33 h):
 *
 * <pre>
 * R1, R2 annual, due in week W+5        1.5 h each in W+2..W+5
 * R3 phase transfer, due in week W+10   1.33 h in W+5..W+10
 * R4 annual, due in week W+3, closed    nothing
 * R5 annual, due W+8, meeting set W+2   1.5 h in W..W+2 (W-1 is history)
 * week:      W    W+1  W+2  W+3  W+4  W+5   W+6..W+10  W+11
 * hours:     1.5  1.5  4.5  3.0  3.0  4.33  1.33       0
 * </pre>
 *
 * W+2..W+5 are over 2 h + 10 % for four weeks in a row: one FORECAST "allocation exceeded". Support plan reviews
 * and an EHC needs assessment request come and go through their own events. Calibration needs a SENCO who can
 * log time, so it runs at 900103 (senco.academy).
 */
@QuarkusTest
class ForecastTest {

    static final String SCHOOL = String.valueOf(970_000 + new Random().nextInt(10_000));
    static final String SENCO = "forecast.senco";
    static final String ACADEMY = "900103";
    static final String ACADEMY_SENCO = "senco.academy";
    static final SchoolCalendar CALENDAR = SchoolCalendar.standard(List.of(
            SchoolCalendar.Closure.parse("08-01/08-31"), SchoolCalendar.Closure.parse("12-24/01-01")));

    static JsonPath forecast() {
        return forecast("trust.admin", SCHOOL);
    }

    static JsonPath forecast(String user, String school) {
        return as(user).get("/api/v1/forecast/schools/" + school).then().statusCode(200).extract().jsonPath();
    }

    static int open(JsonPath f, String kind) {
        return f.getInt("kinds.find { it.code == '" + kind + "' }.openItems");
    }

    static boolean isAlert(ConsumerRecord<String, String> r, String basis) {
        return "uk.sen.workload.allocation-exceeded".equals(TopicReader.header(r, "ce_type"))
                && SCHOOL.equals(TopicReader.header(r, "ce_schoolurn"))
                && basis.equals(new JsonPath(r.value()).getString("basis"));
    }

    @Test
    void forecastsTheStatutoryWorkAheadFromReviewEvents() {
        LocalDate today = today();
        LocalDate w = SchoolCalendar.weekStart(today);
        allocate("trust.admin", SCHOOL, SENCO, "2", today.minusMonths(3), null);

        ReviewData r1 = new ReviewData(SCHOOL, w.plusWeeks(5).plusDays(2));
        ReviewData r2 = new ReviewData(SCHOOL, w.plusWeeks(5).plusDays(2));
        ReviewData r3 = new ReviewData(SCHOOL, w.plusWeeks(10).plusDays(2)).kind("PHASE_TRANSFER");
        ReviewData r4 = new ReviewData(SCHOOL, w.plusWeeks(3).plusDays(2));
        ReviewData r5 = new ReviewData(SCHOOL, w.plusWeeks(8).plusDays(2));
        try (TopicReader out = TopicReader.fromNow(WORKLOAD_TOPIC)) {
            for (ReviewData r : List.of(r1, r2, r3, r4, r5)) {
                reviewEvent("uk.sen.review.review-scheduled", r);
            }
            r4.status = "CLOSED";
            reviewEvent("uk.sen.review.review-closed", r4);
            r5.status = "MEETING_SET";
            r5.meetingDate = w.plusWeeks(2).plusDays(2);
            reviewEvent("uk.sen.review.meeting-set", r5);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath f = forecast();
                assertEquals(List.of(3, 1), List.of(open(f, "ANNUAL_REVIEW"), open(f, "PHASE_TRANSFER_REVIEW")));
                assertEquals(1.5, f.getDouble("weeks[0].statutoryHours"));
            });
            JsonPath f = forecast();
            assertEquals(w.toString(), f.getString("from"));
            assertEquals(List.of(SENCO), f.getList("sencos"));
            assertEquals(0.0, f.getDouble("baselineHoursPerWeek"));
            assertEquals(List.of(1.5f, 1.5f, 4.5f, 3.0f, 3.0f, 4.33f, 1.33f, 1.33f, 1.33f, 1.33f, 1.33f, 0.0f),
                    f.getList("weeks.statutoryHours").subList(0, 12));
            assertEquals(f.getList("weeks.statutoryHours"), f.getList("weeks.forecastHours"));
            assertEquals(Map.of("ANNUAL_REVIEW", 3), f.getMap("weeks[2].items"));
            assertEquals(Map.of("ANNUAL_REVIEW", 2, "PHASE_TRANSFER_REVIEW", 1), f.getMap("weeks[5].items"));
            assertEquals(6.0, f.getDouble("kinds.find { it.code == 'ANNUAL_REVIEW' }.effortHours"));
            assertEquals("DEFAULT", f.getString("kinds.find { it.code == 'ANNUAL_REVIEW' }.effortSource"));
            assertEquals(8.0, f.getDouble("kinds.find { it.code == 'PHASE_TRANSFER_REVIEW' }.effortHours"));
            assertEquals(CALENDAR.nextTerm(today).to().toString(), f.getString("to"));
            assertEquals(true, f.getBoolean("weeks[2].overByMargin"));
            // 1.5 hours fit a full week's allocation of 2; a week with closure days (Christmas, August) holds less of
            // it, so next to a closure the run over it may start a week or two sooner (a closed week, with no
            // allocation, breaks a run instead)
            if (CALENDAR.workingDays(w) == 5 && CALENDAR.workingDays(w.plusWeeks(1)) == 5) {
                assertEquals(w.plusWeeks(2).toString(), f.getString("exceedance.firstWeek"));
            } else {
                LocalDate firstOver = LocalDate.parse(f.getString("exceedance.firstWeek"));
                assertFalse(firstOver.isAfter(w.plusWeeks(2)), firstOver::toString);
                assertEquals(true, f.getBoolean("weeks.find { it.weekStart == '" + firstOver + "' }.overByMargin"));
            }

            ConsumerRecord<String, String> alert = out.await(r -> isAlert(r, "FORECAST"), Duration.ofSeconds(20));
            EventSchemas.assertValid("workload", "allocation-exceeded", alert.value());
            assertEquals(SENCO, alert.key());
            assertEquals(SENCO, TopicReader.header(alert, "ce_subject"));
            assertEquals("northbridge", TopicReader.header(alert, "ce_trustid"));
            assertEquals("urn:uk-sen:workload-service", TopicReader.header(alert, "ce_source"));
            JsonPath data = new JsonPath(alert.value());
            LocalDate first = LocalDate.parse(data.getString("firstWeek"));
            LocalDate last = LocalDate.parse(data.getString("lastWeek"));
            assertFalse(first.isAfter(w.plusWeeks(2)));
            assertFalse(last.isBefore(w.plusWeeks(4)));
            assertEquals(CALENDAR.term(first.plusDays(3)).code(), data.getString("period"));
            assertTrue(data.getList("weeks").size() >= 3);
            for (Map<String, Object> week : data.<Map<String, Object>> getList("weeks")) {
                assertTrue(((Number) week.get("hours")).doubleValue()
                        > ((Number) week.get("allocatedHours")).doubleValue() * 1.1, week.toString());
            }

            // completed work leaves the forecast
            r3.status = "COMPLETED";
            reviewEvent("uk.sen.review.review-completed", r3);
            // SEN support plan reviews and EHC needs assessment requests have their rows in the kinds table
            String plan = UUID.randomUUID().toString();
            String pupil = UUID.randomUUID().toString();
            String firstReview = UUID.randomUUID().toString();
            String request = UUID.randomUUID().toString();
            send("uk.sen.review.support-plan-opened", pupil, "{\"planId\":\"" + plan + "\",\"pupilId\":\"" + pupil
                    + "\",\"trustId\":\"northbridge\",\"schoolUrn\":\"" + SCHOOL + "\",\"status\":\"OPEN\",\"openedOn\":\""
                    + today + "\",\"reviewId\":\"" + firstReview + "\",\"dueBy\":\"" + w.plusWeeks(6).plusDays(1)
                    + "\",\"term\":\"Autumn 2026/27\"}");
            send("uk.sen.review.assessment-request-received", pupil, "{\"requestId\":\"" + request
                    + "\",\"pupilId\":\"" + pupil + "\",\"trustId\":\"northbridge\",\"schoolUrn\":\"" + SCHOOL + "\","
                    + "\"requestedBy\":\"SCHOOL\",\"status\":\"RECEIVED\",\"receivedOn\":\"" + today + "\",\"dueBy\":\""
                    + w.plusWeeks(6).plusDays(1) + "\",\"ended\":false,\"exceptionApplies\":false}");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath g = forecast();
                assertEquals(List.of(0, 1, 1), List.of(open(g, "PHASE_TRANSFER_REVIEW"), open(g, "SUPPORT_PLAN_REVIEW"),
                        open(g, "ASSESSMENT_REQUEST")));
            });
            // support plan review 1.5 h over 2 weeks, assessment request 10 h over 6 weeks, both due in week W+6
            assertEquals(Map.of("SUPPORT_PLAN_REVIEW", 1, "ASSESSMENT_REQUEST", 1), forecast().getMap("weeks[6].items"));
            assertEquals(Map.of("ANNUAL_REVIEW", 2, "ASSESSMENT_REQUEST", 1), forecast().getMap("weeks[3].items"));
            // the plan closes (its review cancelled) and the LA decides: both leave the forecast
            send("uk.sen.review.support-plan-closed", pupil, "{\"planId\":\"" + plan + "\",\"pupilId\":\"" + pupil
                    + "\",\"trustId\":\"northbridge\",\"schoolUrn\":\"" + SCHOOL + "\",\"status\":\"CLOSED\",\"openedOn\":\""
                    + today + "\",\"closedOn\":\"" + today + "\",\"cancelledReviewId\":\"" + firstReview + "\"}");
            send("uk.sen.review.assessment-request-decided", pupil, "{\"requestId\":\"" + request
                    + "\",\"pupilId\":\"" + pupil + "\",\"trustId\":\"northbridge\",\"schoolUrn\":\"" + SCHOOL + "\","
                    + "\"status\":\"NOT_ASSESSED\",\"decision\":\"NOT_TO_ASSESS\",\"ended\":true}");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath g = forecast();
                assertEquals(List.of(0, 0), List.of(open(g, "SUPPORT_PLAN_REVIEW"), open(g, "ASSESSMENT_REQUEST")));
            });

            // one alert per SENCO, school and period, however often the forecast is still over
            long alerts = out.drain(Duration.ofSeconds(2)).stream().filter(r -> isAlert(r, "FORECAST")
                    && new JsonPath(r.value()).getString("period").equals(data.getString("period"))).count();
            assertEquals(1, alerts);
        }

        JsonPath his = as("trust.admin").queryParam("school", SCHOOL).get("/api/v1/forecast/sencos/" + SENCO).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(SENCO, his.getString("senco"));
        assertEquals(forecast().getList("weeks.forecastHours"), his.getList("weeks.forecastHours"));
        double owed = AllocatedTime.minutes(List.of(new AllocatedTime.Span(today.minusMonths(3), null,
                BigDecimal.valueOf(2))), w, w.plusDays(6), CALENDAR) / 60;
        assertEquals(owed, his.getDouble("weeks[0].allocatedHours"), 0.005);
        as("slt.harbour").get("/api/v1/forecast/schools/" + SCHOOL).then().statusCode(404);
        as("senco.harbour").get("/api/v1/forecast/sencos/" + SENCO + "?school=" + SCHOOL).then().statusCode(404);
        as("teacher.academy").get("/api/v1/forecast/schools/" + SCHOOL).then().statusCode(403);
        as("trust.admin").get("/api/v1/forecast/sencos/" + SENCO).then().statusCode(400);
        as("trust.admin").get("/api/v1/forecast/sencos/nobody.here?school=" + SCHOOL).then().statusCode(404);
        as("trust.admin").queryParam("school", SCHOOL).get("/api/v1/alerts").then().statusCode(200)
                .body("items.basis", hasItem("FORECAST"));
    }

    @Test
    void calibratesTheEffortFromTheSchoolsOwnLoggedTime() {
        LocalDate today = today();
        allocate("slt.academy", ACADEMY, ACADEMY_SENCO, "2", today.minusMonths(3), null);
        JsonPath before = forecast("slt.academy", ACADEMY);
        assertEquals(6.0, before.getDouble("kinds.find { it.code == 'ANNUAL_REVIEW' }.effortHours"));
        assertEquals("DEFAULT", before.getString("kinds.find { it.code == 'ANNUAL_REVIEW' }.effortSource"));

        // three annual review meetings held today; the SENCO confirms their time and adds some (3 needed in tests)
        ReviewData r1 = new ReviewData(ACADEMY, today.plusWeeks(2));
        r1.status = "HELD";
        r1.heldOn = today;
        r1.durationMinutes = 150;
        ReviewData r2 = new ReviewData(ACADEMY, today.plusWeeks(2));
        r2.status = "HELD";
        r2.heldOn = today;
        ReviewData r6 = new ReviewData(ACADEMY, today.plusWeeks(1));
        r6.status = "HELD";
        r6.heldOn = today;
        for (ReviewData r : List.of(r1, r2, r6)) {
            reviewEvent("uk.sen.review.meeting-held", r);
        }
        confirm(r1.reviewId, "{}");
        confirm(r2.reviewId, "{}");
        confirm(r6.reviewId, "{\"minutes\":120}");
        as(ACADEMY_SENCO).body(entry(ACADEMY, today, 90, null, null, "EHCP_ANNUAL_REVIEWS", "Writing the report")
                .replace("}", ",\"reviewId\":\"" + r2.reviewId + "\"}")).post("/api/v1/time-entries").then()
                .statusCode(201);
        // per review: 150, 60 + 90, 120 minutes: a mean of 140 minutes
        JsonPath calibrated = forecast("slt.academy", ACADEMY);
        assertEquals(2.33, calibrated.getDouble("kinds.find { it.code == 'ANNUAL_REVIEW' }.effortHours"));
        assertEquals("CALIBRATED", calibrated.getString("kinds.find { it.code == 'ANNUAL_REVIEW' }.effortSource"));
        assertEquals(3, calibrated.getInt("kinds.find { it.code == 'ANNUAL_REVIEW' }.samples"));
        assertEquals("DEFAULT", calibrated.getString("kinds.find { it.code == 'PHASE_TRANSFER_REVIEW' }.effortSource"));

        // the SENCO reads their own forecast; SLT of another school cannot
        JsonPath mine = as(ACADEMY_SENCO).get("/api/v1/forecast/sencos/me").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(ACADEMY_SENCO, mine.getString("senco"));
        assertEquals(2.33, mine.getDouble("kinds.find { it.code == 'ANNUAL_REVIEW' }.effortHours"));
        as("slt.harbour").get("/api/v1/forecast/schools/" + ACADEMY).then().statusCode(404);
    }

    /**
     * The time a SENCO usually spends on everything else is owed per working day: a week the school is closed
     * carries none of it, so a holiday never looks over the allocation.
     */
    @Test
    void theBaselineLeavesOutTheDaysTheSchoolIsClosed() {
        LocalDate w = SchoolCalendar.weekStart(today());
        LocalDate day = w.minusWeeks(2).plusDays(1);
        var created = as(ACADEMY_SENCO).body(entry(ACADEMY, day, 60, null, null, "ADMINISTRATION", "Timetabling"))
                .post("/api/v1/time-entries").then().statusCode(201).extract();
        String id = created.path("id");
        try {
            JsonPath f = forecast("slt.academy", ACADEMY);
            double perWeek = f.getDouble("baselineHoursPerWeek");
            assertTrue(perWeek > 0, "a baseline from the time logged " + day);
            List<String> starts = f.getList("weeks.weekStart");
            int closed = 0;
            for (int i = 0; i < starts.size(); i++) {
                int days = CALENDAR.workingDays(LocalDate.parse(starts.get(i)));
                double baseline = f.getDouble("weeks[" + i + "].baselineHours");
                if (days == 0) {
                    closed++;
                    assertEquals(0.0, baseline, "week of " + starts.get(i));
                    assertEquals(f.getDouble("weeks[" + i + "].statutoryHours"),
                            f.getDouble("weeks[" + i + "].forecastHours"), "week of " + starts.get(i));
                } else if (days == 5) {
                    assertEquals(perWeek, baseline, "week of " + starts.get(i));
                } else {
                    assertTrue(baseline > 0 && baseline < perWeek, "week of " + starts.get(i) + ": " + baseline);
                }
            }
            // this week to the end of next term always takes in Christmas or August
            assertTrue(closed > 0, "a closed week in " + starts);
        } finally {
            as(ACADEMY_SENCO).header("If-Match", created.header("ETag")).delete("/api/v1/time-entries/" + id).then()
                    .statusCode(204);
        }
    }

    static void send(String type, String pupil, String data) {
        TopicReader.send(Fixtures.REVIEW_TOPIC, pupil, data,
                Fixtures.headers(UUID.randomUUID().toString(), type, pupil, SCHOOL));
    }

    static void confirm(String reviewId, String body) {
        await().atMost(Duration.ofSeconds(60)).until(() -> id(reviewId) != null);
        String id = id(reviewId);
        String etag = as(ACADEMY_SENCO).get("/api/v1/suggestions/" + id).then().extract().header("ETag");
        as(ACADEMY_SENCO).header("If-Match", etag).body(body).post("/api/v1/suggestions/" + id + "/confirm").then()
                .statusCode(200);
    }

    static String id(String reviewId) {
        List<Map<String, Object>> items = as(ACADEMY_SENCO).queryParam("size", 200).get("/api/v1/suggestions").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(s -> reviewId.equals(s.get("reviewId"))).map(s -> (String) s.get("id"))
                .findFirst().orElse(null);
    }
}
