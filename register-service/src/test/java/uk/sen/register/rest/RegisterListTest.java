package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.Tokens;
import uk.sen.register.repository.PupilRepository;

/** The register list walked by cursor and by page number, and the totals PostgreSQL keeps for it. */
@QuarkusTest
class RegisterListTest {

    @Inject
    EntityManager em;

    @Inject
    PupilRepository pupils;

    @BeforeEach
    void schools() {
        TestSchools.ensure();
    }

    @Test
    void walkingByCursorGivesExactlyThePagesInNameOrder() {
        // names that sort before, among and after whatever other tests put in the school, some sharing a surname
        for (String[] name : new String[][] { { "Aaron", "Abbot" }, { "Zoe", "Abbot" }, { "Mia", "Ng" },
                { "Li", "Ng" }, { "Yan", "Zzyzx" } }) {
            given().auth().oauth2(Tokens.of("senco.meadow")).contentType(ContentType.JSON)
                    .body(PupilResourceTest.pupilJson(TestSchools.newUpn(), TestSchools.MEADOW, "2017-05-02")
                            .replace("\"Ada\"", "\"" + name[0] + "\"").replace("\"Testpupil\"", "\"" + name[1] + "\""))
                    .post("/api/v1/pupils").then().statusCode(201);
        }
        long inSchool = rowsIn(TestSchools.MEADOW);

        List<String> byPage = new ArrayList<>();
        for (int page = 0; page * 3 < inSchool; page++) {
            byPage.addAll(list("page", String.valueOf(page)).getList("items.id"));
        }

        List<String> byCursor = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonPath first = list("page", "0");
        assertEquals(0, first.getInt("page"));
        JsonPath current = first;
        while (true) {
            assertEquals(inSchool, current.getLong("totalItems"));
            byCursor.addAll(current.getList("items.id"));
            names.addAll(current.getList("items.surname"));
            String next = current.getString("next");
            if (next == null) {
                break;
            }
            current = list("after", next);
            assertNull(current.get("page"), "a page asked for by cursor has no number");
        }
        assertEquals(byPage, byCursor);
        assertEquals(inSchool, byCursor.size());
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names, "name order");
        assertTrue(names.indexOf("Abbot") < names.indexOf("Ng") && names.indexOf("Ng") < names.indexOf("Zzyzx"));
    }

    @Test
    void aCursorThatIsNotOneOrWithAPageNumberIsRefused() {
        String next = list("page", "0").getString("next");
        assertNotNull(next);
        for (String bad : new String[] { "not-a-cursor", "AAAA", next + "AA" }) {
            given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", TestSchools.MEADOW)
                    .queryParam("after", bad).get("/api/v1/pupils")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("after"));
        }
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", TestSchools.MEADOW)
                .queryParam("after", next).queryParam("page", 2).get("/api/v1/pupils")
                .then().statusCode(400).body("violations[0].field", equalTo("after"));
        // the last page has no next
        long total = rowsIn(TestSchools.MEADOW);
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", TestSchools.MEADOW)
                .queryParam("size", 200).queryParam("page", (total - 1) / 200).get("/api/v1/pupils")
                .then().statusCode(200).body("next", nullValue());
    }

    @Test
    void theTotalsFollowEveryInsertAndMoveAndSurviveFolding() {
        PupilResourceTest.createPupil("senco.harbour", TestSchools.HARBOUR).then().statusCode(201);
        String moved = PupilResourceTest.createPupil("senco.harbour", TestSchools.HARBOUR).then().statusCode(201)
                .extract().path("id");
        assertTotalsMatchTheRows();

        // a move between schools (as a CTF or MIS import makes it) takes one from one school and adds it to the other
        long harbour = rowsIn(TestSchools.HARBOUR);
        long academy = rowsIn(TestSchools.ACADEMY);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE pupil SET school_urn = ?1 WHERE id = cast(?2 as uuid)")
                .setParameter(1, TestSchools.ACADEMY).setParameter(2, moved).executeUpdate());
        assertEquals(harbour - 1, total(TestSchools.HARBOUR));
        assertEquals(academy + 1, total(TestSchools.ACADEMY));
        assertTotalsMatchTheRows();

        // an import's multi-row insert, and a delete, each counted once per statement
        long meadow = rowsIn(TestSchools.MEADOW);
        List<?> added = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                INSERT INTO pupil (id, trust_id, school_urn, upn, forename, surname, date_of_birth, sex, nc_year,
                                   on_roll_date, version, created_at, updated_at)
                SELECT gen_random_uuid(), 'northbridge', ?1, 'BULK' || n || '-' || gen_random_uuid(), 'Bulk', 'Insert',
                       DATE '2017-01-01', 'F', '3', DATE '2023-09-01', 0, now(), now()
                FROM generate_series(1, 3) n RETURNING cast(id as text)""")
                .setParameter(1, TestSchools.MEADOW).getResultList());
        assertEquals(3, added.size());
        assertEquals(meadow + 3, total(TestSchools.MEADOW));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM pupil WHERE cast(id as text) IN (?1, ?2)")
                .setParameter(1, added.get(0)).setParameter(2, added.get(1)).executeUpdate());
        assertEquals(meadow + 1, total(TestSchools.MEADOW));
        assertTotalsMatchTheRows();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM pupil WHERE cast(id as text) = ?1")
                .setParameter(1, added.get(2)).executeUpdate());
        assertEquals(meadow, total(TestSchools.MEADOW));

        pupils.foldCounts();
        assertTotalsMatchTheRows();
        List<?> perSchool = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT school_urn FROM pupil_count GROUP BY trust_id, school_urn HAVING count(*) > 1").getResultList());
        assertEquals(List.of(), perSchool, "one row per school once folded");
    }

    private void assertTotalsMatchTheRows() {
        for (String school : new String[] { TestSchools.HARBOUR, TestSchools.MEADOW, TestSchools.ACADEMY }) {
            assertEquals(rowsIn(school), total(school), "school " + school);
        }
        long all = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pupil WHERE trust_id = 'northbridge'").getSingleResult()).longValue());
        long trustWide = given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/pupils")
                .then().statusCode(200).extract().jsonPath().getLong("totalItems");
        assertEquals(all, trustWide, "the trust admin's whole register");
    }

    private static JsonPath list(String param, String value) {
        return given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", TestSchools.MEADOW)
                .queryParam("size", 3).queryParam(param, value).get("/api/v1/pupils")
                .then().statusCode(200).extract().jsonPath();
    }

    private static long total(String school) {
        return given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", school).get("/api/v1/pupils")
                .then().statusCode(200).extract().jsonPath().getLong("totalItems");
    }

    private long rowsIn(String school) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pupil WHERE school_urn = ?1").setParameter(1, school).getSingleResult())
                .longValue());
    }
}
