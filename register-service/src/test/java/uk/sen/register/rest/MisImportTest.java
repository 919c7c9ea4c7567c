package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

@QuarkusTest
class MisImportTest {

    static final String TOPIC = PupilResourceTest.TOPIC;
    static final String SENCO = "senco.harbour";
    static final String HEADER = "UPN,Surname,Forename,DOB,Sex,NCYear,SchoolURN,SENProvision,SENStartDate,PrimaryNeed,"
            + "SecondaryNeed,IssuingLA,PlanIssueDate,Ethnicity\n";
    static final String TODAY = TestDates.today().toString();

    @BeforeEach
    void schools() {
        TestSchools.ensure();
    }

    static ValidatableResponse importFile(String token, String school, String dryRun, byte[] csv) {
        var request = given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").queryParam("school", school);
        if (dryRun != null) {
            request.queryParam("dryRun", dryRun);
        }
        return request.body(csv).post("/api/v1/imports/mis").then();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<String, String>> eventsOf(TopicReader topic, Set<String> pupils, int expected) {
        long deadline = System.currentTimeMillis() + 20_000;
        List<ConsumerRecord<String, String>> mine;
        do {
            mine = topic.drain(Duration.ofMillis(500)).stream().filter(r -> pupils.contains(r.key())).toList();
        } while (mine.size() < expected && System.currentTimeMillis() < deadline);
        return mine;
    }

    /** Each record's type, by pupil, in order; every record's data must match the type's published schema. */
    static Map<String, List<String>> typesByPupil(List<ConsumerRecord<String, String>> records) {
        records.forEach(r -> EventSchemas.assertValid("register",
                TopicReader.header(r, "ce_type").replace("uk.sen.register.", ""), r.value()));
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> TopicReader.header(r, "ce_type").replace("uk.sen.register.", ""),
                        Collectors.toList())));
    }

    @Test
    void appliesValidRowsReportsEveryInvalidOneAndARerunChangesNothing() throws Exception {
        String k = TestSchools.newUpn();
        String e = TestSchools.newUpn();
        String n = TestSchools.newUpn();
        String s = TestSchools.newUpn();
        String meadowPupil = TestSchools.newUpn();
        RegisterFixtures.pupil("senco.meadow", meadowPupil, TestSchools.MEADOW, "2016-01-01", "4", "2024-09-02");
        String file = HEADER
                + k + ",Khan,Amira,2016-03-14,F,4,900101,K,2025-09-08,SLCN,SEMH,,,WBRI\n"                 // 2
                + e + ",Jones,Owen,2015-11-02,M,5,,E,2024-01-15,ASD,,801,2024-01-15,WBRI\n"              // 3
                + n + ",\"O'Brien, Jr\",Seán,2017-05-05,M,3,900101,N,,,,,,\n"                               // 4
                + s + ",Patel,Isha,2008-01-10,F,13,900101,S,2013-09-02,MLD,,,,\n"                          // 5
                + "A801200005001,Wrong,Check,2016-03-14,F,4,900101,N,,,,,,\n"                              // 6
                + k + ",Khan,Amira,2016-03-14,F,4,900101,K,2025-09-08,SLCN,,,,\n"                          // 7
                + TestSchools.newUpn() + ",,Nameless,2016-03-14,F,4,900101,N,,,,,,\n"                      // 8
                + TestSchools.newUpn() + ",Date,Wrong,14/03/2016,F,4,900101,N,,,,,,\n"                     // 9
                + TestSchools.newUpn() + ",Need,Unknown,2016-03-14,F,4,900101,K,2025-09-08,XYZ,,,,\n"      // 10
                + TestSchools.newUpn() + ",Plan,Missing,2016-03-14,F,4,900101,E,2025-09-08,ASD,,,,\n"      // 11
                + TestSchools.newUpn() + ",Other,School,2016-03-14,F,4,900102,N,,,,,,\n"                   // 12
                + TestSchools.newUpn() + ",Needs,WithoutSen,2016-03-14,F,4,900101,N,,SLCN,,,,\n"           // 13
                + "H801200001001,Too,Short\n"                                                              // 14
                + "\n"                                                                                     // 15
                + meadowPupil + ",Pupil,Meadow,2016-01-01,F,4,900101,N,,,,,,\n";                            // 16

        Set<String> created;
        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            JsonPath report = importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, utf8(file)).statusCode(200)
                    .contentType("application/json")
                    .body("format", equalTo("mis")).body("school", equalTo("900101")).body("dryRun", equalTo(false))
                    .body("rows", equalTo(14)).body("created", equalTo(4)).body("updated", equalTo(0))
                    .body("unchanged", equalTo(0)).body("invalid", equalTo(10))
                    .body("ignoredColumns", contains("Ethnicity"))
                    .extract().jsonPath();
            List<String> errors = report.getList("errors", Map.class).stream()
                    .map(m -> m.get("row") + " " + m.get("column") + ": " + m.get("message")).toList();
            assertEquals(List.of(
                    "6 UPN: UPN invalid (wrong check letter at character 1)",
                    "7 UPN: More than one pupil record with the same UPN (also on row 2)",
                    "8 Surname: is required",
                    "9 DOB: '14/03/2016' is not a date (yyyy-MM-dd)",
                    "10 PrimaryNeed: 'XYZ' is not a need type code",
                    "11 IssuingLA: an EHC plan needs the issuing LA's 3-digit code",
                    "11 PlanIssueDate: an EHC plan needs its issue date",
                    "12 SchoolURN: must be 900101 (the school you import for) or left empty",
                    "13 PrimaryNeed: a pupil without SEN provision (N) has no recorded needs",
                    "14 null: the row has 3 values; the header row has 14 columns",
                    "16 UPN: More than one pupil record with the same UPN (the pupil is on the roll of another school "
                            + "of the trust and has not left it)"), errors);
            assertEquals("A801200005001", report.getString("errors[0].upn"));

            String kId = RegisterFixtures.idOf(SENCO, k);
            String eId = RegisterFixtures.idOf(SENCO, e);
            String nId = RegisterFixtures.idOf(SENCO, n);
            String sId = RegisterFixtures.idOf(SENCO, s);
            created = Set.of(kId, eId, nId, sId);
            // the pupil at N is announced too (pupil-added), so the other services know every pupil on roll
            List<ConsumerRecord<String, String>> events = eventsOf(topic, created, 4);
            assertEquals(Map.of(kId, List.of("pupil-registered"), eId, List.of("pupil-registered"),
                    sId, List.of("pupil-registered"), nId, List.of("pupil-added")), typesByPupil(events));
            ConsumerRecord<String, String> registered = events.stream().filter(r -> r.key().equals(kId)).findFirst()
                    .orElseThrow();
            assertEquals("900101", TopicReader.header(registered, "ce_schoolurn"));
            assertEquals("northbridge", TopicReader.header(registered, "ce_trustid"));
            JsonPath data = new JsonPath(registered.value());
            assertEquals("K", data.getString("provision"));
            assertEquals("2025-09-08", data.getString("provisionStartDate"));
            assertEquals("N", data.getString("previousProvision"));
            assertEquals(List.of("SLCN", "SEMH"), data.getList("needs.code"));
            assertEquals("801", data.getString("laCode"));

            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + kId).then().statusCode(200)
                    .body("provision", equalTo("K")).body("needs.code", contains("SLCN", "SEMH"))
                    .body("onRollDate", equalTo(TODAY));
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + eId).then()
                    .body("provision", equalTo("E")).body("currentProvision.issuingLa", equalTo("801"))
                    .body("currentProvision.planIssueDate", equalTo("2024-01-15"));
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + nId).then()
                    .body("provision", equalTo("N")).body("surname", equalTo("O'Brien, Jr"))
                    .body("forename", equalTo("Seán"));
            given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + sId).then()
                    .body("provision", equalTo("S"));
            given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", kId).queryParam("action", "IMPORT")
                    .get("/api/v1/audit").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].actor", equalTo(SENCO))
                    .body("items[0].schoolUrn", equalTo("900101"));
        }

        // The same file again: nothing changes and nothing is published.
        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, utf8(file)).statusCode(200)
                    .body("rows", equalTo(14)).body("created", equalTo(0)).body("updated", equalTo(0))
                    .body("unchanged", equalTo(4)).body("invalid", equalTo(10));
            assertEquals(List.of(), topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> created.contains(r.key())).toList());
        }
    }

    @Test
    void aLaterFilePublishesEachChangeAsTheApiDoes() {
        String k = TestSchools.newUpn();
        String e = TestSchools.newUpn();
        String n = TestSchools.newUpn();
        String y = TestSchools.newUpn();
        importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, utf8(HEADER
                + k + ",Khan,Amira,2016-03-14,F,4,,K,2025-09-08,SLCN,,,,\n"
                + e + ",Jones,Owen,2015-11-02,M,5,,E,2024-01-15,ASD,,801,2024-01-15,\n"
                + n + ",Ali,Sara,2017-05-05,F,3,,N,,,,,,\n"
                + y + ",Reed,Tom,2016-06-06,M,4,,K,2025-09-08,MLD,,,,\n")).statusCode(200).body("created", equalTo(4));
        String kId = RegisterFixtures.idOf(SENCO, k);
        String eId = RegisterFixtures.idOf(SENCO, e);
        String nId = RegisterFixtures.idOf(SENCO, n);
        String yId = RegisterFixtures.idOf(SENCO, y);
        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, utf8(HEADER
                    + k + ",Khan,Amira,2016-03-14,F,4,,E,2026-10-01,SLCN,,801,2026-09-28,\n"
                    + e + ",Jones,Owen,2015-11-02,M,5,,N,,,,,,\n"
                    + n + ",Ali,Sara,2017-05-05,F,3,,K,2026-11-02,SPLD,,,,\n"
                    + y + ",Reed,Tom,2016-06-06,M,5,,K,2025-09-08,MLD,SEMH,,,\n")).statusCode(200)
                    .body("updated", equalTo(4)).body("invalid", equalTo(0));
            List<ConsumerRecord<String, String>> events = eventsOf(topic, Set.of(kId, eId, nId, yId), 5);
            assertEquals(Map.of(kId, List.of("provision-changed"), eId, List.of("pupil-left-register"),
                    nId, List.of("pupil-registered"), yId, List.of("pupil-details-changed", "needs-changed")),
                    typesByPupil(events));
            JsonPath left = new JsonPath(events.stream().filter(r -> r.key().equals(eId)).findFirst().orElseThrow().value());
            assertEquals("N", left.getString("provision"));
            assertEquals("E", left.getString("previousProvision"));
            assertEquals(TODAY, left.getString("endDate"));
            JsonPath details = new JsonPath(events.stream().filter(r -> r.key().equals(yId)).findFirst().orElseThrow().value());
            assertEquals(List.of("ncYear"), details.getList("changedFields"));
        }
        assertEquals(List.of("K 2025-09-08 2026-10-01", "E 2026-10-01 -"), RegisterFixtures.history(SENCO, kId));
        assertEquals(List.of("E 2024-01-15 " + TODAY), RegisterFixtures.history(SENCO, eId));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + eId).then().body("needs", hasSize(0));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + yId).then()
                .body("ncYear", equalTo("5")).body("needs.code", contains("MLD", "SEMH"));
    }

    @Test
    void aDryRunReportsWhatWouldChangeAndChangesNothing() {
        String existing = TestSchools.newUpn();
        importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null,
                utf8(HEADER + existing + ",Khan,Amira,2016-03-14,F,4,,K,2025-09-08,SLCN,,,,\n")).statusCode(200);
        String id = RegisterFixtures.idOf(SENCO, existing);
        String etag = RegisterFixtures.etag(SENCO, id);
        String newcomer = TestSchools.newUpn();
        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            importFile(Tokens.of(SENCO), TestSchools.HARBOUR, "true", utf8(HEADER
                    + existing + ",Khan,Amira,2016-03-14,F,4,,N,,,,,,\n"
                    + newcomer + ",New,Pupil,2016-03-14,F,4,,K,2025-09-08,ASD,,,,\n"
                    + "Z801200001001,Bad,Upn,2016-03-14,F,4,,N,,,,,,\n")).statusCode(200)
                    .body("dryRun", equalTo(true)).body("created", equalTo(1)).body("updated", equalTo(1))
                    .body("invalid", equalTo(1))
                    .body("errors[0].message", equalTo("UPN invalid (wrong check letter at character 1)"));
            assertEquals(List.of(), topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> id.equals(r.key())).toList());
        }
        assertNull(RegisterFixtures.idOf(SENCO, newcomer));
        assertEquals(etag, RegisterFixtures.etag(SENCO, id));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id).then().body("provision", equalTo("K"));
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", id).queryParam("action", "IMPORT")
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", hasItem("MIS import dry run: nothing changed"));
    }

    @Test
    void aFileWithMissingColumnsOrBrokenUtf8IsRefusedWhole() throws Exception {
        String upn = TestSchools.newUpn();
        importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null,
                utf8("UPN,Surname,Forename,DOB,Sex,NCYear,SENProvision\n" + upn + ",Khan,Amira,2016-03-14,F,4,N\n"))
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:invalid-file"))
                .body("violations.field", contains("SENStartDate", "PrimaryNeed"))
                .body("violations[0].reason", equalTo("required column is missing from the header row"));
        assertNull(RegisterFixtures.idOf(SENCO, upn));

        // valid rows first, then a name saved in Windows-1252: the rows before are not applied either
        String before = TestSchools.newUpn();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(utf8(HEADER + before + ",Khan,Amira,2016-03-14,F,4,,N,,,,,,\n"));
        body.write((TestSchools.newUpn() + ",Bront\u00eb,Anne,2016-03-14,F,4,,N,,,,,,\n").getBytes(StandardCharsets.ISO_8859_1));
        importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, body.toByteArray())
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:invalid-file"))
                .body("detail", containsString("not valid UTF-8: row 3 (the header is row 1)"));
        assertNull(RegisterFixtures.idOf(SENCO, before));

        importFile(Tokens.of(SENCO), TestSchools.HARBOUR, null, utf8("")).statusCode(400)
                .body("violations[0].reason", equalTo("the file is empty"));
    }

    @Test
    void whoMayImportWhere() {
        String row = HEADER + TestSchools.newUpn() + ",Khan,Amira,2016-03-14,F,4,,N,,,,,,\n";
        importFile(Tokens.of("senco.meadow"), TestSchools.HARBOUR, null, utf8(row)).statusCode(404)
                .contentType("application/problem+json");
        importFile(Tokens.of("teacher.harbour"), TestSchools.HARBOUR, null, utf8(row)).statusCode(403);
        importFile(Tokens.of("trust.admin"), TestSchools.HARBOUR, null, utf8(row)).statusCode(403);
        importFile(Tokens.of("la.officer"), TestSchools.HARBOUR, null, utf8(row)).statusCode(403);
        importFile(Tokens.of("senco.riverside"), TestSchools.HARBOUR, null, utf8(row)).statusCode(404);
        importFile(Tokens.of(SENCO), TestSchools.HARBOUR, "maybe", utf8(row)).statusCode(400)
                .body("violations[0].field", equalTo("dryRun"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=UTF-8").body(utf8(row))
                .post("/api/v1/imports/mis").then().statusCode(400).body("violations[0].field", equalTo("school"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=ISO-8859-1").queryParam("school", "900101")
                .body(row.getBytes(StandardCharsets.ISO_8859_1)).post("/api/v1/imports/mis").then().statusCode(415)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of(SENCO)).contentType("application/json").queryParam("school", "900101")
                .body("{}").post("/api/v1/imports/mis").then().statusCode(415);

        // The MIS client acts across its trust: a pupil of Harbour moved to Meadow by Meadow's file
        String mover = TestSchools.newUpn();
        String id = RegisterFixtures.pupil(SENCO, mover, TestSchools.HARBOUR, "2016-03-14", "4", "2024-09-02");
        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            importFile(Tokens.mis(), TestSchools.MEADOW, null,
                    utf8(HEADER + mover + ",Pupil " + mover.substring(9) + ",Fixture,2016-03-14,F,4,900102,N,,,,,,\n"))
                    .statusCode(200).body("updated", equalTo(1));
            ConsumerRecord<String, String> moved = topic.await(r -> id.equals(r.key()), Duration.ofSeconds(20));
            assertEquals("uk.sen.register.pupil-details-changed", TopicReader.header(moved, "ce_type"));
            assertEquals(List.of("schoolUrn"), new JsonPath(moved.value()).getList("changedFields"));
        }
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/pupils/" + id).then().statusCode(200)
                .body("schoolUrn", equalTo("900102"));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id).then().statusCode(404);
        assertNotNull(RegisterFixtures.idOf("senco.meadow", mover));
    }
}
