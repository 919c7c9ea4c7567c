package uk.sen.workload.messaging;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.sen.workload.Fixtures.WORKLOAD_TOPIC;
import static uk.sen.workload.Fixtures.allocate;
import static uk.sen.workload.Fixtures.as;
import static uk.sen.workload.Fixtures.log;
import static uk.sen.workload.Fixtures.today;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TopicReader;
import uk.sen.workload.domain.Period;
import uk.sen.workload.domain.SchoolCalendar;

/**
 * Time logged over the allocation for three weeks running raises one "allocation exceeded" on sen.workload.v1.
 * The weeks are in the previous term, which is still checked (a SENCO catching up after a holiday) and which no
 * forecast can claim first (forecasts start this week).
 */
@QuarkusTest
class AllocationExceededTest {

    static final String SENCO = "senco.meadow";
    static final String SCHOOL = "900102";

    static boolean isMine(ConsumerRecord<String, String> r) {
        return "uk.sen.workload.allocation-exceeded".equals(TopicReader.header(r, "ce_type")) && SENCO.equals(r.key());
    }

    @Test
    void threeWeeksOverTheAllocationRaiseOneAlertForTheTerm() {
        Period term = SchoolCalendar.standard(List.of()).previousTerm(today());
        // the second whole week of the term and the two after it: clear of the term's first days and of holidays
        LocalDate w = SchoolCalendar.weekStart(term.from()).plusWeeks(2);

        // 1 hour a week: 12 minutes a working day; 90 minutes in a week is over it by more than 10 %
        allocate("trust.admin", SCHOOL, SENCO, "1", term.from(), term.to());
        try (TopicReader out = TopicReader.fromNow(WORKLOAD_TOPIC)) {
            log(SENCO, SCHOOL, w.plusDays(1), 90, "DATA_AND_CENSUS");
            log(SENCO, SCHOOL, w.plusWeeks(1).plusDays(1), 90, "PARENT_MEETINGS");
            assertEquals(0, out.drain(Duration.ofSeconds(2)).stream().filter(AllocationExceededTest::isMine).count(),
                    "two weeks over are not yet an alert");
            log(SENCO, SCHOOL, w.plusWeeks(2).plusDays(1), 90, "ADMINISTRATION");

            ConsumerRecord<String, String> alert = out.await(AllocationExceededTest::isMine, Duration.ofSeconds(20));
            EventSchemas.assertValid("workload", "allocation-exceeded", alert.value());
            assertEquals(SCHOOL, TopicReader.header(alert, "ce_schoolurn"));
            JsonPath data = new JsonPath(alert.value());
            assertEquals("ACTUAL", data.getString("basis"));
            assertEquals(term.code(), data.getString("period"));
            assertEquals(term.label(), data.getString("periodLabel"));
            assertEquals(w.toString(), data.getString("firstWeek"));
            assertEquals(w.plusWeeks(2).toString(), data.getString("lastWeek"));
            assertEquals(List.of(1.5f, 1.5f, 1.5f), data.getList("weeks.hours"));
            assertEquals(List.of(1.0f, 1.0f, 1.0f), data.getList("weeks.allocatedHours"));
            assertEquals(3, data.getInt("requiredWeeks"));
            assertEquals(10.0, data.getDouble("marginPercent"));

            // more time in the same term raises nothing new
            log(SENCO, SCHOOL, w.plusWeeks(3).plusDays(1), 90, "ADMINISTRATION");
            assertEquals(1, out.drain(Duration.ofSeconds(3)).stream().filter(AllocationExceededTest::isMine).count());
            String alertId = data.getString("alertId");

            as("trust.admin").queryParam("school", SCHOOL).get("/api/v1/alerts").then().statusCode(200)
                    .body("items.find { it.id == '" + alertId + "' }.basis", equalTo("ACTUAL"))
                    .body("items.find { it.id == '" + alertId + "' }.weeksOver", equalTo(3))
                    .body("items.find { it.id == '" + alertId + "' }.period", equalTo(term.code()));
            as(SENCO).get("/api/v1/alerts").then().statusCode(200).body("items.id", hasItem(alertId));
            as("senco.harbour").get("/api/v1/alerts").then().statusCode(200).body("items.id", not(hasItem(alertId)));
            as("slt.harbour").get("/api/v1/alerts").then().statusCode(200).body("items.id", not(hasItem(alertId)));
            as("teacher.harbour").get("/api/v1/alerts").then().statusCode(403);

            // the SENCO's term report shows the same weeks over: the first three and the fourth
            List<Map<String, Object>> weeks = as(SENCO).queryParam("period", "term").queryParam("date", w.toString())
                    .get("/api/v1/reports/sencos/me").then().statusCode(200).extract().jsonPath().getList("weeks");
            assertEquals(List.of(w.toString(), w.plusWeeks(1).toString(), w.plusWeeks(2).toString(),
                    w.plusWeeks(3).toString()), weeks.stream().filter(x -> Boolean.TRUE.equals(x.get("overAllocation")))
                            .map(x -> x.get("weekStart")).toList());
        }
    }
}
