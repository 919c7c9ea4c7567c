package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;

/**
 * The register at a glance against a hand-computed fixture. The fixture lives in school year 2020/21 and is read as
 * at the spring census day, 21 January 2021: every other test puts pupils on roll from 2022, so nothing else is
 * counted.
 *
 * <pre>
 * Harbour, on roll 21 Jan 2021           year  provision then            primary need then
 *   H1                                    3     K since 2020-09-07        SLCN (secondary SEMH)
 *   H2                                    3     K since 2020-09-07        ASD (changed to MLD today)
 *   H3                                    5     E since 2020-10-01        ASD
 *   H4                                    5     N
 *   H5                                    5     K 2020-09-07..2021-06-30  SPLD
 *   H6                                    6     K since 2020-09-07        DS (Cognition and learning)
 * not counted: H7 left on 2020-12-18 (K), H8 joined on 2021-02-01 (K)
 *   => on roll 6, K 4 (66.7%), E 1 (16.7%)
 *      year 3: 2 on roll, K 2 (100.0%), E 0 (0.0%); year 5: 3, K 1 (33.3%), E 1 (33.3%); year 6: 1, K 1 (100.0%)
 *      K by need: SLCN, ASD, SPLD, DS 1 each (25.0% of K); E by need: ASD 1 (100.0%)
 *      K by area: communication and interaction 2 (50.0%), cognition and learning 2 (50.0%); E: C&I 1 (100.0%)
 * Meadow: M1 year 1, E since 2020-11-02, SLCN; M2 year 1, N  => on roll 2, K 0 (0.0%), E 1 (50.0%)
 * Trust: on roll 8, K 4 (50.0%), E 2 (25.0%); E by need: ASD 1 (50.0%), SLCN 1 (50.0%)
 * </pre>
 */
@QuarkusTest
class SummaryResourceTest {

    static final String CENSUS = "2021-01-21";
    static final String HARBOUR = "senco.harbour";

    static boolean loaded;

    @BeforeEach
    void fixture() {
        TestSchools.ensure();
        if (loaded) {
            return;
        }
        loaded = true;
        String h1 = RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2013-02-11", "3", "2020-09-01");
        RegisterFixtures.open(HARBOUR, h1, "K", "2020-09-07", "SLCN SEMH");
        String h2 = RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2012-11-30", "3", "2020-09-01");
        RegisterFixtures.open(HARBOUR, h2, "K", "2020-09-07", "ASD");
        RegisterFixtures.changeNeeds(HARBOUR, h2, "MLD");
        String h3 = RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2011-04-02", "5", "2020-09-01");
        RegisterFixtures.open(HARBOUR, h3, "E", "2020-10-01", "ASD");
        RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2011-01-19", "5", "2020-09-01");
        String h5 = RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2010-10-05", "5", "2020-09-01");
        RegisterFixtures.open(HARBOUR, h5, "K", "2020-09-07", "SPLD");
        RegisterFixtures.close(HARBOUR, h5, "2021-06-30");
        String h6 = RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2010-03-23", "6", "2020-09-01");
        RegisterFixtures.open(HARBOUR, h6, "K", "2020-09-07", "DS");
        String h7 = RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2012-12-12", "3", "2020-09-01");
        RegisterFixtures.open(HARBOUR, h7, "K", "2020-09-07", "HI");
        RegisterFixtures.leave(HARBOUR, h7, "2020-12-18");
        String h8 = RegisterFixtures.pupil(HARBOUR, TestSchools.newUpn(), TestSchools.HARBOUR, "2013-01-08", "3", "2021-02-01");
        RegisterFixtures.open(HARBOUR, h8, "K", "2021-02-01", "VI");

        String m1 = RegisterFixtures.pupil("senco.meadow", TestSchools.newUpn(), TestSchools.MEADOW, "2015-06-15", "1", "2020-09-01");
        RegisterFixtures.open("senco.meadow", m1, "E", "2020-11-02", "SLCN");
        RegisterFixtures.pupil("senco.meadow", TestSchools.newUpn(), TestSchools.MEADOW, "2015-02-27", "1", "2020-09-01");
    }

    static JsonPath summary(String user, String school, String asAt) {
        var request = given().auth().oauth2(Tokens.of(user));
        if (school != null) {
            request.queryParam("school", school);
        }
        if (asAt != null) {
            request.queryParam("asAt", asAt);
        }
        return request.get("/api/v1/register/summary").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSencoSeesTheirSchoolAsAtTheCensusDay() {
        JsonPath s = summary(HARBOUR, null, CENSUS);
        org.junit.jupiter.api.Assertions.assertEquals(CENSUS, s.getString("asAt"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(TestSchools.HARBOUR), s.getList("schools.urn"));
        String t = "total.";
        org.junit.jupiter.api.Assertions.assertAll(
                () -> eq(s, t + "onRoll", 6),
                () -> eq(s, t + "k.count", 4), () -> eq(s, t + "k.percent", 66.7f),
                () -> eq(s, t + "e.count", 1), () -> eq(s, t + "e.percent", 16.7f),
                () -> eq(s, t + "legacy", 0),
                () -> org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("3", "5", "6"),
                        s.getList(t + "byYearGroup.ncYear")),
                () -> eq(s, t + "byYearGroup[0].onRoll", 2), () -> eq(s, t + "byYearGroup[0].k.count", 2),
                () -> eq(s, t + "byYearGroup[0].k.percent", 100.0f), () -> eq(s, t + "byYearGroup[0].e.percent", 0.0f),
                () -> eq(s, t + "byYearGroup[1].onRoll", 3), () -> eq(s, t + "byYearGroup[1].k.percent", 33.3f),
                () -> eq(s, t + "byYearGroup[1].e.count", 1), () -> eq(s, t + "byYearGroup[1].e.percent", 33.3f),
                () -> eq(s, t + "byYearGroup[2].onRoll", 1), () -> eq(s, t + "byYearGroup[2].k.percent", 100.0f),
                () -> eq(s, need(t, "SLCN") + ".k.count", 1), () -> eq(s, need(t, "SLCN") + ".k.percent", 25.0f),
                () -> eq(s, need(t, "ASD") + ".k.count", 1), () -> eq(s, need(t, "ASD") + ".e.count", 1),
                () -> eq(s, need(t, "ASD") + ".e.percent", 100.0f),
                () -> eq(s, need(t, "SPLD") + ".k.count", 1), () -> eq(s, need(t, "DS") + ".k.count", 1),
                () -> eq(s, need(t, "DS") + ".area", "COGNITION_AND_LEARNING"),
                () -> eq(s, need(t, "MLD") + ".k.count", 0), () -> eq(s, need(t, "SEMH") + ".k.count", 0),
                () -> eq(s, need(t, "HI") + ".k.count", 0), () -> eq(s, need(t, "VI") + ".k.count", 0),
                () -> eq(s, area(t, "COMMUNICATION_AND_INTERACTION") + ".k.count", 2),
                () -> eq(s, area(t, "COMMUNICATION_AND_INTERACTION") + ".k.percent", 50.0f),
                () -> eq(s, area(t, "COGNITION_AND_LEARNING") + ".k.count", 2),
                () -> eq(s, area(t, "COMMUNICATION_AND_INTERACTION") + ".e.percent", 100.0f),
                () -> eq(s, area(t, "SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH") + ".k.count", 0),
                () -> org.junit.jupiter.api.Assertions.assertEquals(5, s.getList(t + "byArea").size()),
                () -> org.junit.jupiter.api.Assertions.assertEquals(14, s.getList(t + "byNeed").size()));
        // the SENCO's one school is the whole of their summary
        org.junit.jupiter.api.Assertions.assertEquals(s.getMap("total"), s.getMap("schools[0].summary"));
    }

    @Test
    void aTrustAdminSeesTheTrustWithAPerSchoolBreakdown() {
        JsonPath s = summary("trust.admin", null, CENSUS);
        org.junit.jupiter.api.Assertions.assertAll(
                () -> eq(s, "trustId", "northbridge"),
                () -> eq(s, "total.onRoll", 8),
                () -> eq(s, "total.k.count", 4), () -> eq(s, "total.k.percent", 50.0f),
                () -> eq(s, "total.e.count", 2), () -> eq(s, "total.e.percent", 25.0f),
                () -> eq(s, need("total.", "ASD") + ".e.percent", 50.0f),
                () -> eq(s, need("total.", "SLCN") + ".e.percent", 50.0f),
                () -> org.junit.jupiter.api.Assertions.assertEquals(
                        java.util.List.of(TestSchools.HARBOUR, TestSchools.MEADOW, TestSchools.ACADEMY),
                        s.getList("schools.urn")),
                () -> eq(s, "schools[0].summary.onRoll", 6),
                () -> eq(s, "schools[1].name", "Meadow Primary School"),
                () -> eq(s, "schools[1].summary.onRoll", 2),
                () -> eq(s, "schools[1].summary.k.count", 0), () -> eq(s, "schools[1].summary.k.percent", 0.0f),
                () -> eq(s, "schools[1].summary.e.percent", 50.0f),
                () -> eq(s, "schools[2].summary.onRoll", 0));
        org.junit.jupiter.api.Assertions.assertNull(s.get("schools[2].summary.k.percent"), "no pupils: no percentage");
        // one school only
        JsonPath meadow = summary("trust.admin", TestSchools.MEADOW, CENSUS);
        eq(meadow, "total.onRoll", 2);
        org.junit.jupiter.api.Assertions.assertEquals(1, meadow.getList("schools").size());
    }

    @Test
    void needsAreCountedAsTheyWereOnTheDay() {
        // H2's need changed to MLD today: as at the census day it was still ASD (asserted above); today MLD counts
        JsonPath today = summary(HARBOUR, null, null);
        org.junit.jupiter.api.Assertions.assertTrue(today.getInt(need("total.", "MLD") + ".k.count") >= 1);
        org.junit.jupiter.api.Assertions.assertEquals(TestDates.today().toString(),
                today.getString("asAt"));
    }

    @Test
    void scopeAndBadInput() {
        given().auth().oauth2(Tokens.of("teacher.harbour")).queryParam("asAt", CENSUS).get("/api/v1/register/summary")
                .then().statusCode(200).body("total.onRoll", equalTo(6)).body("schools", hasSize(1));
        given().auth().oauth2(Tokens.of("slt.harbour")).queryParam("asAt", CENSUS).get("/api/v1/register/summary")
                .then().statusCode(200).body("total.e.count", equalTo(1));
        given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.MEADOW)
                .get("/api/v1/register/summary").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("senco.riverside")).queryParam("asAt", CENSUS).get("/api/v1/register/summary")
                .then().statusCode(200).body("total.onRoll", equalTo(0)).body("trustId", equalTo("riverside"));
        given().auth().oauth2(Tokens.of("la.officer")).get("/api/v1/register/summary").then().statusCode(403);
        given().auth().oauth2(Tokens.mis()).get("/api/v1/register/summary").then().statusCode(403);
        given().get("/api/v1/register/summary").then().statusCode(401);
        given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("asAt", "21/01/2021").get("/api/v1/register/summary")
                .then().statusCode(400).body("violations[0].field", equalTo("asAt"))
                .body("total", nullValue());
        given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("asAt", CENSUS).get("/api/v1/register/summary")
                .then().body("total.byNeed.code", contains("SLCN", "ASD", "SPLD", "MLD", "SLD", "PMLD", "SEMH", "HI",
                        "VI", "MSI", "PD", "DS", "OTH", "NSA"));
    }

    private static String need(String prefix, String code) {
        return prefix + "byNeed.find { it.code == '" + code + "' }";
    }

    private static String area(String prefix, String area) {
        return prefix + "byArea.find { it.area == '" + area + "' }";
    }

    private static void eq(JsonPath json, String path, Object expected) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, json.get(path), path);
    }
}
