package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

/**
 * The MIS import's leavers: a full sync (the file is the school's whole roll) takes off roll the pupils missing from
 * it, a LeavingDate column records a leaving in either mode, and the safety stop asks to confirm a file that would
 * take too much of the roll. A full sync acts on the whole roll, so each test starts from an empty roll at Riverside
 * Primary (another trust's school, whose SENCO is the only demo user covering it; the other tests that use it put
 * pupils there within one test) and leaves it empty. Dates count from the platform's clock.
 */
@QuarkusTest
class MisFullSyncTest {

    static final String HEADER = "UPN,Surname,Forename,DOB,Sex,NCYear,SENProvision,SENStartDate,PrimaryNeed,IssuingLA,"
            + "PlanIssueDate,EntryDate\n";
    static final String SENCO = "senco.riverside";
    static final String READER = SENCO;

    final LocalDate today = TestDates.today();
    final String school = TestSchools.RIVERSIDE;

    @Inject
    EntityManager em;

    @BeforeEach
    void emptyRoll() {
        TestSchools.ensure();
        RegisterFixtures.ensureOtherTrustSchools(em);
        removePupils();
    }

    /** Riverside Primary's pupils and their records go, so no other test finds this test's pupils. */
    @AfterEach
    void removePupils() {
        RegisterFixtures.removePupils(em, school);
    }

    /** The pupils of a roll, by UPN: K for the first {@code k}, E for the next {@code e}, N for the rest. */
    Map<String, String> roll(int pupils, int k, int e) {
        Map<String, String> rows = new LinkedHashMap<>();
        LocalDate entry = today.minusDays(100);
        LocalDate senStart = today.minusDays(60);
        for (int i = 0; i < pupils; i++) {
            String upn = TestSchools.newUpn();
            String sen = i < k ? "K," + senStart + ",SLCN,,"
                    : i < k + e ? "E," + senStart + ",ASD,801," + senStart
                    : "N,,,,";
            rows.put(upn, upn + ",Pupil,Number " + i + "," + today.minusYears(8).minusDays(i) + ",F,4," + sen + ","
                    + entry);
        }
        return rows;
    }

    static String file(Map<String, String> roll, Set<String> without) {
        StringBuilder csv = new StringBuilder(HEADER);
        roll.forEach((upn, row) -> {
            if (!without.contains(upn)) {
                csv.append(row).append('\n');
            }
        });
        return csv.toString();
    }

    ValidatableResponse importFile(String csv, String... params) {
        var request = given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv; charset=UTF-8")
                .queryParam("school", school);
        for (String param : params) {
            String[] kv = param.split("=", 2);
            request.queryParam(kv[0], kv[1]);
        }
        return request.body(MisImportTest.utf8(csv)).post("/api/v1/imports/mis").then();
    }

    /** Puts the roll on the register (update mode) and answers each pupil's id by UPN. */
    Map<String, String> onRoll(Map<String, String> roll) {
        importFile(file(roll, Set.of())).statusCode(200).body("created", equalTo(roll.size()));
        Map<String, String> ids = new LinkedHashMap<>();
        roll.keySet().forEach(upn -> ids.put(upn, RegisterFixtures.idOf(READER, upn)));
        return ids;
    }

    static JsonPath pupil(String id) {
        return given().auth().oauth2(Tokens.of(READER)).get("/api/v1/pupils/" + id).then().statusCode(200).extract()
                .jsonPath();
    }

    static Map<String, String> etags(Map<String, String> ids) {
        return ids.values().stream().collect(Collectors.toMap(id -> id, id -> RegisterFixtures.etag(READER, id)));
    }

    static Set<String> leaverUpns(JsonPath report) {
        return new HashSet<>(report.getList("leavers.upn", String.class));
    }

    @Test
    void aFullSyncTakesOffRollExactlyThePupilsMissingFromTheFileOnTheFilesDate() {
        Map<String, String> roll = roll(20, 3, 1);
        Map<String, String> ids = onRoll(roll);
        List<String> upns = new ArrayList<>(roll.keySet());
        String withK = upns.get(0);
        String withE = upns.get(3);
        String withN = upns.get(5);
        Set<String> missing = Set.of(withK, withE, withN);
        Set<String> missingIds = missing.stream().map(ids::get).collect(Collectors.toSet());
        String partial = file(roll, missing);
        LocalDate asOf = today.minusDays(1);
        Map<String, String> before = etags(ids);

        try (TopicReader topic = TopicReader.fromNow(MisImportTest.TOPIC)) {
            // update mode: pupils missing from the file are left as they are
            importFile(partial, "asOf=" + asOf).statusCode(200).body("mode", equalTo("update"))
                    .body("unchanged", equalTo(17)).body("left", equalTo(0)).body("leavers", hasSize(0));
            // a dry run of the full sync names the three, by id and UPN, and changes nothing
            JsonPath dry = importFile(partial, "mode=full", "asOf=" + asOf, "dryRun=true").statusCode(200)
                    .body("dryRun", equalTo(true)).body("mode", equalTo("full")).body("asOf", equalTo(asOf.toString()))
                    .body("onRoll", equalTo(20)).body("unchanged", equalTo(17)).body("left", equalTo(3))
                    .body("notInFile", equalTo(3)).body("leaversNeedConfirming", equalTo(false))
                    .body("leavers.leavingDate", equalTo(List.of(asOf.toString(), asOf.toString(), asOf.toString())))
                    .body("leavers[0].row", nullValue()).body("leavers[0]", not(hasKey("surname")))
                    .extract().jsonPath();
            assertEquals(missing, leaverUpns(dry));
            assertEquals(missingIds, new HashSet<>(dry.getList("leavers.pupilId", String.class)));
            assertEquals(before, etags(ids));
            assertEquals(List.of(), topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> ids.containsValue(r.key())).toList());
        }

        try (TopicReader topic = TopicReader.fromNow(MisImportTest.TOPIC)) {
            JsonPath report = importFile(partial, "mode=full", "asOf=" + asOf).statusCode(200)
                    .body("dryRun", equalTo(false)).body("left", equalTo(3)).body("notInFile", equalTo(3))
                    .body("unchanged", equalTo(17)).extract().jsonPath();
            assertEquals(missing, leaverUpns(report));
            // as when the leaving date is given to the API: the open provision closes that day and is announced;
            // a pupil without SEN provision leaves unannounced, as through the API
            List<ConsumerRecord<String, String>> events = MisImportTest.eventsOf(topic, new HashSet<>(ids.values()), 2);
            assertEquals(Map.of(ids.get(withK), List.of("pupil-left-register"), ids.get(withE),
                    List.of("pupil-left-register")), MisImportTest.typesByPupil(events));
            for (ConsumerRecord<String, String> event : events) {
                JsonPath data = new JsonPath(event.value());
                assertEquals(asOf.toString(), data.getString("endDate"));
                assertEquals("Left the school", data.getString("endReason"));
                assertEquals("N", data.getString("provision"));
                assertEquals(school, data.getString("schoolUrn"));
            }
        }
        LocalDate senStart = today.minusDays(60);
        assertEquals(List.of("K " + senStart + " " + asOf), RegisterFixtures.history(READER, ids.get(withK)));
        assertEquals(List.of("E " + senStart + " " + asOf), RegisterFixtures.history(READER, ids.get(withE)));
        for (String upn : missing) {
            JsonPath left = pupil(ids.get(upn));
            assertEquals(asOf.toString(), left.getString("leavingDate"));
            assertEquals("N", left.getString("provision"));
            assertEquals(List.of(), left.getList("needs"));
        }
        ids.forEach((upn, id) -> {
            if (!missing.contains(upn)) {
                assertEquals(before.get(id), RegisterFixtures.etag(READER, id), "pupil " + upn + " was in the file");
            }
        });
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("subjectId", ids.get(withK))
                .queryParam("action", "IMPORT").get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", hasItem("MIS full sync: not in the file, left the school on " + asOf));

        // the same file again: they have left, nothing more to do
        try (TopicReader topic = TopicReader.fromNow(MisImportTest.TOPIC)) {
            importFile(partial, "mode=full", "asOf=" + asOf).statusCode(200).body("left", equalTo(0))
                    .body("onRoll", equalTo(17)).body("unchanged", equalTo(17));
            assertEquals(List.of(), topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> ids.containsValue(r.key())).toList());
        }
    }

    @Test
    void aPupilWhoCameOnRollAfterTheFilesDateIsNotALeaver() {
        Map<String, String> roll = roll(10, 0, 0);
        Map<String, String> ids = onRoll(roll);
        String newcomer = TestSchools.newUpn();
        importFile(HEADER + newcomer + ",Pupil,Newcomer," + today.minusYears(8) + ",M,4,N,,,,," + today + "\n")
                .statusCode(200).body("created", equalTo(1));
        LocalDate asOf = today.minusDays(2);
        importFile(file(roll, Set.of()), "mode=full", "asOf=" + asOf).statusCode(200)
                .body("onRoll", equalTo(10)).body("left", equalTo(0));
        assertEquals(null, pupil(RegisterFixtures.idOf(READER, newcomer)).getString("leavingDate"));
        importFile(file(roll, Set.of()), "mode=full").statusCode(200).body("onRoll", equalTo(11))
                .body("left", equalTo(1)).body("leavers[0].upn", equalTo(newcomer))
                .body("leavers[0].leavingDate", equalTo(today.toString()));
        ids.values().forEach(id -> assertEquals(null, pupil(id).getString("leavingDate")));
    }

    @Test
    void theSafetyStopRefusesAFileMissingMostOfTheRollUntilTheLeaversAreConfirmed() {
        Map<String, String> roll = roll(10, 2, 0);
        Map<String, String> ids = onRoll(roll);
        List<String> upns = new ArrayList<>(roll.keySet());
        Set<String> missing = new HashSet<>(upns.subList(0, 8));
        String cutShort = file(roll, missing);
        Map<String, String> before = etags(ids);

        try (TopicReader topic = TopicReader.fromNow(MisImportTest.TOPIC)) {
            importFile(cutShort, "mode=full").statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:uk-sen:problem:leavers-to-confirm"))
                    .body("detail", containsString("8 of the 10 pupils on roll at school " + school + " on " + today
                            + " would be recorded as leaving (8 missing from the file, 0 with a LeavingDate), more than "
                            + "the 20% an import may record without confirmation: nothing was imported."))
                    .body("detail", containsString("confirmLeavers=true"))
                    .body("violations[0].field", equalTo("confirmLeavers"));
            assertEquals(before, etags(ids));
            // the dry run shows who would leave, and that the import needs confirming
            JsonPath dry = importFile(cutShort, "mode=full", "dryRun=true").statusCode(200)
                    .body("left", equalTo(8)).body("leaversNeedConfirming", equalTo(true)).extract().jsonPath();
            assertEquals(missing, leaverUpns(dry));
            assertEquals(before, etags(ids));
            assertEquals(List.of(), topic.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> ids.containsValue(r.key())).toList());
        }
        // a file with no pupils at all is never taken as the whole roll, confirmed or not
        importFile(HEADER, "mode=full", "confirmLeavers=true").statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("no pupil rows"));
        assertEquals(before, etags(ids));

        importFile(cutShort, "mode=full", "confirmLeavers=true").statusCode(200).body("left", equalTo(8))
                .body("leaversNeedConfirming", equalTo(false));
        ids.forEach((upn, id) -> assertEquals(missing.contains(upn) ? today.toString() : null,
                pupil(id).getString("leavingDate"), "pupil " + upn));
    }

    @Test
    void aFullFileWithARowThatNamesNoPupilAsksForConfirmation() {
        Map<String, String> roll = roll(10, 0, 0);
        Map<String, String> ids = onRoll(roll);
        List<String> upns = new ArrayList<>(roll.keySet());
        String wrongDob = upns.get(8);
        String mistyped = upns.get(9);
        String csv = file(roll, Set.of(wrongDob, mistyped))
                + roll.get(wrongDob).replace("," + today.minusYears(8).minusDays(8) + ",", ",08/08/2018,") + "\n"
                + roll.get(mistyped).replace(mistyped, "A801200005001") + "\n";
        Map<String, String> before = etags(ids);
        importFile(csv, "mode=full").statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("1 row of the file (row 11) names no pupil the register can match"))
                .body("detail", containsString("among the 1 on roll missing from the file"));
        assertEquals(before, etags(ids));
        // confirmed: the pupil of the mistyped row leaves; the row with a wrong date still names its pupil
        importFile(csv, "mode=full", "confirmLeavers=true").statusCode(200).body("invalid", equalTo(2))
                .body("left", equalTo(1)).body("leavers[0].upn", equalTo(mistyped));
        assertEquals(null, pupil(ids.get(wrongDob)).getString("leavingDate"));
        assertEquals(today.toString(), pupil(ids.get(mistyped)).getString("leavingDate"));
    }

    @Test
    void aLeavingDateColumnMakesThePupilLeaveInEitherMode() {
        Map<String, String> roll = roll(12, 2, 0);
        Map<String, String> ids = onRoll(roll);
        List<String> upns = new ArrayList<>(roll.keySet());
        String leaver = upns.get(0);
        String later = upns.get(1);
        String fullLeaver = upns.get(2);
        LocalDate leftOn = today.minusDays(5);
        LocalDate planned = today.plusDays(30);
        StringBuilder csv = new StringBuilder(HEADER.replace("\n", ",LeavingDate\n"));
        roll.forEach((upn, row) -> csv.append(row).append(',')
                .append(upn.equals(leaver) ? leftOn : upn.equals(later) ? planned : "").append('\n'));

        try (TopicReader topic = TopicReader.fromNow(MisImportTest.TOPIC)) {
            importFile(csv.toString()).statusCode(200).body("mode", equalTo("update")).body("left", equalTo(1))
                    .body("notInFile", equalTo(0)).body("unchanged", equalTo(11))
                    .body("leavers[0].upn", equalTo(leaver)).body("leavers[0].pupilId", equalTo(ids.get(leaver)))
                    .body("leavers[0].row", equalTo(2)).body("leavers[0].leavingDate", equalTo(leftOn.toString()))
                    .body("warnings[0].row", equalTo(3)).body("warnings[0].message", containsString(
                            "LeavingDate " + planned + " is after the file's date (" + today + ")"));
            ConsumerRecord<String, String> left = topic.await(r -> ids.get(leaver).equals(r.key()),
                    Duration.ofSeconds(20));
            assertEquals("uk.sen.register.pupil-left-register", TopicReader.header(left, "ce_type"));
            assertEquals(leftOn.toString(), new JsonPath(left.value()).getString("endDate"));
        }
        assertEquals(List.of("K " + today.minusDays(60) + " " + leftOn),
                RegisterFixtures.history(READER, ids.get(leaver)));
        assertEquals(leftOn.toString(), pupil(ids.get(leaver)).getString("leavingDate"));
        assertEquals(null, pupil(ids.get(later)).getString("leavingDate"));
        assertEquals("K", pupil(ids.get(later)).getString("provision"));

        // the same file again changes nothing; in a full file, a LeavingDate row is that pupil's leaving, on its day
        importFile(csv.toString()).statusCode(200).body("left", equalTo(0)).body("unchanged", equalTo(12));
        String full = csv.toString().replace(roll.get(fullLeaver) + ",\n", roll.get(fullLeaver) + "," + leftOn + "\n");
        importFile(full, "mode=full").statusCode(200).body("left", equalTo(1)).body("notInFile", equalTo(0))
                .body("leavers[0].upn", equalTo(fullLeaver)).body("leavers[0].row", equalTo(4))
                .body("leavers[0].leavingDate", equalTo(leftOn.toString()));
        assertEquals(leftOn.toString(), pupil(ids.get(fullLeaver)).getString("leavingDate"));
    }

    @Test
    void badParametersAreRefusedBeforeTheFileIsRead() {
        String csv = HEADER + TestSchools.newUpn() + ",Pupil,Refused," + today.minusYears(8) + ",F,4,N,,,,,\n";
        importFile(csv, "mode=sideways").statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("mode"))
                .body("violations[0].reason", containsString("must be update (the default) or full"));
        importFile(csv, "mode=full", "asOf=" + today.plusDays(1)).statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("asOf"));
        importFile(csv, "mode=full", "asOf=yesterday").statusCode(400).body("violations[0].field", equalTo("asOf"));
        importFile(csv, "mode=full", "confirmLeavers=perhaps").statusCode(400)
                .body("violations[0].field", equalTo("confirmLeavers"));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("school", school).get("/api/v1/pupils").then()
                .statusCode(200).body("items", hasSize(0));
    }
}
