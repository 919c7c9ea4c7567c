package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

@QuarkusTest
class CtfTest {

    static final String MEADOW = "senco.meadow";
    static final String HARBOUR = "senco.harbour";

    @Inject
    EntityManager em;

    @BeforeEach
    void schools() {
        TestSchools.ensure();
        RegisterFixtures.ensureOtherTrustSchools(em);
    }

    static Response importCtf(String token, byte[] xml, String school) {
        var request = given().auth().oauth2(token).contentType("application/xml");
        if (school != null) {
            request.queryParam("school", school);
        }
        return request.body(xml).post("/api/v1/imports/ctf");
    }

    static byte[] resource(String name) throws Exception {
        try (InputStream in = CtfTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /**
     * The pupil's year group in the school year the test runs in: the file's year groups were those of 2026/27, and
     * an import moves a pupil up one for each school year (from 1 September) since.
     */
    static String yearGroup(int in2026) {
        LocalDate today = TestDates.today();
        int schoolYear = today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1;
        return String.valueOf(in2026 + schoolYear - 2026);
    }

    @Test
    void importsARealisticFileIntoTheSchoolItsHeaderNames() throws Exception {
        byte[] file = resource("/ctf/9352417_CTF_8012002_014.xml");
        importCtf(Tokens.of(HARBOUR), file, null).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("801-2002"));

        // a dry run, as with the MIS import: the same report, nothing stored
        given().auth().oauth2(Tokens.of(MEADOW)).contentType("application/xml").queryParam("dryRun", "true")
                .body(file).post("/api/v1/imports/ctf").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("rows", equalTo(5)).body("created", equalTo(5));
        assertNull(RegisterFixtures.idOf(MEADOW, "D935241719001"));

        try (TopicReader topic = TopicReader.fromNow(PupilResourceTest.TOPIC)) {
            importCtf(Tokens.of(MEADOW), file, null).then().statusCode(200)
                    .body("format", equalTo("ctf")).body("school", equalTo("900102")).body("dryRun", equalTo(false))
                    // what the file holds that the import does not read is listed by name, as an MIS file's columns
                    .body("ignoredColumns", hasItems("Ethnicity", "UniqueLearnerNumber"))
                    .body("ignoredColumns", not(hasItem("UPN")))
                    .body("rows", equalTo(5)).body("created", equalTo(5)).body("invalid", equalTo(0))
                    .body("warnings.message", containsInAnyOrder(
                            "EHC plan recorded without its issuing LA and issue date, which a CTF does not carry: "
                                    + "record when the plan was issued and last reviewed on the pupil's annual review "
                                    + "(PUT /api/v1/reviews/{id}/reference), so its deadlines count from the real dates",
                            "SENneeds not recorded: the pupil is not on the SEN register (no SEN entry, or the last one is N)"))
                    .body("warnings.upn", containsInAnyOrder("T935241719002", "G935241719003"));

            String poppy = RegisterFixtures.idOf(MEADOW, "D935241719001");
            String theo = RegisterFixtures.idOf(MEADOW, "T935241719002");
            String maisie = RegisterFixtures.idOf(MEADOW, "G935241719003");
            String harvey = RegisterFixtures.idOf(MEADOW, "W935241719004");
            String ruby = RegisterFixtures.idOf(MEADOW, "X935241720005");
            given().auth().oauth2(Tokens.of(MEADOW)).get("/api/v1/pupils/" + poppy).then()
                    .body("surname", equalTo("Ashworth")).body("dateOfBirth", equalTo("2019-10-12"))
                    .body("ncYear", equalTo(yearGroup(2))).body("provision", equalTo("K")).body("needs.code", contains("SLCN"));
            assertEquals(List.of("K 2021-09-06 2024-03-18", "E 2024-03-18 -"), RegisterFixtures.history(MEADOW, theo));
            given().auth().oauth2(Tokens.of(MEADOW)).get("/api/v1/pupils/" + theo).then()
                    .body("ncYear", equalTo(yearGroup(4))).body("needs.code", contains("ASD", "SLCN"));
            assertEquals(List.of("K 2022-09-05 2024-07-19"), RegisterFixtures.history(MEADOW, maisie));
            given().auth().oauth2(Tokens.of(MEADOW)).get("/api/v1/pupils/" + maisie).then()
                    .body("provision", equalTo("N")).body("needs", hasSize(0));
            assertEquals(List.of(), RegisterFixtures.history(MEADOW, harvey));
            given().auth().oauth2(Tokens.of(MEADOW)).get("/api/v1/pupils/" + ruby).then()
                    .body("ncYear", equalTo(yearGroup(5))).body("needs.code", contains("DS", "HI"))
                    .body("needs.area", contains("Cognition and learning", "Sensory and/or physical"));

            List<ConsumerRecord<String, String>> events = MisImportTest.eventsOf(topic,
                    Set.of(poppy, theo, maisie, harvey, ruby), 5);
            assertEquals(Map.of(poppy, List.of("pupil-registered"), theo, List.of("pupil-registered"),
                    ruby, List.of("pupil-registered"), maisie, List.of("pupil-added"), harvey, List.of("pupil-added")),
                    MisImportTest.typesByPupil(events));
            given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", theo).queryParam("action", "IMPORT")
                    .get("/api/v1/audit").then().body("items[0].detail",
                            equalTo("CTF import from 935-2417 Greenfields Primary School"));
        }
        // imported again: nothing changes
        importCtf(Tokens.of(MEADOW), file, null).then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(5));
    }

    @Test
    void refusesWhatIsNotACtfAndChangesNothing() {
        String upn = TestSchools.newUpn();
        String valid = """
                <CTfile><Header><DestSchool><LEA>801</LEA><Estab>2001</Estab></DestSchool></Header>
                <CTFpupilData><Pupil><UPN>%s</UPN><Surname>Cut</Surname><Forename>Off</Forename><DOB>2016-03-14</DOB>
                <Sex>F</Sex></Pupil><Pupil><UPN>""".formatted(upn);
        importCtf(Tokens.of(HARBOUR), valid.getBytes(StandardCharsets.UTF_8), null).then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:uk-sen:problem:invalid-file"))
                .body("detail", containsString("not well-formed XML"));
        assertEquals(null, RegisterFixtures.idOf(HARBOUR, upn), "the pupil before the broken part was not kept");

        importCtf(Tokens.of(HARBOUR), "UPN,Surname\n".getBytes(StandardCharsets.UTF_8), null).then().statusCode(400)
                .body("detail", containsString("not well-formed XML"));
        importCtf(Tokens.of(HARBOUR), """
                <?xml version="1.0"?><!DOCTYPE CTfile [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <CTfile><Header/></CTfile>""".getBytes(StandardCharsets.UTF_8), null).then().statusCode(400)
                .body("detail", containsString("DOCTYPE"));
        given().auth().oauth2(Tokens.of(HARBOUR)).contentType("application/json").body("{}")
                .post("/api/v1/imports/ctf").then().statusCode(415);

        // larger than the 20 MB limit: refused from its Content-Length, and when streamed without one
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        importCtf(Tokens.of(HARBOUR), big, null).then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:file-too-large"));
        byte[] prefix = "<CTfile><Header><DestSchool><LEA>801</LEA><Estab>2001</Estab></DestSchool></Header><!--"
                .getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, big, 0, prefix.length);
        given().auth().oauth2(Tokens.of(HARBOUR)).contentType("application/xml")
                .body(new ByteArrayInputStream(big)).post("/api/v1/imports/ctf").then().statusCode(413)
                .body("type", equalTo("urn:uk-sen:problem:file-too-large"));

        // an unknown destination needs the school, which must be the caller's
        String unknown = """
                <CTfile><Header><DestSchool><LEA>MMM</LEA><Estab>MMMM</Estab></DestSchool></Header>
                <CTFpupilData/></CTfile>""";
        importCtf(Tokens.of(HARBOUR), unknown.getBytes(StandardCharsets.UTF_8), null).then().statusCode(400)
                .body("violations[0].field", equalTo("school"));
        importCtf(Tokens.of(HARBOUR), unknown.getBytes(StandardCharsets.UTF_8), TestSchools.MEADOW).then()
                .statusCode(404);
        importCtf(Tokens.of(HARBOUR), unknown.getBytes(StandardCharsets.UTF_8), TestSchools.HARBOUR).then()
                .statusCode(200).body("rows", equalTo(0));
        importCtf(Tokens.of("teacher.harbour"), unknown.getBytes(StandardCharsets.UTF_8), TestSchools.HARBOUR).then()
                .statusCode(403);
    }

    /**
     * A Harbour leaver with a full history: SEN support, off the register, then an EHC plan taken to the next
     * school; another leaver on SEN support; a pupil staying, who is not in the file.
     */
    @Test
    void anExportedCtfImportedElsewhereGivesTheSameSenHistory() {
        String leaverUpn = TestSchools.newUpn();
        String leaver = RegisterFixtures.pupil(HARBOUR, leaverUpn, TestSchools.HARBOUR, "2015-05-20", "6", "2022-09-01");
        RegisterFixtures.open(HARBOUR, leaver, "K", "2022-09-05", "SLCN");
        RegisterFixtures.close(HARBOUR, leaver, "2023-07-01");
        RegisterFixtures.open(HARBOUR, leaver, "E", "2024-01-15", "ASD SEMH");
        RegisterFixtures.leave(HARBOUR, leaver, "2026-07-22");
        String secondUpn = TestSchools.newUpn();
        String second = RegisterFixtures.pupil(HARBOUR, secondUpn, TestSchools.HARBOUR, "2015-02-02", "6", "2022-09-01");
        RegisterFixtures.open(HARBOUR, second, "K", "2023-09-04", "MLD");
        RegisterFixtures.leave(HARBOUR, second, "2026-07-20");
        String stayerUpn = TestSchools.newUpn();
        RegisterFixtures.pupil(HARBOUR, stayerUpn, TestSchools.HARBOUR, "2016-02-02", "5", "2022-09-01");
        List<String> harbourHistory = RegisterFixtures.history(HARBOUR, leaver);
        assertEquals(List.of("K 2022-09-05 2023-07-01", "E 2024-01-15 2026-07-22"), harbourHistory);

        Response export = given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.HARBOUR)
                .queryParam("leavers", "true").queryParam("from", "2026-07-20").queryParam("to", "2026-07-31")
                .queryParam("destLa", "801").queryParam("destEstab", "2101").get("/api/v1/exports/ctf");
        export.then().statusCode(200).contentType(containsString("application/xml"))
                .header("Content-Disposition", matchesPattern("attachment; filename=\"8012001_CTF_8012101_\\d{3}\\.xml\""));
        XmlPath ctf = new XmlPath(export.asString());
        assertEquals("8012001", ctf.getString("CTfile.Header.SourceSchool.LEA") + ctf.getString("CTfile.Header.SourceSchool.Estab"));
        assertEquals("2101", ctf.getString("CTfile.Header.DestSchool.Estab"));
        List<String> upns = ctf.getList("CTfile.CTFpupilData.Pupil.UPN");
        assertTrue(upns.containsAll(List.of(leaverUpn, secondUpn)) && !upns.contains(stayerUpn), upns.toString());
        String path = "CTfile.CTFpupilData.Pupil.find { it.UPN.text() == '" + leaverUpn + "' }.SENhistory";
        assertEquals(List.of("K", "N", "E"), ctf.getList(path + ".SEN.SENprovision"));
        assertEquals(List.of("2022-09-05", "2023-07-01", "2024-01-15"), ctf.getList(path + ".SEN.StartDate"));
        assertEquals(List.of("ASD", "SEMH"), ctf.getList(path + ".SENneeds.SENneed.SENtype"));
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", leaver).queryParam("action", "EXPORT")
                .get("/api/v1/audit").then().body("items[0].actor", equalTo(HARBOUR))
                .body("items[0].detail", containsString("of leavers 2026-07-20 to 2026-07-31"));

        // into another trust's school (Riverside, LA 801 school 2101): a new record with the same history
        importCtf(Tokens.of("senco.riverside"), export.asByteArray(), null).then().statusCode(200)
                .body("school", equalTo("900201")).body("created", equalTo(upns.size()));
        String atRiverside = RegisterFixtures.idOf("senco.riverside", leaverUpn);
        assertNotEquals(leaver, atRiverside);
        assertEquals(List.of("K 2022-09-05 2023-07-01", "E 2024-01-15 -"), RegisterFixtures.history("senco.riverside", atRiverside));
        given().auth().oauth2(Tokens.of("senco.riverside")).get("/api/v1/pupils/" + atRiverside).then()
                .body("provision", equalTo("E")).body("needs.code", contains("ASD", "SEMH"))
                .body("dateOfBirth", equalTo("2015-05-20")).body("surname", equalTo("Pupil " + leaverUpn.substring(9)));
        String secondThere = RegisterFixtures.idOf("senco.riverside", secondUpn);
        assertEquals(List.of("K 2023-09-04 -"), RegisterFixtures.history("senco.riverside", secondThere));

        // into another school of the same trust (the academy): the same record moves and its plan is open again
        Response toAcademy = given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.HARBOUR)
                .queryParam("from", "2026-07-22").queryParam("to", "2026-07-22")
                .queryParam("destLa", "801").queryParam("destEstab", "4001").get("/api/v1/exports/ctf");
        toAcademy.then().statusCode(200);
        String first = export.header("Content-Disposition").replaceAll(".*_(\\d{3})\\.xml.*", "$1");
        String next = toAcademy.header("Content-Disposition").replaceAll(".*_(\\d{3})\\.xml.*", "$1");
        assertEquals(Integer.parseInt(first) + 1, Integer.parseInt(next), "each CTF of a school takes the next number");
        try (TopicReader topic = TopicReader.fromNow(PupilResourceTest.TOPIC)) {
            importCtf(Tokens.of("senco.academy"), toAcademy.asByteArray(), null).then().statusCode(200)
                    .body("school", equalTo("900103")).body("updated", equalTo(1));
            List<ConsumerRecord<String, String>> events = MisImportTest.eventsOf(topic, Set.of(leaver), 2);
            assertEquals(Map.of(leaver, List.of("pupil-details-changed", "pupil-registered")),
                    MisImportTest.typesByPupil(events));
        }
        assertEquals(List.of("K 2022-09-05 2023-07-01", "E 2024-01-15 -"), RegisterFixtures.history("senco.academy", leaver));
        given().auth().oauth2(Tokens.of("senco.academy")).get("/api/v1/pupils/" + leaver).then()
                .body("schoolUrn", equalTo("900103")).body("leavingDate", nullValue())
                .body("needs.code", contains("ASD", "SEMH")).body("currentProvision.issuingLa", equalTo("801"));
    }

    @Test
    void exportParameters() {
        var senco = given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.HARBOUR);
        senco.queryParam("from", "2026-07-01").get("/api/v1/exports/ctf").then().statusCode(400)
                .body("violations[0].field", equalTo("to"));
        given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.HARBOUR)
                .queryParam("from", "2026-07-31").queryParam("to", "2026-07-01").get("/api/v1/exports/ctf").then()
                .statusCode(400).body("violations[0].field", equalTo("to"));
        given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.HARBOUR)
                .queryParam("from", "2026-07-01").queryParam("to", "2026-07-31").queryParam("destLa", "801")
                .get("/api/v1/exports/ctf").then().statusCode(400).body("violations[0].field", equalTo("destEstab"));
        given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.MEADOW)
                .queryParam("from", "2026-07-01").queryParam("to", "2026-07-31").get("/api/v1/exports/ctf").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.of("teacher.harbour")).queryParam("school", TestSchools.HARBOUR)
                .queryParam("from", "2026-07-01").queryParam("to", "2026-07-31").get("/api/v1/exports/ctf").then()
                .statusCode(403);
        // destination unknown: the DfE's MMM/MMMM; the MIS client may export too
        given().auth().oauth2(Tokens.mis()).queryParam("school", TestSchools.HARBOUR)
                .queryParam("from", "2026-07-01").queryParam("to", "2026-07-31").get("/api/v1/exports/ctf").then()
                .statusCode(200)
                .header("Content-Disposition", matchesPattern("attachment; filename=\"8012001_CTF_MMMMMMM_\\d{3}\\.xml\""))
                .body("CTfile.Header.DestSchool.LEA", equalTo("MMM"));
        // the whole school on roll
        String stayer = TestSchools.newUpn();
        RegisterFixtures.pupil(HARBOUR, stayer, TestSchools.HARBOUR, "2016-02-02", "5", "2022-09-01");
        XmlPath all = new XmlPath(given().auth().oauth2(Tokens.of(HARBOUR)).queryParam("school", TestSchools.HARBOUR)
                .queryParam("leavers", "false").get("/api/v1/exports/ctf").then().statusCode(200).extract().asString());
        assertEquals("partial", all.getString("CTfile.Header.DocumentQualifier"));
        assertTrue(all.getList("CTfile.CTFpupilData.Pupil.UPN").contains(stayer));
    }
}
