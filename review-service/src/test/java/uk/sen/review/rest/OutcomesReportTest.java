package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;
import uk.sen.platform.time.SchoolTerms;
import uk.sen.platform.time.TermCalendar;
import uk.sen.platform.time.TermCalendar.Term;

/**
 * The outcomes report against figures worked out by hand: two pupils' reviews scored today, read as the change they
 * make to their school's counts (other tests write to the same school), and one pupil's outcomes over time.
 */
@QuarkusTest
class OutcomesReportTest {

    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = AnnualReviewLifecycleTest.TODAY;

    @Inject
    SchoolTerms terms;

    /** A pupil on SEN support at Harbour with a primary need in the given broad area, as the register announces. */
    static String supportPupil(String ncYear, String need, String area) {
        String pupil = UUID.randomUUID().toString();
        String data = String.format("""
                {"pupilId":"%s","trustId":"northbridge","schoolUrn":"900101","laCode":"801","dateOfBirth":"2015-05-01",
                 "ncYear":"%s","provision":"K","provisionStartDate":"%s","planIssueDate":null,
                 "needs":[{"rank":1,"code":"%s","area":"%s"}],"schoolPhase":"PRIMARY","schoolHighestAge":11}""",
                pupil, ncYear, TODAY.minusDays(20), need, area);
        TopicReader.send(AnnualReviewLifecycleTest.REGISTER, pupil, data, Map.of("ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(), "ce_type", "uk.sen.register.pupil-registered",
                "ce_source", "urn:uk-sen:register-service", "ce_subject", pupil, "ce_time", "2026-11-23T10:00:00Z",
                "ce_trustid", "northbridge", "ce_schoolurn", "900101"));
        return pupil;
    }

    /** Writes the plan's two outcomes and records a review held today scoring them {@code a} and {@code b}. */
    static String reviewed(String pupil, int a, int b) {
        String plan = SupportPlanCycleTest.awaitPlan(pupil);
        JsonPath written = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .header("If-Match", SupportPlanCycleTest.etag(plan)).body(SupportPlanCycleTest.PLAN)
                .put("/api/v1/support-plans/" + plan).then().statusCode(200).extract().jsonPath();
        SupportPlanCycleTest.review(plan, "{\"heldOn\":\"" + TODAY + "\",\"nextStep\":\"CONTINUE\",\"scores\":"
                + SupportPlanCycleTest.scores(written.getString("outcomes[0].id"), a,
                        written.getString("outcomes[1].id"), b) + "}").then().statusCode(200);
        return written.getString("outcomes[0].id");
    }

    static JsonPath school() {
        return given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/outcomes/schools/900101").then().statusCode(200)
                .extract().jsonPath();
    }

    /** scored and metOrProgressing of one group of this term ("all", or a need area or year group). */
    static int[] counts(JsonPath report, String list, String group) {
        String path = list.equals("all") ? "terms[0].all"
                : "terms[0]." + list + ".find { it.group == '" + group + "' }";
        Map<String, Object> share = report.getMap(path);
        return share == null ? new int[] { 0, 0 }
                : new int[] { (Integer) share.get("scored"), (Integer) share.get("metOrProgressing") };
    }

    static void assertAdded(JsonPath before, JsonPath after, String list, String group, int scored, int met) {
        int[] b = counts(before, list, group);
        int[] a = counts(after, list, group);
        assertEquals(scored, a[0] - b[0], list + " " + group + ": scored");
        assertEquals(met, a[1] - b[1], list + " " + group + ": met or progressing");
    }

    @Test
    void aSchoolsShareOfOutcomesMetOrProgressingByNeedAreaAndYearGroup() {
        String reading = supportPupil("4", "SPLD", "COGNITION_AND_LEARNING");
        String feelings = supportPupil("6", "SEMH", "SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Tokens.of(SENCO))
                .get("/api/v1/pupils/" + feelings).statusCode() == 200);
        JsonPath before = school();

        // by hand: +1 and -1 (one of two met or progressing); 0 and -2 (one of two)
        reviewed(reading, 1, -1);
        reviewed(feelings, 0, -2);
        JsonPath after = school();

        TermCalendar calendar = terms.of("801");
        Term current = calendar.latestStartedBy(TODAY);
        assertEquals(current.label(), after.getString("terms[0].term"));
        assertEquals(calendar.latestStartedBy(current.start().minusDays(1)).label(), after.getString("terms[1].term"));
        assertAdded(before, after, "all", null, 4, 2);
        assertAdded(before, after, "byNeedArea", "COGNITION_AND_LEARNING", 2, 1);
        assertAdded(before, after, "byNeedArea", "SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH", 2, 1);
        assertAdded(before, after, "byYearGroup", "4", 2, 1);
        assertAdded(before, after, "byYearGroup", "6", 2, 1);
        int[] all = counts(after, "all", null);
        assertEquals(Math.round(1000.0 * all[1] / all[0]) / 1000.0, after.getDouble("terms[0].all.share"), 0.0005);
        // year groups in school order
        List<String> years = after.getList("terms[0].byYearGroup.group");
        assertTrue(years.indexOf("4") < years.indexOf("6"), years.toString());

        // the same as a CSV file, formula-guarded, one row per term and group
        String csv = given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/outcomes/schools/900101/report.csv")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment")).extract().asString();
        assertTrue(csv.startsWith("school_urn,term,term_start,term_end,grouped_by,group,scored,met_or_progressing,"
                + "share\r\n"), csv);
        int[] area = counts(after, "byNeedArea", "COGNITION_AND_LEARNING");
        assertTrue(csv.contains("900101," + current.label() + "," + current.start() + "," + current.end()
                + ",need_area,COGNITION_AND_LEARNING," + area[0] + "," + area[1] + ","), csv);
    }

    @Test
    void theChartShowsTheSameFiguresAsSvgAndAsAPngThatReadsBack() throws Exception {
        String pupil = supportPupil("5", "MLD", "COGNITION_AND_LEARNING");
        reviewed(pupil, 1, 2);
        JsonPath report = school();
        int[] all = counts(report, "all", null);
        String svg = given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/outcomes/schools/900101/chart.svg").then()
                .statusCode(200).contentType(containsString("image/svg+xml")).extract().asString();
        String term = report.getString("terms[0].term");
        // the whole school's bar this term carries the counts the JSON gives, and the headline says them in words
        assertTrue(svg.contains("data-group=\"Whole school\" data-met=\"" + all[1] + "\" data-scored=\"" + all[0]
                + "\" data-term=\"" + term + "\""), svg);
        assertTrue(svg.contains(term + ": " + all[1] + " of " + all[0] + " outcomes ("
                + Math.round(100.0 * all[1] / all[0]) + "%) met or progressing"), svg);
        assertTrue(svg.contains("Cognition"), svg);
        byte[] png = given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/outcomes/schools/900101/chart.png").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertTrue(image.getWidth() >= 720 && image.getHeight() > 400, image.getWidth() + "x" + image.getHeight());
        // the dark bar of this term is drawn: some pixels have its colour
        boolean dark = false;
        for (int x = 0; x < image.getWidth() && !dark; x++) {
            for (int y = 0; y < image.getHeight() && !dark; y++) {
                dark = (image.getRGB(x, y) & 0xffffff) == 0x1b6b93;
            }
        }
        assertTrue(dark, "no bar of this term in the PNG");
    }

    @Test
    void aPupilsOutcomesOverTimeAndWhoMaySeeThem() {
        String pupil = supportPupil("3", "SLCN", "COMMUNICATION_AND_INTERACTION");
        String reading = reviewed(pupil, 2, 0);
        TermCalendar calendar = terms.of("801");
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/outcomes/pupils/" + pupil).then().statusCode(200)
                .body("outcomes", hasSize(2))
                .body("outcomes[0].outcomeId", equalTo(reading))
                .body("outcomes[0].latest", equalTo(2))
                .body("outcomes[0].scores[0].heldOn", equalTo(TODAY.toString()))
                .body("outcomes[0].scores[0].term", equalTo(calendar.latestStartedBy(TODAY).label()))
                .body("outcomes[1].latest", equalTo(0));
        // a teacher of the school reads the pupil's outcomes, not the school's figures; another school sees nothing
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/outcomes/pupils/" + pupil).then()
                .statusCode(200);
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/outcomes/schools/900101").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/outcomes/pupils/" + pupil).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/outcomes/schools/900101").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/outcomes/schools/9001x1").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("date", "2026-02-30").get("/api/v1/outcomes/schools/900101")
                .then().statusCode(400);
    }
}
