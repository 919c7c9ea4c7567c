package uk.sen.workload.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.sen.workload.Fixtures.allocate;
import static uk.sen.workload.Fixtures.as;
import static uk.sen.workload.Fixtures.entry;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.workload.Fixtures;
import io.restassured.path.json.JsonPath;

import uk.sen.platform.testing.TestDates;

/**
 * Reports against a hand-computed fixture in the autumn term 2024 (no other test writes there):
 *
 * <pre>
 * senco.harbour at 900101, 4 h/week allocated 2 to 29 Sep 2024 (16 h over four weeks)
 *   Mon 02 Sep  ADMINISTRATION        120 (09:00-11:00)   week of 2 Sep: 270 min = 4.5 h > 4 h  OVER
 *   Tue 03 Sep  EHCP_ANNUAL_REVIEWS    90
 *   Wed 04 Sep  STRATEGIC_LEADERSHIP   60
 *   Mon 09 Sep  TEACHING_INTERVENTIONS 180                week of 9 Sep: 3 h
 *   Thu 19 Sep  ADMINISTRATION        150                week of 16 Sep: 270 min = 4.5 h  OVER
 *   Fri 20 Sep  NON_SEND_DUTIES       120
 *                                                         week of 23 Sep: 0
 *   Mon 07 Oct  PARENT_MEETINGS        45                 (no allocation that week)
 *   total 765 min = 12.75 h; administrative 270 + 90 = 360 of 765 - 120 non-SEND = 645: 55.8 %
 * senco.meadow at 900102, 2 h/week allocated 2 to 29 Sep 2024 (8 h)
 *   Tue 10 Sep  DATA_AND_CENSUS       150                 week of 9 Sep: 2.5 h > 2 h  OVER
 *   Wed 25 Sep  STAFF_SUPPORT          60
 * trust: 975 min = 16.25 h against 24 h; no trust-wide week over (270 + 0, 180 + 150, 270, 60 vs 360 min)
 *   administrative (360 + 150) of (975 - 120): 59.6 %
 * </pre>
 */
@QuarkusTest
class ReportResourceTest {

    static final String NOTE = "SECRET-NOTE-" + UUID.randomUUID();
    static final String PUPIL = Fixtures.registeredPupil("900101");
    static final String AUTUMN_2024 = "2024-09-04";
    static boolean seeded;

    @BeforeEach
    void fixture() {
        if (seeded) {
            return;
        }
        allocate("slt.harbour", "900101", "senco.harbour", "4", LocalDate.parse("2024-09-02"),
                LocalDate.parse("2024-09-29"));
        allocate("trust.admin", "900102", "senco.meadow", "2", LocalDate.parse("2024-09-02"),
                LocalDate.parse("2024-09-29"));
        Fixtures.entryNamingPupil("senco.harbour", entry("900101", LocalDate.parse("2024-09-02"), null, "09:00",
                "11:00", "ADMINISTRATION", NOTE).replace("}", ",\"pupilId\":\"" + PUPIL + "\"}"));
        log("senco.harbour", "900101", "2024-09-03", 90, "EHCP_ANNUAL_REVIEWS");
        log("senco.harbour", "900101", "2024-09-04", 60, "STRATEGIC_LEADERSHIP");
        log("senco.harbour", "900101", "2024-09-09", 180, "TEACHING_INTERVENTIONS");
        log("senco.harbour", "900101", "2024-09-19", 150, "ADMINISTRATION");
        log("senco.harbour", "900101", "2024-09-20", 120, "NON_SEND_DUTIES");
        log("senco.harbour", "900101", "2024-10-07", 45, "PARENT_MEETINGS");
        log("senco.meadow", "900102", "2024-09-10", 150, "DATA_AND_CENSUS");
        log("senco.meadow", "900102", "2024-09-25", 60, "STAFF_SUPPORT");
        seeded = true;
    }

    static void log(String senco, String school, String date, int minutes, String category) {
        as(senco).body(entry(school, LocalDate.parse(date), minutes, null, null, category, NOTE))
                .post("/api/v1/time-entries").then().statusCode(201);
    }

    static JsonPath report(String user, String path, String period) {
        return as(user).queryParam("period", period).queryParam("date", AUTUMN_2024).get("/api/v1/reports/" + path)
                .then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Integer> minutesBy(JsonPath report, String list) {
        Map<String, Integer> minutes = new HashMap<>();
        List<Map<String, Object>> rows = report.getList(list);
        rows.forEach(r -> minutes.put((String) r.get("code"), (Integer) r.get("minutes")));
        return minutes;
    }

    @Test
    void aSencosTermAddsUpToTheHandComputedFigures() {
        JsonPath r = report("senco.harbour", "sencos/me", "term");
        assertEquals("2024-25-autumn", r.getString("period.code"));
        // the platform's term calendar: 1 September 2024 is a Sunday, so the autumn term starts on Monday the 2nd
        assertEquals("2024-09-02", r.getString("period.from"));
        assertEquals("2025-01-05", r.getString("period.asOf"));   // to the day before the spring term (Monday 6 January)
        assertEquals(765, r.getInt("totalMinutes"));
        assertEquals(12.75, r.getDouble("totalHours"));
        assertEquals(Map.ofEntries(Map.entry("ADMINISTRATION", 270), Map.entry("EHC_NEEDS_ASSESSMENT", 0),
                Map.entry("EHCP_ANNUAL_REVIEWS", 90), Map.entry("SEN_SUPPORT_PLANS", 0),
                Map.entry("PARENT_MEETINGS", 45), Map.entry("EXTERNAL_LIAISON", 0), Map.entry("STAFF_SUPPORT", 0),
                Map.entry("TEACHING_INTERVENTIONS", 180), Map.entry("STRATEGIC_LEADERSHIP", 60),
                Map.entry("PROVISION_MAPPING", 0), Map.entry("TRANSITION", 0), Map.entry("DATA_AND_CENSUS", 0),
                Map.entry("NON_SEND_DUTIES", 120)), minutesBy(r, "byCategory"));
        assertEquals(35.3, r.getDouble("byCategory.find { it.code == 'ADMINISTRATION' }.percent"));
        assertEquals(Map.of("STRATEGIC_DIRECTION", 60, "TEACHING_AND_LEARNING", 315, "LEADING_AND_MANAGING_STAFF", 0,
                "DEPLOYMENT_OF_STAFF_AND_RESOURCES", 270, "OUTSIDE_SEN_COORDINATION", 120),
                minutesBy(r, "byStandardsArea"));
        assertEquals(Map.of("ADMINISTRATIVE", 360, "STRATEGIC", 60, "DIRECT", 225, "NON_SEND", 120),
                minutesBy(r, "byWorkType"));
        assertEquals(55.8, r.getDouble("adminPercent"));
        assertEquals(16.0, r.getDouble("allocation.allocatedHours"));
        assertEquals(12.75, r.getDouble("allocation.spentHours"));
        assertEquals(3.25, r.getDouble("allocation.balanceHours"));
        assertEquals(79.7, r.getDouble("allocation.spentPercentOfAllocated"));
        assertEquals(4, r.getInt("allocation.weeksWithAllocation"));
        assertEquals(2, r.getInt("allocation.weeksOverAllocation"));

        // the weekly series: Monday 2 Sep to Sunday 5 Jan, 18 weeks
        assertEquals(18, r.getList("weeks").size());
        assertEquals("2024-09-02", r.getString("weeks[0].weekStart"));
        assertEquals("2024-09-02", r.getString("weeks[0].from"));
        assertEquals(List.of(270, 180, 270, 0, 0, 45), r.getList("weeks.minutes").subList(0, 6));
        assertEquals(Arrays.asList(4.0f, 4.0f, 4.0f, 4.0f, null), r.getList("weeks.allocatedHours").subList(0, 5));
        assertEquals(Arrays.asList(true, false, true, false, null), r.getList("weeks.overAllocation").subList(0, 5));
        assertEquals(Map.of("ADMINISTRATION", 2.0f, "EHCP_ANNUAL_REVIEWS", 1.5f, "STRATEGIC_LEADERSHIP", 1.0f),
                r.getMap("weeks[0].hoursByCategory"));
        assertEquals(1, r.getList("sencos").size());
        assertEquals(55.8, r.getDouble("sencos[0].adminPercent"));
    }

    @Test
    void weekAndYearPeriods() {
        JsonPath week = report("senco.harbour", "sencos/me", "week");
        assertEquals("2024-W36", week.getString("period.code"));
        assertEquals(270, week.getInt("totalMinutes"));
        assertEquals(1, week.getList("weeks").size());
        assertEquals(true, week.getBoolean("weeks[0].overAllocation"));
        assertEquals(1, week.getInt("allocation.weeksOverAllocation"));

        JsonPath year = report("senco.harbour", "sencos/senco.harbour", "year");
        assertEquals("2024-25", year.getString("period.code"));
        assertEquals(765, year.getInt("totalMinutes"));
        assertEquals(52, year.getList("weeks").size());   // Monday 2 September 2024 to Sunday 31 August 2025
        assertEquals(16.0, year.getDouble("allocation.allocatedHours"));

        // a period that has not started yet is empty, not an error
        as("senco.harbour").queryParam("period", "term").queryParam("date", TestDates.today().plusYears(1).toString())
                .get("/api/v1/reports/sencos/me").then().statusCode(200).body("totalMinutes", equalTo(0))
                .body("weeks.size()", equalTo(0));
        as("senco.harbour").queryParam("period", "fortnight").get("/api/v1/reports/sencos/me").then()
                .statusCode(400).body("violations[0].field", equalTo("period"));
    }

    @Test
    void aSchoolForItsLeadersAndTheTrustForItsAdmins() {
        JsonPath school = report("slt.harbour", "schools/900101", "term");
        assertEquals(765, school.getInt("totalMinutes"));
        assertEquals(2, school.getInt("allocation.weeksOverAllocation"));
        assertEquals(List.of("senco.harbour"), school.getList("sencos.senco"));
        assertEquals(16.0, school.getDouble("sencos[0].allocatedHours"));

        JsonPath trust = report("trust.admin", "trust", "term");
        assertEquals(975, trust.getInt("totalMinutes"));
        assertEquals(16.25, trust.getDouble("totalHours"));
        assertEquals(24.0, trust.getDouble("allocation.allocatedHours"));
        assertEquals(4, trust.getInt("allocation.weeksWithAllocation"));
        assertEquals(0, trust.getInt("allocation.weeksOverAllocation"));
        assertEquals(59.6, trust.getDouble("adminPercent"));
        assertEquals(Map.of("STRATEGIC_DIRECTION", 210, "TEACHING_AND_LEARNING", 315, "LEADING_AND_MANAGING_STAFF", 60,
                "DEPLOYMENT_OF_STAFF_AND_RESOURCES", 270, "OUTSIDE_SEN_COORDINATION", 120),
                minutesBy(trust, "byStandardsArea"));
        assertEquals(List.of("900101", "900102"), trust.getList("schools.schoolUrn"));
        assertEquals(List.of(765, 210), trust.getList("schools.minutes"));
        assertEquals(List.of(16.0f, 8.0f), trust.getList("schools.allocatedHours"));
        assertEquals(List.of(2, 1), trust.getList("schools.weeksOverAllocation"));
        assertEquals(List.of(55.8f, 71.4f), trust.getList("schools.adminPercent"));
        assertEquals(List.of(1, 1), trust.getList("schools.sencos"));

        // SLT may read their SENCO's report, not another school's SENCO's
        assertEquals(765, report("slt.harbour", "sencos/senco.harbour", "term").getInt("totalMinutes"));
        as("slt.harbour").get("/api/v1/reports/sencos/senco.meadow").then().statusCode(404);
        as("trust.admin").queryParam("period", "term").queryParam("date", AUTUMN_2024)
                .get("/api/v1/reports/sencos/senco.meadow").then().statusCode(200).body("totalMinutes", equalTo(210));
    }

    @Test
    void everyoneSeesOnlyTheirScopeAndNeverANote() {
        as("senco.harbour").get("/api/v1/reports/sencos/senco.meadow").then().statusCode(404)
                .contentType("application/problem+json");
        as("senco.harbour").queryParam("school", "900102").get("/api/v1/reports/sencos/me").then().statusCode(404);
        as("senco.harbour").get("/api/v1/reports/schools/900101").then().statusCode(403);
        as("slt.harbour").get("/api/v1/reports/schools/900102").then().statusCode(404);
        as("slt.harbour").get("/api/v1/reports/trust").then().statusCode(403);
        as("teacher.harbour").get("/api/v1/reports/sencos/senco.harbour").then().statusCode(403);
        as("senco.riverside").get("/api/v1/reports/sencos/senco.harbour").then().statusCode(404);

        for (String path : List.of("trust", "trust/weeks.csv", "trust/chart.svg", "schools/900101",
                "schools/900101/weeks.csv")) {
            String body = as("trust.admin").queryParam("period", "term").queryParam("date", AUTUMN_2024)
                    .get("/api/v1/reports/" + path).then().statusCode(200).extract().asString();
            assertFalse(body.contains(NOTE), path + " shows a note");
            assertFalse(body.contains(PUPIL), path + " shows a pupil");
        }
    }

    @Test
    void exportsWeeksAsCsv() {
        String csv = as("trust.admin").queryParam("period", "term").queryParam("date", AUTUMN_2024)
                .get("/api/v1/reports/trust/weeks.csv").then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("workload-trust-northbridge.csv")).extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals("school_urn,senco,week_start,days_from,days_to,allocated_hours,spent_hours,over_allocation,"
                + "ADMINISTRATION,EHC_NEEDS_ASSESSMENT,EHCP_ANNUAL_REVIEWS,SEN_SUPPORT_PLANS,PARENT_MEETINGS,"
                + "EXTERNAL_LIAISON,STAFF_SUPPORT,TEACHING_INTERVENTIONS,STRATEGIC_LEADERSHIP,PROVISION_MAPPING,"
                + "TRANSITION,DATA_AND_CENSUS,NON_SEND_DUTIES", lines.get(0));
        assertEquals(1 + 2 * 18, lines.size());   // the term starts on Monday 2 September: 18 weeks, each school's
        assertFalse(csv.contains(",2024-08-26,"), csv);
        assertTrue(lines.contains("900101,senco.harbour,2024-09-02,2024-09-02,2024-09-08,4.00,4.50,yes,"
                + "2.00,0.00,1.50,0.00,0.00,0.00,0.00,0.00,1.00,0.00,0.00,0.00,0.00"), csv);
        assertTrue(lines.contains("900102,senco.meadow,2024-09-09,2024-09-09,2024-09-15,2.00,2.50,yes,"
                + "0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,2.50,0.00"), csv);
        assertTrue(lines.contains("900102,senco.meadow,2024-09-23,2024-09-23,2024-09-29,2.00,1.00,no,"
                + "0.00,0.00,0.00,0.00,0.00,0.00,1.00,0.00,0.00,0.00,0.00,0.00,0.00"), csv);
        // the export is audited
        as("trust.admin").queryParam("action", "EXPORT").get("/api/v1/audit").then().statusCode(200)
                .body("items.subjectIds.flatten()", hasItem("trust:northbridge"));
    }

    @Test
    void drawsTheGovernorsChartAsSvgAndPng() throws Exception {
        String svg = as("slt.harbour").queryParam("period", "term").queryParam("date", AUTUMN_2024)
                .get("/api/v1/reports/schools/900101/chart.svg").then().statusCode(200)
                .contentType(containsString("image/svg+xml")).extract().asString();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes("UTF-8")));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());

        List<String> bars = new ArrayList<>();
        List<String> allocated = new ArrayList<>();
        List<String> over = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            switch (e.getAttribute("class")) {
                case "bar" -> bars.add(e.getAttribute("data-week") + " " + e.getAttribute("data-kind") + " "
                        + e.getAttribute("data-hours"));
                case "allocated" -> allocated.add(e.getAttribute("data-week") + " " + e.getAttribute("data-hours"));
                case "over" -> over.add(e.getAttribute("data-week"));
                default -> {
                }
            }
        }
        // by kind of work, worked out by hand from the entries: administration 2 h and EHCP annual reviews 1.5 h
        // (both administrative) and strategic leadership 1 h in the first week; teaching 3 h (direct); administration
        // 2.5 h and non-SEND duties 2 h; parent meetings 0.75 h (direct)
        assertEquals(List.of("2024-09-02 ADMINISTRATIVE 3.50", "2024-09-02 STRATEGIC 1.00", "2024-09-09 DIRECT 3.00",
                "2024-09-16 ADMINISTRATIVE 2.50", "2024-09-16 NON_SEND 2.00", "2024-10-07 DIRECT 0.75"), bars);
        assertEquals(List.of("2024-09-02 4.00", "2024-09-09 4.00", "2024-09-16 4.00", "2024-09-23 4.00"), allocated);
        assertEquals(List.of("2024-09-02", "2024-09-16"), over);
        assertTrue(svg.contains(">Administrative</text>"));
        assertTrue(svg.contains(">Direct work with pupils, parents, staff and agencies</text>"));
        assertTrue(svg.contains(">Protected time allocated</text>"));
        assertFalse(svg.contains(">Administration and paperwork</text>"), "kinds of work, not categories");
        // the headline: 12.75 h spent against 16 h allocated (4 weeks of 4 h) = 80%; administration (6 h) of SEN
        // coordination time (10.75 h, non-SEND left out) = 56%
        assertTrue(svg.contains(">12.75 h spent against 16 h allocated (80%)  |  administration 56% of SEN "
                + "coordination time</text>"), svg);

        byte[] png = as("slt.harbour").queryParam("period", "term").queryParam("date", AUTUMN_2024)
                .get("/api/v1/reports/schools/900101/chart.png").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "chart-school-900101-autumn-2024.png"), png);
        Files.writeString(Path.of("target", "chart-school-900101-autumn-2024.svg"), svg);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(2000, image.getWidth());
        assertTrue(count(image, 0xe15759) > 1000, "administrative work is drawn in its colour");
        assertTrue(count(image, 0xbab0ac) > 100, "non-SEND duties are drawn in their colour");
        assertTrue(count(image, 0x59a14f) > 100, "direct work is drawn in its colour");
    }

    static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
