package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.sen.platform.testing.Tokens;
import uk.sen.register.config.ExchangeConfig;

/**
 * What bounds an import: the size of the file (413 before anything is kept, whether the length is announced or not)
 * and the size of its report (the first errors listed, all counted), so no file can run the service out of memory.
 */
@QuarkusTest
class ImportLimitsTest {

    static final String SENCO = "senco.harbour";
    static final String HEADER = MisImportTest.HEADER;

    @Inject
    ExchangeConfig config;

    @BeforeEach
    void schools() {
        TestSchools.ensure();
    }

    static String misRow(String upn) {
        return upn + ",Khan,Amira,2016-03-14,F,4,,N,,,,,,\n";
    }

    /** The text, then blank lines (which a CSV import skips, and a CTF's XML ignores) up to {@code length} bytes. */
    static byte[] padded(String text, long length) {
        byte[] start = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(start, Math.toIntExact(length));
        Arrays.fill(all, start.length, all.length, (byte) '\n');
        return all;
    }

    @Test
    void aMisFileJustOverTheLimitIsRefusedWith413AndImportsNothing() {
        long limit = config.misMaxBytes();
        assertEquals(20L * 1024 * 1024, limit, "the documented default");
        assertTrue(config.batchSize() < 501, "the streamed file below holds more than one batch");

        // announced by its Content-Length: refused before it is read
        String announced = TestSchools.newUpn();
        MisImportTest.importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null,
                padded(HEADER + misRow(announced), limit + 1))
                .statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:file-too-large")).body("status", equalTo(413));
        assertNull(RegisterFixtures.idOf(SENCO, announced));

        // sent without a length: a whole batch is applied before the limit is passed, then rolled back with the rest
        List<String> upns = new ArrayList<>();
        StringBuilder rows = new StringBuilder(HEADER);
        for (int i = 0; i < 501; i++) {
            upns.add(TestSchools.newUpn());
            rows.append(misRow(upns.get(i)));
        }
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=UTF-8")
                .queryParam("school", TestSchools.HARBOUR)
                .body(new ByteArrayInputStream(padded(rows.toString(), limit + 1))).post("/api/v1/imports/mis")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:file-too-large"));
        assertNull(RegisterFixtures.idOf(SENCO, upns.get(0)), "the first batch was rolled back");
        assertNull(RegisterFixtures.idOf(SENCO, upns.get(500)));

        // at the limit exactly: read to the end
        String atLimit = TestSchools.newUpn();
        MisImportTest.importFile(Tokens.of(SENCO), TestSchools.HARBOUR, "true",
                padded(HEADER + misRow(atLimit), limit)).statusCode(200).body("created", equalTo(1));
    }

    @Test
    void thousandsOfBadRowsAreCountedAndTheFirstHundredListed() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 3000; i++) {
            csv.append(misRow("A801200005001"));
        }
        JsonPath report = MisImportTest.importFile(Tokens.of(SENCO), TestSchools.HARBOUR, "true",
                MisImportTest.utf8(csv.toString())).statusCode(200)
                .body("rows", equalTo(3000)).body("invalid", equalTo(3000))
                .body("errorCount", equalTo(3000)).body("truncated", equalTo(true))
                .body("errors", hasSize(100)).extract().jsonPath();
        assertEquals(2, report.getInt("errors[0].row"), "the first errors, in row order");
        assertEquals(101, report.getInt("errors[99].row"));
        assertEquals("UPN invalid (wrong check letter at character 1)", report.getString("errors[99].message"));
    }

    /** The incident: 4 MB of one pupil's row repeated gave a 12 MB report. */
    @Test
    void aHundredThousandRepeatedRowsGiveASmallReport() {
        String upn = TestSchools.newUpn();
        String row = misRow(upn);
        StringBuilder csv = new StringBuilder(HEADER.length() + row.length() * 100_000).append(HEADER);
        for (int i = 0; i < 100_000; i++) {
            csv.append(row);
        }
        Response answer = given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=UTF-8")
                .queryParam("school", TestSchools.HARBOUR).queryParam("dryRun", "true")
                .body(MisImportTest.utf8(csv.toString())).post("/api/v1/imports/mis");
        answer.then().statusCode(200).body("rows", equalTo(100_000)).body("created", equalTo(1))
                .body("invalid", equalTo(99_999)).body("errorCount", equalTo(99_999)).body("errors", hasSize(100))
                .body("errors[0].row", equalTo(3))
                .body("errors[0].message", equalTo("More than one pupil record with the same UPN (also on row 2)"));
        assertTrue(answer.asByteArray().length < 64 * 1024, "report of " + answer.asByteArray().length + " bytes");
        assertNull(RegisterFixtures.idOf(SENCO, upn), "a dry run");
    }

    @Test
    void aUpnRepeatedInALaterBatchIsFoundWithoutKeepingTheFileInMemory() {
        int batch = config.batchSize();
        List<String> upns = new ArrayList<>();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < batch + 100; i++) {
            upns.add(TestSchools.newUpn());
            csv.append(misRow(upns.get(i)));
        }
        int last = batch + 100 + 1; // the header is row 1
        csv.append(misRow(upns.get(0))).append(misRow(upns.get(batch + 49))).append(misRow(upns.get(batch + 49)));
        JsonPath report = MisImportTest.importFile(Tokens.of(SENCO), TestSchools.HARBOUR, "true",
                MisImportTest.utf8(csv.toString())).statusCode(200)
                .body("created", equalTo(batch + 100)).body("invalid", equalTo(3)).body("errorCount", equalTo(3))
                .body("truncated", equalTo(false)).extract().jsonPath();
        List<String> errors = report.getList("errors", Map.class).stream()
                .map(m -> m.get("row") + " " + m.get("column") + ": " + m.get("message")).toList();
        assertEquals(List.of(
                (last + 1) + " UPN: More than one pupil record with the same UPN (also on row 2)",
                (last + 2) + " UPN: More than one pupil record with the same UPN (also on row " + (batch + 51) + ")",
                (last + 3) + " UPN: More than one pupil record with the same UPN (also on row " + (batch + 51) + ")"),
                errors);
    }

    static String ctfPupil(String upn) {
        return "<Pupil><UPN>" + upn + "</UPN><Surname>Cut</Surname><Forename>Off</Forename><DOB>2016-03-14</DOB>"
                + "<Sex>F</Sex></Pupil>\n";
    }

    static final String CTF_HEAD = "<CTfile><Header><DestSchool><LEA>801</LEA><Estab>2001</Estab></DestSchool></Header>"
            + "<CTFpupilData>\n";

    @Test
    void aCtfJustOverTheLimitIsRefusedWith413AndImportsNothing() {
        long limit = config.ctfMaxBytes();
        assertEquals(20L * 1024 * 1024, limit, "the documented default");
        List<String> upns = new ArrayList<>();
        StringBuilder xml = new StringBuilder(CTF_HEAD);
        for (int i = 0; i < 501; i++) {
            upns.add(TestSchools.newUpn());
            xml.append(ctfPupil(upns.get(i)));
        }
        byte[] file = padded(xml.toString(), limit + 1);
        CtfTest.importCtf(Tokens.of(SENCO), file, null).then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:uk-sen:problem:file-too-large"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType("application/xml")
                .body(new ByteArrayInputStream(file)).post("/api/v1/imports/ctf").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:uk-sen:problem:file-too-large"));
        assertNull(RegisterFixtures.idOf(SENCO, upns.get(0)), "the first batch was rolled back");
        assertNull(RegisterFixtures.idOf(SENCO, upns.get(500)));
    }

    @Test
    void aCtfOfManyBadPupilsListsTheFirstHundred() {
        StringBuilder xml = new StringBuilder(CTF_HEAD);
        for (int i = 0; i < 250; i++) {
            xml.append(ctfPupil("A801200005001"));
        }
        xml.append("</CTFpupilData></CTfile>");
        JsonPath report = CtfTest.importCtf(Tokens.of(SENCO), xml.toString().getBytes(StandardCharsets.UTF_8), null)
                .then().statusCode(200).body("rows", equalTo(250)).body("invalid", equalTo(250))
                .body("created", equalTo(0)).body("errorCount", equalTo(250)).body("errors", hasSize(100))
                .body("truncated", equalTo(true)).extract().jsonPath();
        assertEquals(1, report.getInt("errors[0].row"));
        assertEquals(100, report.getInt("errors[99].row"));
    }
}
