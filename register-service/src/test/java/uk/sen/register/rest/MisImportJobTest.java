package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.register.config.ExchangeConfig;

/**
 * The MIS import as a job (Prefer: respond-async): 202 at once with the job's Location, rows read growing while it
 * runs, and at the end the very report the synchronous form answers for the same file into the same register. What
 * the synchronous form refuses before reading the file is refused before a job starts; what it refuses once the file
 * is read ends the job as FAILED with the reason, having changed nothing. At Riverside Primary, emptied before and
 * after each test as {@link MisFullSyncTest} does (its SENCO is the only demo user covering it).
 */
@QuarkusTest
class MisImportJobTest {

    static final String SENCO = "senco.riverside";
    static final String HEADER = MisFullSyncTest.HEADER;
    /** Riverside Primary's DfE number: the UPNs of this test's pupils, apart from every other test's. */
    static final String RIVERSIDE_DFE = "8012101";
    static final ObjectMapper JSON = new ObjectMapper();

    final LocalDate today = TestDates.today();
    final String school = TestSchools.RIVERSIDE;

    @Inject
    EntityManager em;

    @Inject
    DataSource database;

    @Inject
    ExchangeConfig config;

    @BeforeEach
    void emptyRoll() {
        TestSchools.ensure();
        RegisterFixtures.ensureOtherTrustSchools(em);
        removePupils();
    }

    @AfterEach
    void removePupils() {
        RegisterFixtures.removePupils(em, school);
    }

    static String upn(int n) {
        return TestSchools.upn(RIVERSIDE_DFE, n);
    }

    /** Pupil {@code n}'s row: K every 10th, E every 25th, N otherwise; every 400th has a date of birth not read. */
    String row(int n) {
        LocalDate start = today.minusDays(60);
        String sen = n % 10 == 0 ? "K," + start + ",SLCN,,"
                : n % 25 == 0 ? "E," + start + ",ASD,801," + start
                : "N,,,,";
        String dob = invalid(n) ? "08/08/2018" : today.minusYears(8).minusDays(n % 365).toString();
        return upn(n) + ",Pupil,Number " + n + "," + dob + ",F,4," + sen + "," + today.minusDays(100) + "\n";
    }

    static boolean invalid(int n) {
        return n % 400 == 399;
    }

    /** The rows of pupils {@code from} to {@code from + count - 1}, after the header. */
    String file(int from, int count) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int n = from; n < from + count; n++) {
            csv.append(row(n));
        }
        return csv.toString();
    }

    static Response send(String user, String school, byte[] csv, boolean async, String... params) {
        RequestSpecification request = given().auth().oauth2(Tokens.of(user)).contentType("text/csv; charset=UTF-8")
                .queryParam("school", school);
        if (async) {
            request.header("Prefer", "respond-async");
        }
        for (String param : params) {
            String[] kv = param.split("=", 2);
            request.queryParam(kv[0], kv[1]);
        }
        return request.body(csv).post("/api/v1/imports/mis");
    }

    Response send(byte[] csv, boolean async, String... params) {
        return send(SENCO, school, csv, async, params);
    }

    /** The job's Location from its 202, which answers at once with the job running. */
    static String accepted(Response answer) {
        answer.then().statusCode(202).header("Preference-Applied", "respond-async").body("status", equalTo("RUNNING"))
                .body("rowsRead", equalTo(0));
        String location = answer.header("Location");
        assertTrue(location.matches(".*/api/v1/import-jobs/[0-9a-f-]{36}"), location);
        return location;
    }

    static JsonNode job(String location, String user) {
        return json(given().auth().oauth2(Tokens.of(user)).get(location).then().statusCode(200).extract().asString());
    }

    /** The job once it has finished; a test never leaves one running behind it. */
    static JsonNode finished(String location, String user) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(location, user), j -> !"RUNNING".equals(j.get("status").asText()));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long jobs() throws Exception {
        return count("SELECT count(*) FROM import_job");
    }

    long pupilsOnRoll() throws Exception {
        return count("SELECT count(*) FROM pupil WHERE school_urn = '" + school + "' AND leaving_date IS NULL");
    }

    /**
     * Puts a pupil with this UPN on Riverside's roll in a transaction left open: an import that puts on roll a pupil
     * with the same UPN waits for it there, part way through its file, until the transaction ends.
     */
    void hold(Connection held, String upn) throws Exception {
        held.setAutoCommit(false);
        try (PreparedStatement st = held.prepareStatement("""
                INSERT INTO pupil (id, trust_id, school_urn, upn, forename, surname, date_of_birth, sex, nc_year,
                                   on_roll_date, created_at, updated_at)
                VALUES (?, 'riverside', ?, ?, 'Held', 'Pupil', DATE '2017-01-01', 'F', '4', current_date, now(), now())
                """)) {
            st.setObject(1, UUID.randomUUID());
            st.setString(2, school);
            st.setString(3, upn);
            st.executeUpdate();
        }
    }

    static void assertCountsAreTheReports(JsonNode job) {
        JsonNode report = job.get("report");
        assertEquals(report.get("rows").asLong(), job.get("rowsRead").asLong(), "rowsRead");
        assertEquals(report.get("created").asLong() + report.get("updated").asLong() + report.get("left").asLong()
                - report.get("notInFile").asLong(), job.get("applied").asLong(), "applied");
        assertEquals(report.get("unchanged").asLong(), job.get("unchanged").asLong(), "unchanged");
        assertEquals(report.get("invalid").asLong(), job.get("invalid").asLong(), "invalid");
    }

    @Test
    void fiftyThousandRowsRunAsAJobThatShowsItsProgressAndEndsWithTheSynchronousReport() throws Exception {
        int rows = 50_000;
        StringBuilder text = new StringBuilder(HEADER);
        for (int n = 0; n < rows - 1; n++) {
            text.append(row(n));
        }
        text.append(row(1)); // a UPN given twice: the second row is refused
        byte[] csv = MisImportTest.utf8(text.toString());
        assertTrue(csv.length < config.misMaxBytes(), csv.length + " bytes");
        assertTrue(rows > 40 * config.batchSize(), "the file is many batches");

        // both are dry runs: each starts from the same register (an empty roll) and changes nothing
        long start = System.nanoTime();
        JsonNode synchronous = json(send(csv, false, "dryRun=true").then().statusCode(200).extract().asString());
        long synchronousMs = (System.nanoTime() - start) / 1_000_000;
        long invalid = 1 + java.util.stream.IntStream.range(0, rows - 1).filter(MisImportJobTest::invalid).count();
        assertEquals(rows, synchronous.get("rows").asLong());
        assertEquals(rows - invalid, synchronous.get("created").asLong());
        assertEquals(invalid, synchronous.get("errorCount").asLong());
        assertTrue(synchronous.get("truncated").asBoolean(), "more errors than the report lists");

        // pupil 25,000's row (row 25,002) waits on a pupil held with its UPN, so the job is seen half-way
        String location;
        JsonNode running;
        long answeredMs;
        long heldMs;
        try (Connection held = database.getConnection()) {
            hold(held, upn(25_000));
            long sent = System.nanoTime();
            try {
                Response answer = send(csv, true, "dryRun=true");
                answeredMs = (System.nanoTime() - sent) / 1_000_000;
                location = accepted(answer);
                running = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> job(location, SENCO), j -> j.get("rowsRead").asLong() > 0);
            } finally {
                held.rollback();
                heldMs = (System.nanoTime() - sent) / 1_000_000;
            }
        }
        assertEquals("RUNNING", running.get("status").asText(), running.toString());
        long readHalfWay = running.get("rowsRead").asLong();
        assertTrue(readHalfWay > 0 && readHalfWay < rows, "rows read while held: " + readHalfWay);
        assertEquals(readHalfWay, running.get("applied").asLong() + running.get("unchanged").asLong()
                + running.get("invalid").asLong(), "every row read so far is accounted for: " + running);
        assertFalse(running.has("report"), "no report before the end");

        JsonNode done = finished(location, SENCO);
        assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
        assertEquals(rows, done.get("rowsRead").asLong());
        assertEquals(synchronous, done.get("report"), "the job's report is the synchronous form's");
        assertCountsAreTheReports(done);
        assertEquals(0, pupilsOnRoll(), "dry runs");
        long jobMs = Duration.between(Instant.parse(done.get("createdAt").asText()),
                Instant.parse(done.get("finishedAt").asText())).toMillis();
        System.out.printf("[import job] %,d-row MIS dry run: synchronous %d ms; as a job 202 in %d ms, held %d ms at "
                + "%,d rows read, finished %d ms after it was created%n", rows, synchronousMs, answeredMs, heldMs,
                readHalfWay, jobMs);
    }

    @Test
    void anImportAsAJobPutsThePupilsOnRollWithTheReportTheSynchronousFormGave() throws Exception {
        int rows = config.batchSize() + 20;
        byte[] csv = MisImportTest.utf8(file(60_000, rows));
        JsonNode synchronous = json(send(csv, false).then().statusCode(200).extract().asString());
        assertEquals(rows - 1, synchronous.get("created").asLong(), "pupil 60,399's row is refused");
        removePupils();

        String location = accepted(send(csv, true));
        JsonNode done = finished(location, SENCO);
        assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
        assertEquals(synchronous, done.get("report"), "the same file into the same register");
        assertEquals(false, done.get("report").get("dryRun").asBoolean());
        assertCountsAreTheReports(done);
        assertEquals(rows - 1, pupilsOnRoll());
        String k = RegisterFixtures.idOf(SENCO, upn(60_000));
        assertNotNull(k);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + k).then().statusCode(200)
                .body("provision", equalTo("K")).body("schoolUrn", equalTo(school));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("subjectId", k).queryParam("action", "IMPORT")
                .get("/api/v1/audit").then().statusCode(200).body("items[0].actor", equalTo(SENCO));
        // the same file again, as a job: nothing left to change
        JsonNode again = finished(accepted(send(csv, true)), SENCO);
        assertEquals(rows - 1, again.get("unchanged").asLong());
        assertEquals(0, again.get("applied").asLong());
    }

    @Test
    void whatIsRefusedAfterReadingEndsTheJobAsFailedWithTheReason() throws Exception {
        byte[] roll = MisImportTest.utf8(file(70_000, 10));
        send(roll, false).then().statusCode(200).body("created", equalTo(10));

        // the safety stop: 8 of the 10 would leave
        String location = accepted(send(MisImportTest.utf8(file(70_000, 2)), true, "mode=full"));
        JsonNode failed = finished(location, SENCO);
        assertEquals("FAILED", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("problem").asText().contains("8 of the 10 pupils on roll at school " + school + " on "
                + today + " would be recorded as leaving"), failed.get("problem").asText());
        assertTrue(failed.get("problem").asText().contains("nothing was imported"), failed.get("problem").asText());
        assertFalse(failed.has("report"));
        assertEquals(2, failed.get("rowsRead").asLong());
        assertEquals(10, pupilsOnRoll(), "nothing changed");

        // a required column missing
        String noDob = file(70_000, 10).replace(",DOB,", ",Born,");
        JsonNode refused = finished(accepted(send(MisImportTest.utf8(noDob), true)), SENCO);
        assertEquals("FAILED", refused.get("status").asText());
        assertTrue(refused.get("problem").asText().contains("DOB: required column is missing"),
                refused.get("problem").asText());
        assertEquals(0, refused.get("rowsRead").asLong());
    }

    @Test
    void whatIsRefusedBeforeReadingIsAnsweredAtOnceAndStartsNoJob() throws Exception {
        byte[] csv = MisImportTest.utf8(file(80_000, 3));
        long before = jobs();
        // another trust's school, and a school of one's trust that is not one's own
        send("senco.harbour", school, csv, true).then().statusCode(404).contentType("application/problem+json");
        send("senco.meadow", TestSchools.HARBOUR, csv, true).then().statusCode(404)
                .contentType("application/problem+json");
        send(csv, true, "mode=sideways").then().statusCode(400).body("violations[0].field", equalTo("mode"));
        send(csv, true, "asOf=" + today.plusDays(1)).then().statusCode(400)
                .body("violations[0].field", equalTo("asOf"));
        send(csv, true, "confirmLeavers=perhaps").then().statusCode(400)
                .body("violations[0].field", equalTo("confirmLeavers"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=ISO-8859-1").header("Prefer",
                "respond-async").queryParam("school", school).body(csv).post("/api/v1/imports/mis").then()
                .statusCode(415).contentType("application/problem+json");
        // too large, announced or found while reading it whole
        long limit = config.misMaxBytes();
        byte[] large = ImportLimitsTest.padded(new String(csv, java.nio.charset.StandardCharsets.UTF_8), limit + 1);
        send(large, true).then().statusCode(413).body("type", equalTo("urn:uk-sen:problem:file-too-large"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=UTF-8").header("Prefer",
                "respond-async").queryParam("school", school).body(new ByteArrayInputStream(large))
                .post("/api/v1/imports/mis").then().statusCode(413)
                .body("type", equalTo("urn:uk-sen:problem:file-too-large"));
        assertEquals(before, jobs(), "no job was started");
        assertEquals(0, pupilsOnRoll());

        // a Prefer without respond-async is the synchronous form
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=UTF-8").header("Prefer",
                "return=minimal, wait=10").queryParam("school", school).queryParam("dryRun", "true").body(csv)
                .post("/api/v1/imports/mis").then().statusCode(200).body("created", equalTo(3));
        assertEquals(before, jobs());
    }

    @Test
    void aJobIsSeenOnlyByItsSchoolAndItsTrust() {
        byte[] csv = MisImportTest.utf8(HEADER + TestSchools.newUpn() + ",Pupil,Seen," + today.minusYears(8)
                + ",F,4,N,,,,," + today.minusDays(3) + "\n");
        String location = accepted(send("senco.harbour", TestSchools.HARBOUR, csv, true, "dryRun=true"));
        JsonNode done = finished(location, "senco.harbour");
        assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
        assertEquals("mis", done.get("kind").asText());
        for (String outsider : new String[] { "senco.meadow", SENCO }) {
            given().auth().oauth2(Tokens.of(outsider)).get(location).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.of("teacher.harbour")).get(location).then().statusCode(403);
        given().auth().oauth2(Tokens.of("trust.admin")).get(location).then().statusCode(200)
                .body("report.school", equalTo(TestSchools.HARBOUR));
        given().auth().oauth2(Tokens.mis()).get(location).then().statusCode(200);
        given().auth().oauth2(Tokens.of("senco.harbour")).get(location).then().body("report.created", equalTo(1))
                .body("report.dryRun", equalTo(true)).body("$", not(hasKey("problem")));
    }
}
