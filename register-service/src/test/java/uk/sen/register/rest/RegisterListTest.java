package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
        assertEquals(inSchool, new HashSet<>(byCursor).size(), "every pupil exactly once");
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
    void theCursorCarriesNoNameAndNamesOnlyAPupilTheListCouldShow() {
        String abbot = pupil(TestSchools.MEADOW, "Cursorina", "Abbotsbury");
        JsonPath first = given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", TestSchools.MEADOW)
                .queryParam("name", "Abbotsbury").queryParam("size", 1).get("/api/v1/pupils")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(abbot, first.getString("items[0].id"));
        pupil(TestSchools.MEADOW, "Cursorina", "Abbotsbury"); // a second, so the first page has a next
        String next = given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", TestSchools.MEADOW)
                .queryParam("name", "Abbotsbury").queryParam("size", 1).get("/api/v1/pupils")
                .then().statusCode(200).extract().path("next");
        assertNotNull(next);
        String decoded = new String(Base64.getUrlDecoder().decode(next), StandardCharsets.ISO_8859_1);
        assertFalse(decoded.contains("Abbotsbury") || decoded.contains("Cursorina"), "no name in the cursor");
        assertFalse(next.toLowerCase(Locale.ROOT).contains("abbot"), "no name in the cursor");
        assertTrue(next.length() <= 24, "an id, nothing more: " + next);

        // a cursor is good only for the list it came from: another school's list, or a SENCO of another school
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("school", TestSchools.HARBOUR)
                .queryParam("after", next).get("/api/v1/pupils")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("after"));
        given().auth().oauth2(Tokens.of("senco.harbour")).queryParam("after", next).get("/api/v1/pupils")
                .then().statusCode(400).body("violations[0].field", equalTo("after"));
        given().auth().oauth2(Tokens.of("senco.riverside")).queryParam("after", next).get("/api/v1/pupils")
                .then().statusCode(400).body("violations[0].field", equalTo("after"));
        given().auth().oauth2(Tokens.of("senco.meadow")).queryParam("after", next).get("/api/v1/pupils")
                .then().statusCode(200);
    }

    @Test
    void aTamperedCursorIsRefusedNeverAWrongPage() throws Exception {
        String id = pupil(TestSchools.MEADOW, "Tamsin", "Tampered");
        for (int i = 0; i < 3; i++) {
            pupil(TestSchools.MEADOW, "Tamsin", "Tampered"); // more than the page of 3, so it has a next
        }
        String next = list("page", "0").getString("next");
        byte[] token = Base64.getUrlDecoder().decode(next);
        List<String> tampered = new ArrayList<>();
        tampered.add(next.substring(0, next.length() - 2));
        tampered.add(next + "A");
        tampered.add(next.replace(next.charAt(0), next.charAt(0) == 'B' ? 'C' : 'B'));
        byte[] flipped = token.clone();
        flipped[flipped.length - 1] ^= 0x55;
        tampered.add(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped));
        tampered.add("!!!!");
        // the names a cursor used to carry, made up: it must not start a page at a made-up place
        ByteArrayOutputStream named = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(named)) {
            UUID pupil = UUID.fromString(id);
            out.writeLong(pupil.getMostSignificantBits());
            out.writeLong(pupil.getLeastSignificantBits());
            out.writeUTF("Aaaa");
            out.writeUTF("Mmmm");
        }
        tampered.add(Base64.getUrlEncoder().withoutPadding().encodeToString(named.toByteArray()));
        for (String bad : tampered) {
            if (bad.equals(next)) {
                continue;
            }
            io.restassured.response.Response answer = given().auth().oauth2(Tokens.of("trust.admin"))
                    .queryParam("school", TestSchools.MEADOW).queryParam("size", 3).queryParam("after", bad)
                    .get("/api/v1/pupils");
            assertEquals(400, answer.statusCode(), "after=" + bad);
            answer.then().contentType("application/problem+json").body("violations[0].field", equalTo("after"))
                    .body("detail", not(containsString("Tampered")));
        }
    }

    @Test
    void laOfficersMayNotListPupils() {
        for (String token : new String[] { Tokens.of("la.officer"), Tokens.client("sen-la", "sen-la-secret") }) {
            given().auth().oauth2(token).get("/api/v1/pupils").then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403));
            given().auth().oauth2(token).queryParam("school", TestSchools.HARBOUR).get("/api/v1/pupils").then()
                    .statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void theNameFilterMatchesWildcardCharactersLiterally() {
        String percent = pupil(TestSchools.HARBOUR, "Per%cy", "Wildcard");
        String underscore = pupil(TestSchools.HARBOUR, "Una", "Under_Score");
        String bang = pupil(TestSchools.HARBOUR, "Bang!", "Wildcard");
        String plain = pupil(TestSchools.HARBOUR, "Plain", "Wildcard");
        for (String[] c : new String[][] { { "%", percent }, { "_", underscore }, { "!", bang },
                { "r%c", percent }, { "r_s", underscore }, { "g!", bang } }) {
            List<Map<String, String>> items = given().auth().oauth2(Tokens.of("trust.admin"))
                    .queryParam("name", c[0]).queryParam("size", 200).get("/api/v1/pupils")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            List<String> ids = items.stream().map(i -> i.get("id")).toList();
            assertTrue(ids.contains(c[1]), "name=" + c[0] + " finds the pupil with it in their name");
            assertFalse(ids.contains(plain), "name=" + c[0] + " does not match every name");
            String needle = c[0].toLowerCase(Locale.ROOT);
            for (Map<String, String> i : items) {
                assertTrue(i.get("surname").toLowerCase(Locale.ROOT).contains(needle)
                        || i.get("forename").toLowerCase(Locale.ROOT).contains(needle),
                        "name=" + c[0] + " matched " + i.get("forename") + " " + i.get("surname"));
            }
        }
    }

    /** Puts a pupil with this name on the roll of a school (as its SENCO); returns the id. */
    @Test
    void pupilsNamedByIdAreListedWithinTheCallersScopeOnly() {
        String first = pupil(TestSchools.HARBOUR, "Idris", "Byid");
        String second = pupil(TestSchools.HARBOUR, "Ida", "Byid");
        String elsewhere = pupil(TestSchools.MEADOW, "Iona", "Byid");
        JsonPath page = given().auth().oauth2(Tokens.of("senco.harbour"))
                .queryParam("id", first).queryParam("id", second).queryParam("id", elsewhere)
                .queryParam("id", UUID.randomUUID().toString()).get("/api/v1/pupils")
                .then().statusCode(200).extract().jsonPath();
        // Meadow's pupil is not Harbour's SENCO's to see, and an unknown id is simply not there
        assertEquals(List.of(second, first), page.getList("items.id"));
        assertEquals(List.of("Ida", "Idris"), page.getList("items.forename"));
        assertEquals(2, page.getInt("totalItems"));
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("id", first).queryParam("id", elsewhere)
                .get("/api/v1/pupils").then().statusCode(200).body("totalItems", equalTo(2));

        given().auth().oauth2(Tokens.of("senco.harbour")).queryParam("id", "not-an-id").get("/api/v1/pupils")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("id"));
        var tooMany = given().auth().oauth2(Tokens.of("senco.harbour"));
        for (int i = 0; i <= 100; i++) {
            tooMany = tooMany.queryParam("id", UUID.randomUUID().toString());
        }
        tooMany.get("/api/v1/pupils").then().statusCode(400).body("violations[0].field", equalTo("id"));
    }

    private static String pupil(String school, String forename, String surname) {
        String senco = school.equals(TestSchools.MEADOW) ? "senco.meadow" : "senco.harbour";
        return given().auth().oauth2(Tokens.of(senco)).contentType(ContentType.JSON)
                .body(PupilResourceTest.pupilJson(TestSchools.newUpn(), school, "2017-05-02")
                        .replace("\"Ada\"", "\"" + forename + "\"")
                        .replace("\"Testpupil\"", "\"" + surname + "\""))
                .post("/api/v1/pupils").then().statusCode(201).extract().path("id");
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
