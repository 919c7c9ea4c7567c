package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import uk.sen.platform.testing.Tokens;

/**
 * The CTF import as a job (Prefer: respond-async): the same report as the synchronous form for the same file into the
 * same register, and the job belongs to the school the file's header names; a file for a school that is not the
 * caller's, or that is not a CTF, is refused before any job starts. The realistic file of {@link CtfTest}, sent to
 * Riverside Primary, which is emptied before and after each test.
 */
@QuarkusTest
class CtfImportJobTest {

    static final String SENCO = "senco.riverside";

    @Inject
    EntityManager em;

    @Inject
    DataSource database;

    @BeforeEach
    void emptyRoll() {
        TestSchools.ensure();
        RegisterFixtures.ensureOtherTrustSchools(em);
        removePupils();
    }

    @AfterEach
    void removePupils() {
        RegisterFixtures.removePupils(em, TestSchools.RIVERSIDE);
    }

    /** The file of five leavers, addressed to Riverside Primary (LA 801, school 2101) instead of Meadow. */
    static byte[] forRiverside() throws Exception {
        String xml = new String(CtfTest.resource("/ctf/9352417_CTF_8012002_014.xml"), StandardCharsets.UTF_8);
        String meadow = "<DestSchool>\n      <LEA>801</LEA>\n      <Estab>2002</Estab>";
        assertTrue(xml.contains(meadow));
        return xml.replace(meadow, meadow.replace("2002", "2101")).getBytes(StandardCharsets.UTF_8);
    }

    static Response send(String user, byte[] xml, boolean async, String... params) {
        RequestSpecification request = given().auth().oauth2(Tokens.of(user)).contentType("application/xml");
        if (async) {
            request.header("Prefer", "respond-async");
        }
        for (String param : params) {
            String[] kv = param.split("=", 2);
            request.queryParam(kv[0], kv[1]);
        }
        return request.body(xml).post("/api/v1/imports/ctf");
    }

    long jobs() throws Exception {
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM import_job")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aCtfImportedAsAJobEndsWithTheReportTheSynchronousFormGave() throws Exception {
        byte[] file = forRiverside();
        JsonNode synchronous = MisImportJobTest.json(send(SENCO, file, false).then().statusCode(200).extract()
                .asString());
        assertEquals(5, synchronous.get("created").asLong());
        assertEquals(TestSchools.RIVERSIDE, synchronous.get("school").asText());
        removePupils();

        String location = MisImportJobTest.accepted(send(SENCO, file, true));
        JsonNode done = MisImportJobTest.finished(location, SENCO);
        assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
        assertEquals("ctf", done.get("kind").asText());
        assertEquals(synchronous, done.get("report"), "the same file into the same register");
        assertEquals(5, done.get("rowsRead").asLong());
        assertEquals(5, done.get("applied").asLong());
        assertEquals(0, done.get("unchanged").asLong() + done.get("invalid").asLong());
        String poppy = RegisterFixtures.idOf(SENCO, "D935241719001");
        assertNotNull(poppy);
        assertEquals(List.of("K 2021-09-06 2024-03-18", "E 2024-03-18 -"),
                RegisterFixtures.history(SENCO, RegisterFixtures.idOf(SENCO, "T935241719002")));
        // the job is Riverside's: another trust's SENCO does not see it
        given().auth().oauth2(Tokens.of("senco.meadow")).get(location).then().statusCode(404);

        // a dry run as a job, now that the register has them: all unchanged, as the synchronous dry run says
        JsonNode dry = MisImportJobTest.json(send(SENCO, file, false, "dryRun=true").then().statusCode(200)
                .extract().asString());
        assertEquals(5, dry.get("unchanged").asLong());
        JsonNode dryJob = MisImportJobTest.finished(MisImportJobTest.accepted(send(SENCO, file, true,
                "dryRun=true")), SENCO);
        assertEquals(dry, dryJob.get("report"));
        assertEquals(5, dryJob.get("unchanged").asLong());
    }

    @Test
    void aFileForAnotherSchoolOrNotACtfIsRefusedBeforeAnyJobStarts() throws Exception {
        byte[] file = forRiverside();
        long before = jobs();
        send("senco.harbour", file, true).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("801-2101"));
        send(SENCO, file, true, "school=" + TestSchools.HARBOUR).then().statusCode(400)
                .body("violations[0].field", equalTo("school"));
        send(SENCO, "UPN,Surname\n".getBytes(StandardCharsets.UTF_8), true).then().statusCode(400)
                .contentType("application/problem+json");
        send(SENCO, file, true, "entryDate=yesterday").then().statusCode(400)
                .body("violations[0].field", equalTo("entryDate"));
        send(SENCO, file, true, "dryRun=perhaps").then().statusCode(400)
                .body("violations[0].field", equalTo("dryRun"));
        assertEquals(before, jobs(), "no job was started");
        assertNull(RegisterFixtures.idOf(SENCO, "D935241719001"));
    }
}
