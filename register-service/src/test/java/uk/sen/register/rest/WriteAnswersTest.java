package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;

/**
 * Every write of the register answers with what it stored: a 2xx answer is what a GET then reads (body and ETag),
 * and a 4xx answer leaves what a GET reads as it was. Writes: schools (create, update), pupils (create, update,
 * leave), provisions (open, change, close), needs, and the MIS and CTF imports.
 */
@QuarkusTest
class WriteAnswersTest {

    static final String SENCO = "senco.harbour";
    static final String ADMIN = "trust.admin";
    private static final AtomicInteger SCHOOLS = new AtomicInteger();

    @Inject
    EntityManager em;

    @BeforeEach
    void schools() {
        TestSchools.ensure();
    }

    /** A pupil as a GET reads them, with their provision history. */
    record Stored(Map<String, Object> pupil, String etag, List<Object> history) {
    }

    static Stored stored(String id) {
        Response pupil = given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id);
        pupil.then().statusCode(200);
        List<Object> history = given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id + "/provisions")
                .then().statusCode(200).extract().jsonPath().getList("");
        return new Stored(pupil.jsonPath().getMap(""), pupil.header("ETag"), history);
    }

    /** The answer of a write is the pupil as stored. */
    static void answersAsStored(Response answer, int status) {
        answer.then().statusCode(status).contentType("application/json");
        Stored now = stored(answer.jsonPath().getString("id"));
        assertEquals(now.pupil(), answer.jsonPath().getMap(""), "the answer's body is what was stored");
        assertEquals(now.etag(), answer.header("ETag"), "the answer's ETag is the stored version");
    }

    /** A refusal: a problem, and what a GET reads unchanged. */
    static void refusedChangingNothing(Response answer, int status, String id, Stored before) {
        answer.then().statusCode(status).contentType("application/problem+json");
        assertEquals(before, stored(id));
    }

    static Response send(String method, String path, String ifMatch, String body) {
        var request = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.request(method, path);
    }

    static String details(Stored s, String field, String value) {
        Map<String, Object> p = s.pupil();
        Map<String, Object> body = new java.util.HashMap<>();
        for (String f : List.of("upn", "forename", "surname", "dateOfBirth", "sex", "ncYear", "schoolUrn",
                "onRollDate", "leavingDate")) {
            body.put(f, p.get(f));
        }
        body.put(field, value);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pupilCreateAndDetailsChanges() {
        String upn = TestSchools.newUpn();
        Response created = send("POST", "/api/v1/pupils", null,
                PupilResourceTest.pupilJson(upn, TestSchools.HARBOUR, "2016-03-14"));
        answersAsStored(created, 201);
        String id = created.jsonPath().getString("id");
        String refused = TestSchools.newUpn();
        send("POST", "/api/v1/pupils", null, PupilResourceTest.pupilJson(refused, TestSchools.HARBOUR,
                TestDates.today().plusDays(1).toString())).then().statusCode(400)
                .contentType("application/problem+json");
        assertNull(RegisterFixtures.idOf(SENCO, refused));

        // a change of name alone: the needs are not otherwise loaded by the change
        Stored before = stored(id);
        Response renamed = send("PUT", "/api/v1/pupils/" + id, before.etag(), details(before, "forename", "Adaline"));
        answersAsStored(renamed, 200);
        renamed.then().body("forename", equalTo("Adaline"));
        // the client's retry of a change it was answered for: 412, and still as answered
        Stored after = stored(id);
        refusedChangingNothing(send("PUT", "/api/v1/pupils/" + id, before.etag(),
                details(before, "forename", "Adaline")), 412, id, after);
        refusedChangingNothing(send("PUT", "/api/v1/pupils/" + id, after.etag(), details(after, "sex", "Q")), 400,
                id, after);
        refusedChangingNothing(send("PUT", "/api/v1/pupils/" + id, after.etag(),
                details(after, "schoolUrn", TestSchools.MEADOW)), 400, id, after);

        // a year group change (announced), then leaving with nothing open
        Response moved = send("PUT", "/api/v1/pupils/" + id, after.etag(), details(after, "ncYear", "5"));
        answersAsStored(moved, 200);
        Stored fifth = stored(id);
        Response left = send("PUT", "/api/v1/pupils/" + id, fifth.etag(),
                details(fifth, "leavingDate", TestDates.today().toString()));
        answersAsStored(left, 200);
        left.then().body("leavingDate", equalTo(TestDates.today().toString()));
    }

    @Test
    void provisionAndNeedsChanges() {
        String id = RegisterFixtures.pupil(SENCO, TestSchools.newUpn(), TestSchools.HARBOUR, "2016-03-14", "4",
                "2022-09-01");
        Stored n = stored(id);
        refusedChangingNothing(send("POST", "/api/v1/pupils/" + id + "/provisions", n.etag(), """
                {"provision":"S","startDate":"2025-09-08","needs":[{"rank":1,"code":"ASD"}]}"""), 400, id, n);
        refusedChangingNothing(send("PUT", "/api/v1/pupils/" + id + "/needs", n.etag(), """
                {"needs":[{"rank":1,"code":"ASD"}]}"""), 400, id, n);
        refusedChangingNothing(send("POST", "/api/v1/pupils/" + id + "/provisions/close", n.etag(), """
                {"endDate":"2025-09-08","reason":"Needs met"}"""), 422, id, n);

        answersAsStored(send("POST", "/api/v1/pupils/" + id + "/provisions", n.etag(), """
                {"provision":"K","startDate":"2025-09-08","needs":[{"rank":1,"code":"SLCN"},{"rank":2,"code":"SEMH"}]}"""),
                200);
        Stored k = stored(id);
        refusedChangingNothing(send("POST", "/api/v1/pupils/" + id + "/provisions", k.etag(), """
                {"provision":"K","startDate":"2025-10-01","needs":[{"rank":1,"code":"MLD"}]}"""), 422, id, k);
        refusedChangingNothing(send("PUT", "/api/v1/pupils/" + id + "/needs", n.etag(), """
                {"needs":[{"rank":1,"code":"MLD"}]}"""), 412, id, k);

        answersAsStored(send("PUT", "/api/v1/pupils/" + id + "/needs", k.etag(), """
                {"needs":[{"rank":1,"code":"MLD"}]}"""), 200);
        Stored mld = stored(id);
        answersAsStored(send("POST", "/api/v1/pupils/" + id + "/provisions", mld.etag(), """
                {"provision":"E","startDate":"2025-11-03","needs":[{"rank":1,"code":"ASD"}],
                 "issuingLa":"801","planIssueDate":"2025-11-03"}"""), 200);
        Stored e = stored(id);
        refusedChangingNothing(send("POST", "/api/v1/pupils/" + id + "/provisions/close", e.etag(),
                "{\"endDate\":\"" + TestDates.today().plusDays(1) + "\",\"reason\":\"Needs met\"}"), 400, id, e);
        answersAsStored(send("POST", "/api/v1/pupils/" + id + "/provisions/close", e.etag(),
                "{\"endDate\":\"" + TestDates.today() + "\",\"reason\":\"Needs met\"}"), 200);
        assertEquals(2, stored(id).history().size());
    }

    @Test
    void schoolCreateAndUpdate() {
        String urn = String.valueOf(970000 + SCHOOLS.incrementAndGet());
        String refusedUrn = String.valueOf(970500 + SCHOOLS.incrementAndGet());
        String school = """
                {"urn":"%s","laCode":"999","estabNumber":"%s","name":"Answer Test School","phase":"PRIMARY",
                 "lowestAge":4,"highestAge":11}""";
        try {
            Response created = given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                    .body(school.formatted(urn, urn.substring(2))).post("/api/v1/schools");
            created.then().statusCode(201);
            Response read = readSchool(urn);
            assertEquals(read.jsonPath().getMap(""), created.jsonPath().getMap(""));
            assertEquals(read.header("ETag"), created.header("ETag"));

            given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                    .body(school.formatted(urn, "0001").replace("Answer Test", "Duplicate")).post("/api/v1/schools")
                    .then().statusCode(409).contentType("application/problem+json");
            given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                    .body(school.formatted(refusedUrn, refusedUrn.substring(2)).replace("\"lowestAge\":4", "\"lowestAge\":12"))
                    .post("/api/v1/schools").then().statusCode(400).contentType("application/problem+json");
            given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/schools/" + refusedUrn).then().statusCode(404);
            assertEquals(read.jsonPath().getMap(""), readSchool(urn).jsonPath().getMap(""));

            String etag = read.header("ETag");
            Response updated = given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                    .header("If-Match", etag).body(school.formatted(urn, urn.substring(2)).replace("Answer", "Changed"))
                    .put("/api/v1/schools/" + urn);
            updated.then().statusCode(200).body("name", equalTo("Changed Test School"));
            Response reread = readSchool(urn);
            assertEquals(reread.jsonPath().getMap(""), updated.jsonPath().getMap(""));
            assertEquals(reread.header("ETag"), updated.header("ETag"));

            Map<Integer, Response> refusals = Map.of(
                    412, given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON).header("If-Match", etag)
                            .body(school.formatted(urn, urn.substring(2))).put("/api/v1/schools/" + urn),
                    400, given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                            .header("If-Match", reread.header("ETag"))
                            .body(school.formatted(refusedUrn, urn.substring(2))).put("/api/v1/schools/" + urn));
            refusals.forEach((status, refused) -> {
                refused.then().statusCode(status).contentType("application/problem+json");
                Response now = readSchool(urn);
                assertEquals(reread.jsonPath().getMap(""), now.jsonPath().getMap(""));
                assertEquals(reread.header("ETag"), now.header("ETag"));
            });
        } finally {
            // the trust's reports list its schools: leave the trust as the other tests expect it
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM school WHERE urn IN (?1, ?2)")
                    .setParameter(1, urn).setParameter(2, refusedUrn).executeUpdate());
        }
    }

    private static Response readSchool(String urn) {
        Response read = given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/schools/" + urn);
        read.then().statusCode(200);
        return read;
    }

    @Test
    void misImport() {
        String existing = TestSchools.newUpn();
        String id = RegisterFixtures.pupil(SENCO, existing, TestSchools.HARBOUR, "2016-03-14", "4", "2022-09-01");
        Stored before = stored(id);
        String newcomer = TestSchools.newUpn();
        String file = MisImportTest.HEADER
                + newcomer + ",Khan,Amira,2016-03-14,F,4,,K,2025-09-08,SLCN,SEMH,,,\n"
                + existing + ",Pupil " + existing.substring(9) + ",Fixture,2016-03-14,F,5,,N,,,,,,\n"
                + "A801200005001,Bad,Upn,2016-03-14,F,4,,N,,,,,,\n";

        // refused whole: a required column missing
        MisImportTest.importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, MisImportTest.utf8(
                file.replace("PrimaryNeed,", ""))).statusCode(400).contentType("application/problem+json");
        assertNull(RegisterFixtures.idOf(SENCO, newcomer));
        assertEquals(before, stored(id));

        MisImportTest.importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, MisImportTest.utf8(file))
                .statusCode(200).body("created", equalTo(1)).body("updated", equalTo(1))
                .body("invalid", equalTo(1)).body("errorCount", equalTo(1));
        String createdId = RegisterFixtures.idOf(SENCO, newcomer);
        assertNotNull(createdId);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + createdId).then().statusCode(200)
                .body("surname", equalTo("Khan")).body("provision", equalTo("K"))
                .body("needs.code", equalTo(List.of("SLCN", "SEMH")));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id).then().statusCode(200)
                .body("ncYear", equalTo("5"));
    }

    @Test
    void ctfImport() {
        String upn = TestSchools.newUpn();
        String file = ImportLimitsTest.CTF_HEAD + ImportLimitsTest.ctfPupil(upn) + "</CTFpupilData></CTfile>";
        CtfTest.importCtf(Tokens.of(SENCO), file.replace("</CTfile>", "").getBytes(StandardCharsets.UTF_8), null)
                .then().statusCode(400).contentType("application/problem+json");
        assertNull(RegisterFixtures.idOf(SENCO, upn));

        CtfTest.importCtf(Tokens.of(SENCO), file.getBytes(StandardCharsets.UTF_8), null).then().statusCode(200)
                .body("created", equalTo(1)).body("invalid", equalTo(0));
        String id = RegisterFixtures.idOf(SENCO, upn);
        assertNotNull(id);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id).then().statusCode(200)
                .body("surname", equalTo("Cut")).body("schoolUrn", equalTo(TestSchools.HARBOUR));
    }
}
