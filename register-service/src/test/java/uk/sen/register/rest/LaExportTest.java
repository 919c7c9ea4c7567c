package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import uk.sen.platform.testing.Tokens;
import uk.sen.register.exchange.CsvReader;

/** The LA exchange: pupils with an open EHC plan in the LA's schools, across trusts, for LA users only. */
@QuarkusTest
class LaExportTest {

    static final Set<String> LA_801_SCHOOLS = Set.of("900101", "900102", "900103", "900201");

    @Inject
    EntityManager em;

    static String harbourPlan;
    static String harbourPlanUpn;
    static String harbourSupportUpn;
    static String harbourEndedPlanUpn;
    static String meadowPlanUpn;
    static String riversidePlanUpn;
    static String otherLaPlanUpn;

    @BeforeEach
    void fixture() {
        TestSchools.ensure();
        RegisterFixtures.ensureOtherTrustSchools(em);
        if (harbourPlan != null) {
            return;
        }
        harbourPlanUpn = TestSchools.newUpn();
        harbourPlan = RegisterFixtures.pupil("senco.harbour", harbourPlanUpn, TestSchools.HARBOUR, "2015-09-12", "6", "2022-09-01");
        RegisterFixtures.open("senco.harbour", harbourPlan, "E", "2024-02-05", "ASD SLCN");
        harbourSupportUpn = TestSchools.newUpn();
        String support = RegisterFixtures.pupil("senco.harbour", harbourSupportUpn, TestSchools.HARBOUR, "2016-01-01", "5", "2022-09-01");
        RegisterFixtures.open("senco.harbour", support, "K", "2024-02-05", "MLD");
        harbourEndedPlanUpn = TestSchools.newUpn();
        String ended = RegisterFixtures.pupil("senco.harbour", harbourEndedPlanUpn, TestSchools.HARBOUR, "2016-01-01", "5", "2022-09-01");
        RegisterFixtures.open("senco.harbour", ended, "E", "2024-02-05", "HI");
        RegisterFixtures.close("senco.harbour", ended, "2025-07-18");
        meadowPlanUpn = TestSchools.newUpn();
        String meadow = RegisterFixtures.pupil("senco.meadow", meadowPlanUpn, TestSchools.MEADOW, "2017-03-03", "4", "2022-09-01");
        RegisterFixtures.open("senco.meadow", meadow, "E", "2025-03-10", "PD");
        riversidePlanUpn = TestSchools.newUpn();
        String riverside = RegisterFixtures.pupil("senco.riverside", riversidePlanUpn, "900201", "2018-04-04", "3", "2023-09-04");
        RegisterFixtures.open("senco.riverside", riverside, "E", "2025-06-02", "SEMH");
        // A plan in a school of another LA (935): no demo user works there, so the rows are written directly.
        otherLaPlanUpn = TestSchools.newUpn();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO pupil (id, trust_id, school_urn, upn, forename, surname, date_of_birth, sex, nc_year,
                                       on_roll_date, created_at, updated_at)
                    VALUES ('00000000-0000-4000-8000-00000000a935', 'riverside', '900202', ?1, 'Other', 'La',
                            '2016-05-05', 'M', '5', '2022-09-01', now(), now())""").setParameter(1, otherLaPlanUpn)
                    .executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO sen_provision (id, pupil_id, provision, start_date, issuing_la, plan_issue_date, recorded_at)
                    VALUES ('00000000-0000-4000-8000-00000000b935', '00000000-0000-4000-8000-00000000a935', 'E',
                            '2024-01-08', '935', '2024-01-08', now())""").executeUpdate();
        });
    }

    /** The CSV's rows, each as column -> value. */
    static List<Map<String, String>> csvRows(String csv) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(new StringReader(csv))) {
            List<String> header = reader.next().fields();
            CsvReader.Record r;
            while ((r = reader.next()) != null) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), r.fields().get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void anLaOfficerGetsThePlansOfTheirLasSchoolsAcrossTrusts() throws Exception {
        String csv = given().auth().oauth2(Tokens.of("la.officer")).queryParam("format", "csv").get("/api/v1/exports/la")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"SEN2_exchange_801_\\d{4}-\\d{2}-\\d{2}\\.csv\""))
                .extract().asString();
        assertTrue(csv.startsWith("UPN,Surname,Forename,PersonBirthDate,Sex,SchoolURN,NamedPlanStartDate,IssuingLA,"
                + "PrimaryNeed,SecondaryNeed\r\n"), csv);
        List<Map<String, String>> lines = csvRows(csv);
        // by UPN: a pupil who moved to another trust is a record in each trust, both listed
        Map<String, Map<String, String>> rows = new HashMap<>();
        lines.forEach(r -> rows.put(r.get("UPN"), r));
        assertEquals(Map.of("UPN", harbourPlanUpn, "Surname", "Pupil " + harbourPlanUpn.substring(9), "Forename", "Fixture",
                "PersonBirthDate", "2015-09-12", "Sex", "F", "SchoolURN", "900101", "NamedPlanStartDate", "2024-02-05",
                "IssuingLA", "801", "PrimaryNeed", "ASD", "SecondaryNeed", "SLCN"), rows.get(harbourPlanUpn));
        assertEquals("900102", rows.get(meadowPlanUpn).get("SchoolURN"));
        assertEquals("900201", rows.get(riversidePlanUpn).get("SchoolURN"), "another trust's school in the LA");
        assertFalse(rows.containsKey(harbourSupportUpn), "SEN support is not an EHC plan");
        assertFalse(rows.containsKey(harbourEndedPlanUpn), "a plan that ended is not open");
        assertFalse(rows.containsKey(otherLaPlanUpn), "a school of another LA");
        List<String> outside = new ArrayList<>();
        lines.forEach(r -> {
            if (!LA_801_SCHOOLS.contains(r.get("SchoolURN"))) {
                outside.add(r.get("UPN"));
            }
        });
        assertEquals(List.of(), outside);

        // the same for the LA's system client, as XML
        XmlPath xml = new XmlPath(given().auth().oauth2(Tokens.la()).queryParam("format", "xml").get("/api/v1/exports/la")
                .then().statusCode(200).contentType(containsString("application/xml")).extract().asString());
        assertEquals("801", xml.getString("SEN2Export.Header.LA"));
        assertEquals(lines.size(), xml.getInt("SEN2Export.Header.Persons"));
        assertEquals(lines.size(), xml.getList("SEN2Export.Person").size());
        String person = "SEN2Export.Person.find { it.UPN.text() == '" + harbourPlanUpn + "' }";
        assertEquals("2015-09-12", xml.getString(person + ".PersonBirthDate"));
        assertEquals("2024-02-05", xml.getString(person + ".NamedPlan.StartDate"));
        assertEquals("801", xml.getString(person + ".NamedPlan.IssuingLA"));
        assertEquals(List.of("ASD", "SLCN"), xml.getList(person + ".SENneed.SENtype"));
        assertEquals(List.of("1", "2"), xml.getList(person + ".SENneed.SENtypeRank"));
        assertEquals("900101", xml.getString(person + ".SchoolURN"));

        // audited with every pupil, in each trust's own audit
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", harbourPlan).queryParam("action", "EXPORT")
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.actor", hasItem("la.officer")).body("items.actor", hasItem("service-account-sen-la"))
                .body("items[0].detail", equalTo("LA exchange (SEN2 items) for LA 801 as xml"));
        given().auth().oauth2(Tokens.of("senco.riverside")).queryParam("action", "EXPORT").get("/api/v1/audit")
                .then().statusCode(200).body("items.detail", hasItem("LA exchange (SEN2 items) for LA 801 as csv"));
    }

    @Test
    void onlyLaUsersMayExport() {
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/exports/la").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/exports/la").then().statusCode(403);
        given().auth().oauth2(Tokens.mis()).get("/api/v1/exports/la").then().statusCode(403);
        given().get("/api/v1/exports/la").then().statusCode(401);
        given().auth().oauth2(Tokens.of("la.officer")).queryParam("format", "pdf").get("/api/v1/exports/la").then()
                .statusCode(400).body("violations[0].field", equalTo("format"));
        // csv is the default
        given().auth().oauth2(Tokens.of("la.officer")).get("/api/v1/exports/la").then().statusCode(200)
                .contentType(containsString("text/csv"));
    }
}
