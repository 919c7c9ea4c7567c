package uk.sen.notification.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import uk.sen.notification.domain.RuleCondition;
import uk.sen.notification.support.Api;
import uk.sen.notification.support.Events;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;

/** Contacts, sharing basis, staff contacts and the CSV import through the API, with real tokens and PostgreSQL. */
@QuarkusTest
class ContactsApiTest {

    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = TestDates.today();

    static int contactCount(String pupil) {
        return given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + pupil + "/contacts").then()
                .statusCode(200).extract().path("totalItems");
    }

    @Test
    void managesAContactWithVersionsIdempotencyAndScope() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        String body = Api.parent("Sam Taylor", "sam@example.org", "07700 900123", true, "EMAIL");
        String key = UUID.randomUUID().toString();
        var created = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/pupils/" + pupil + "/contacts")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("mobile", equalTo("+447700900123")).body("relationship", equalTo("MOTHER"))
                .body("createdBy", equalTo(SENCO)).extract();
        String id = created.path("id");
        assertEquals("/api/v1/contacts/" + id, java.net.URI.create(created.header("Location")).getPath());
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/v1/pupils/" + pupil + "/contacts").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertEquals(1, contactCount(pupil));

        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", "\"7\"")
                .body(body.replace("MOTHER", "CARER")).put("/api/v1/contacts/" + id).then().statusCode(412);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body(body.replace("MOTHER", "CARER")).put("/api/v1/contacts/" + id).then().statusCode(428);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(body.replace("MOTHER", "CARER")).put("/api/v1/contacts/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").body("relationship", equalTo("CARER"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Api.agency("CAMHS", "Dr Shah", "shah@nhs.example")).put("/api/v1/contacts/" + id).then()
                .statusCode(422).body("violations[0].field", equalTo("kind"));

        // teachers and SLT read; only the SENCO changes; another school sees nothing
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/contacts/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.of("slt.harbour")).get("/api/v1/pupils/" + pupil + "/contacts").then()
                .statusCode(200).body("items.name", contains("Sam Taylor"));
        given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/contacts/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pupils/" + pupil + "/contacts").then().statusCode(403);
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/contacts/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/pupils/" + pupil + "/contacts").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.of("senco.meadow")).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pupils/" + pupil + "/contacts").then().statusCode(404);
        given().auth().oauth2(Tokens.of("senco.riverside")).get("/api/v1/contacts/" + id).then().statusCode(404);

        // every read and change is in the audit trail
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", pupil).queryParam("size", 100)
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("CREATE")).body("items.action", hasItem("UPDATE"))
                .body("items.action", hasItem("READ")).body("items.actor", hasItem("teacher.harbour"));

        given().auth().oauth2(Tokens.of(SENCO)).header("If-Match", "\"1\"").delete("/api/v1/contacts/" + id)
                .then().statusCode(204);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/contacts/" + id).then().statusCode(404);
    }

    @Test
    void contactsFollowThePupilToANewSchool() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        String id = Api.addContact(pupil, Api.parent("Sam Taylor", "sam@example.org", null, true, "EMAIL"), SENCO);
        Api.consent(pupil, "CAMHS", TODAY.minusDays(5), null, SENCO);
        Events.register(pupil, "northbridge", "900102", "uk.sen.register.pupil-details-changed", "E", "E");
        Api.awaitKnown(pupil, "senco.meadow");
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/contacts/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/pupils/" + pupil + "/sharing").then()
                .statusCode(200).body("agency", contains("CAMHS"));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/contacts/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + pupil + "/contacts").then().statusCode(404);
    }

    @Test
    void aPupilTheServiceDoesNotKnowIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + unknown).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body(Api.parent("Sam", "sam@example.org", null, true, "EMAIL"))
                .post("/api/v1/pupils/" + unknown + "/contacts").then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid email       | {\"kind\":\"PARENT_CARER\",\"name\":\"Sam\",\"relationship\":\"MOTHER\",\"parentalResponsibility\":true,\"email\":\"sam.example.org\",\"preferredChannel\":\"EMAIL\"} | email | is not an email address (no @), e.g. name@example.org",
            "landline as mobile  | {\"kind\":\"PARENT_CARER\",\"name\":\"Sam\",\"relationship\":\"MOTHER\",\"parentalResponsibility\":true,\"mobile\":\"020 7946 0123\",\"preferredChannel\":\"SMS\"} | mobile | is not a UK mobile number (e.g. 07700 900123 or +44 7700 900123)",
            "unknown relationship| {\"kind\":\"PARENT_CARER\",\"name\":\"Sam\",\"relationship\":\"NEIGHBOUR\",\"parentalResponsibility\":true,\"email\":\"sam@example.org\",\"preferredChannel\":\"EMAIL\"} | relationship | unknown value 'NEIGHBOUR' (one of MOTHER, FATHER, PARENT, STEP_PARENT, GRANDPARENT, CARER, FOSTER_CARER, GUARDIAN, SPECIAL_GUARDIAN, CORPORATE_PARENT, OTHER_RELATIVE, OTHER)",
            "no parental resp.   | {\"kind\":\"PARENT_CARER\",\"name\":\"Sam\",\"relationship\":\"MOTHER\",\"email\":\"sam@example.org\",\"preferredChannel\":\"EMAIL\"} | parentalResponsibility | is required for a parent or carer (true or false)",
            "SMS without mobile  | {\"kind\":\"PARENT_CARER\",\"name\":\"Sam\",\"relationship\":\"MOTHER\",\"parentalResponsibility\":true,\"email\":\"sam@example.org\",\"preferredChannel\":\"SMS\"} | preferredChannel | SMS needs a mobile number",
            "agency unknown      | {\"kind\":\"AGENCY\",\"name\":\"PC Jones\",\"agency\":\"POLICE\",\"email\":\"pc@police.example\",\"preferredChannel\":\"EMAIL\"} | agency | unknown value 'POLICE' (one of EDUCATIONAL_PSYCHOLOGIST, SPEECH_AND_LANGUAGE_THERAPY, OCCUPATIONAL_THERAPY, CAMHS, HEALTH, SOCIAL_CARE, LA_SEN_OFFICER)",
            "no name             | {\"kind\":\"AGENCY\",\"agency\":\"CAMHS\",\"email\":\"c@nhs.example\",\"preferredChannel\":\"EMAIL\"} | name | is required",
            "wrong type          | {\"kind\":\"PARENT_CARER\",\"name\":\"Sam\",\"relationship\":\"MOTHER\",\"parentalResponsibility\":\"perhaps\",\"email\":\"sam@example.org\",\"preferredChannel\":\"EMAIL\"} | parentalResponsibility | cannot read 'perhaps' as true or false" })
    void refusesBadContactsWithProblemDetailsAndChangesNothing(String why, String body, String field, String reason) {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pupils/" + pupil + "/contacts").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.reason", equalTo(reason));
        assertEquals(0, contactCount(pupil));
    }

    @Test
    void refusesMalformedJson() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body("{\"kind\":")
                .post("/api/v1/pupils/" + pupil + "/contacts").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Body is not valid JSON"));
        assertEquals(0, contactCount(pupil));
    }

    @Test
    void recordsTheSharingBasisPerAgencyAndRefusesAWithdrawalBeforeTheConsent() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        String path = "/api/v1/pupils/" + pupil + "/sharing/";
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"basis\":\"CONSENT\",\"givenOn\":\"" + TODAY.minusDays(10) + "\",\"withdrawnOn\":\""
                        + TODAY.minusDays(20) + "\"}")
                .put(path + "CAMHS").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("withdrawnOn"))
                .body("violations[0].reason", equalTo("consent cannot be withdrawn (" + TODAY.minusDays(20)
                        + ") before it was given (" + TODAY.minusDays(10) + ")"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"basis\":\"HUNCH\",\"givenOn\":\"" + TODAY + "\"}").put(path + "CAMHS").then()
                .statusCode(400).body("violations[0].field", equalTo("basis"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"basis\":\"CONSENT\",\"givenOn\":\"" + TODAY + "\"}").put(path + "POLICE").then()
                .statusCode(400).body("violations[0].field", equalTo("agency"));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + pupil + "/sharing").then().statusCode(200)
                .body("$", hasSize(0));

        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"basis\":\"CONSENT\",\"givenOn\":\"" + TODAY.minusDays(10) + "\",\"note\":\"signed form\"}")
                .put(path + "CAMHS").then().statusCode(201).header("ETag", "\"0\"")
                .body("sharingAllowedToday", equalTo(true));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"basis\":\"PUBLIC_TASK\",\"givenOn\":\"" + TODAY.minusDays(100) + "\"}")
                .put(path + "la_sen_officer").then().statusCode(201);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"basis\":\"CONSENT\",\"givenOn\":\"" + TODAY.minusDays(10) + "\",\"withdrawnOn\":\"" + TODAY
                        + "\"}")
                .put(path + "CAMHS").then().statusCode(428);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"basis\":\"CONSENT\",\"givenOn\":\"" + TODAY.minusDays(10) + "\",\"withdrawnOn\":\"" + TODAY
                        + "\"}")
                .put(path + "CAMHS").then().statusCode(200).header("ETag", "\"1\"")
                .body("sharingAllowedToday", equalTo(false))
                .body("notAllowedBecause", equalTo("consent for sharing with CAMHS was withdrawn on " + TODAY));
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/pupils/" + pupil + "/sharing").then()
                .statusCode(200).body("agency", contains("CAMHS", "LA_SEN_OFFICER"))
                .body("basis", contains("CONSENT", "PUBLIC_TASK"));
        given().auth().oauth2(Tokens.of("teacher.harbour")).contentType(ContentType.JSON)
                .body("{\"basis\":\"CONSENT\",\"givenOn\":\"" + TODAY + "\"}").put(path + "HEALTH").then()
                .statusCode(403);
    }

    @Test
    void importsContactsFromCsvReportingEachRow() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        String other = Api.newPupil("northbridge", "900102", "senco.meadow");
        String csv = String.join("\n",
                "pupil_id,kind,name,relationship,parental_responsibility,agency,organisation,email,mobile,address_line1,town,postcode,preferred_channel",
                pupil + ",PARENT_CARER,Sam Taylor,MOTHER,yes,,,sam@example.org,07700 900123,,,,EMAIL",
                pupil + ",AGENCY,Dr Priya Shah,,,SPEECH_AND_LANGUAGE_THERAPY,Northbridge NHS Trust,p.shah@nhs.example,,,,,EMAIL",
                pupil + ",PARENT_CARER,Alex Taylor,FATHER,no,,,alex.example.org,,,,,EMAIL",
                pupil + ",PARENT_CARER,\"Taylor, Jo\",GRANDPARENT,maybe,,,,,\"1 High Street\",Northbridge,NB1 2AB,POST",
                other + ",PARENT_CARER,Kim Lee,MOTHER,yes,,,kim@example.org,,,,,EMAIL",
                "not-a-uuid,PARENT_CARER,Kim Lee,MOTHER,yes,,,kim@example.org,,,,,EMAIL",
                pupil + ",PARENT_CARER,Sam Taylor,MOTHER,yes,,,sam@example.org,07700 900123,,,,EMAIL",
                pupil + ",PARENT_CARER,Too Short",
                "");
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(csv).post("/api/v1/contacts/import")
                .then().statusCode(200)
                .body("rows", equalTo(8)).body("created", equalTo(2)).body("duplicates", equalTo(1))
                .body("rejected", equalTo(5))
                .body("results.status", contains("CREATED", "CREATED", "REJECTED", "REJECTED", "REJECTED", "REJECTED",
                        "DUPLICATE", "REJECTED"))
                .body("results.line", contains(2, 3, 4, 5, 6, 7, 8, 9))
                .body("results[2].violations[0].field", equalTo("email"))
                .body("results[3].violations.field", contains("parental_responsibility"))
                .body("results[4].violations[0].reason", equalTo("no pupil with this id in your schools"))
                .body("results[5].violations[0].reason", equalTo("is not a pupil id (a UUID from the register)"))
                .body("results[7].violations[0].field", equalTo("row"));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + pupil + "/contacts").then()
                .body("items.name", containsInAnyOrder("Sam Taylor", "Dr Priya Shah"));
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/pupils/" + other + "/contacts").then()
                .body("totalItems", equalTo(0));

        // the same file again adds nothing
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(csv).post("/api/v1/contacts/import")
                .then().statusCode(200).body("created", equalTo(0)).body("duplicates", equalTo(3));
        assertEquals(2, contactCount(pupil));

        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body("pupil_id,kind,nmae,preferred_channel\n")
                .post("/api/v1/contacts/import").then().statusCode(400).contentType("application/problem+json")
                .body("violations.reason", hasItem(containsString("unknown column 'nmae'")))
                .body("violations.reason", hasItem("missing column 'name'"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body("pupil_id,kind,name,preferred_channel\n\"unclosed,x\n")
                .post("/api/v1/contacts/import").then().statusCode(400).body("violations[0].field", equalTo("line 2"));
        given().auth().oauth2(Tokens.of("teacher.harbour")).contentType("text/csv").body(csv)
                .post("/api/v1/contacts/import").then().statusCode(403);
    }

    static final String HEADER = "pupil_id,kind,name,relationship,parental_responsibility,email,preferred_channel\n";

    @Test
    void anSenAdministratorKeepsTheContactsAndIsRefusedTheBasisForSharing() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        String contact = Api.addContact(pupil, Api.parent("Sam Taylor", Api.email("mother"), null, true, "EMAIL"),
                "admin.harbour");
        given().auth().oauth2(Tokens.of("admin.harbour")).get("/api/v1/contacts/" + contact).then().statusCode(200)
                .body("name", equalTo("Sam Taylor"));
        given().auth().oauth2(Tokens.of("admin.harbour")).contentType("application/json")
                .body("{\"basis\":\"CONSENT\",\"givenOn\":\"" + uk.sen.platform.testing.TestDates.today() + "\"}")
                .put("/api/v1/pupils/" + pupil + "/sharing/HEALTH").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("admin.meadow")).get("/api/v1/contacts/" + contact).then().statusCode(404);
    }

    @Test
    void aContactsFileMayNameThePupilByUpnAsTheSchoolsMisDoes() {
        String pupil = java.util.UUID.randomUUID().toString();
        String upn = "A8012" + String.format("%08d", Math.floorMod(pupil.hashCode(), 100_000_000));
        Events.register(pupil, upn, "northbridge", "900101", "uk.sen.register.pupil-registered", "K", "N",
                Events.PROVISION_START, null);
        Api.awaitKnown(pupil, SENCO);
        String riverside = java.util.UUID.randomUUID().toString();
        String riversideUpn = "B8012" + String.format("%08d", Math.floorMod(riverside.hashCode(), 100_000_000));
        Events.register(riverside, riversideUpn, "riverside", "900201", "uk.sen.register.pupil-registered", "K",
                "N", Events.PROVISION_START, null);
        Api.awaitKnown(riverside, "senco.riverside");
        String csv = "upn,kind,name,relationship,parental_responsibility,email,preferred_channel\n"
                + upn.toLowerCase(java.util.Locale.ROOT) + ",PARENT_CARER,Sam Taylor,MOTHER,yes," + Api.email("csv")
                + ",EMAIL\n"
                + riversideUpn + ",PARENT_CARER,Alex Other,MOTHER,yes," + Api.email("csv") + ",EMAIL\n"
                + "X12345,PARENT_CARER,Robin Typo,MOTHER,yes," + Api.email("csv") + ",EMAIL\n";
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(csv).post("/api/v1/contacts/import")
                .then().statusCode(200).body("created", equalTo(1)).body("rejected", equalTo(2))
                .body("results[0].status", equalTo("CREATED")).body("results[0].pupilId", equalTo(pupil))
                .body("results[1].violations[0].reason", equalTo("no pupil with this UPN in your schools"))
                .body("results[2].violations[0].field", equalTo("upn"));
        assertEquals(1, contactCount(pupil));
        // both columns: they must name the same pupil
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv")
                .body("pupil_id,upn,kind,name,preferred_channel,email\n" + pupil + "," + riversideUpn
                        + ",PARENT_CARER,Jo Mixed,EMAIL," + Api.email("csv") + "\n")
                .post("/api/v1/contacts/import").then().statusCode(200).body("rejected", equalTo(1))
                .body("results[0].violations[0].field", equalTo("upn"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body("kind,name,preferred_channel\n")
                .post("/api/v1/contacts/import").then().statusCode(400)
                .body("violations.reason", hasItem(containsString("'upn'")));
    }

    @Test
    void aContactsImportSentRespondAsyncRunsAsAJobWithProgressAndTheSynchronousReport() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        String csv = HEADER + parentRow(pupil, "Sam Taylor") + parentRow(pupil, "Alex Taylor")
                + pupil + ",PARENT_CARER,Robin Taylor,MOTHER,maybe," + Api.email("csv") + ",EMAIL\n";
        var accepted = given().auth().oauth2(Tokens.of(SENCO)).header("Prefer", "respond-async")
                .contentType("text/csv").body(csv).post("/api/v1/contacts/import").then().statusCode(202)
                .header("Preference-Applied", "respond-async").body("kind", equalTo("contacts")).extract();
        String job = accepted.header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() -> !"RUNNING".equals(given().auth().oauth2(Tokens.of(SENCO))
                .get(job).path("status")));
        given().auth().oauth2(Tokens.of(SENCO)).get(job).then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("rowsRead", equalTo(3)).body("applied", equalTo(2)).body("unchanged", equalTo(0))
                .body("invalid", equalTo(1)).body("report.created", equalTo(2)).body("report.rejected", equalTo(1));
        assertEquals(2, contactCount(pupil));
        // the same file again, as a job and synchronously: nothing added, and the same report both ways
        String again = given().auth().oauth2(Tokens.of(SENCO)).header("Prefer", "respond-async")
                .contentType("text/csv").body(csv).post("/api/v1/contacts/import").then().statusCode(202).extract()
                .header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(given().auth()
                .oauth2(Tokens.of(SENCO)).get(again).path("status")));
        Object asJob = given().auth().oauth2(Tokens.of(SENCO)).get(again).jsonPath().getMap("report");
        Object synchronous = given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(csv)
                .post("/api/v1/contacts/import").then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(synchronous, asJob);
        assertEquals(2, contactCount(pupil));
        // a bad file as a job: FAILED, saying why, nothing imported; the job is the school's caller's only
        String bad = given().auth().oauth2(Tokens.of(SENCO)).header("Prefer", "respond-async")
                .contentType("text/csv").body("pupil_id,kind,nmae,preferred_channel\n").post("/api/v1/contacts/import")
                .then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(given().auth().oauth2(Tokens.of(SENCO))
                .get(bad).path("status")));
        given().auth().oauth2(Tokens.of(SENCO)).get(bad).then().body("problem", containsString("nmae"));
        given().auth().oauth2(Tokens.of("senco.riverside")).get(job).then().statusCode(404);
    }

    static String parentRow(String pupil, String name) {
        return pupil + ",PARENT_CARER," + name + ",MOTHER,yes," + Api.email("csv") + ",EMAIL\n";
    }

    @Test
    void refusesACsvFileThatIsNotUtf8NamingTheLineAndImportsNothing() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        // a spreadsheet saved as "CSV" in Windows: "Zoé" is the single byte E9, which is not UTF-8
        byte[] latin1 = (HEADER + parentRow(pupil, "Sam Taylor") + parentRow(pupil, "Zoé Martin"))
                .getBytes(StandardCharsets.ISO_8859_1);
        given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(latin1)
                .post("/api/v1/contacts/import").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("line 3"))
                .body("violations[0].reason", containsString("UTF-8"));
        assertEquals(0, contactCount(pupil));

        // the same file saved as UTF-8 is imported, the name as it was written
        byte[] utf8 = (HEADER + parentRow(pupil, "Sam Taylor") + parentRow(pupil, "Zoé Martin"))
                .getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(utf8).post("/api/v1/contacts/import")
                .then().statusCode(200).body("created", equalTo(2));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + pupil + "/contacts").then()
                .body("items.name", containsInAnyOrder("Sam Taylor", "Zoé Martin"));
    }

    /** A file one byte over the limit: valid rows first, then padding in a quoted field. */
    static byte[] justOverTheLimit(String pupil) {
        long limit = ConfigProvider.getConfig()
                .getOptionalValue("sen.notification.contacts-import.max-bytes", Long.class).orElse(5L * 1024 * 1024);
        String start = HEADER + parentRow(pupil, "Sam Taylor") + pupil + ",PARENT_CARER,\"";
        String end = "\",MOTHER,yes,pad@example.org,EMAIL\n";
        int padding = (int) (limit + 1 - start.length() - end.length());
        return (start + "x".repeat(padding) + end).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesACsvFileOverTheLimitWithItsLengthAnnouncedAndImportsNothing() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(justOverTheLimit(pupil))
                .post("/api/v1/contacts/import").then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("MB"));
        assertEquals(0, contactCount(pupil));
    }

    @Test
    void refusesAChunkedCsvFileOverTheLimitAndImportsNothing() throws Exception {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        byte[] file = justOverTheLimit(pupil);
        // no Content-Length: the length is only known by reading
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/contacts/import")).header("Authorization", "Bearer " + Tokens.of(SENCO))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(file))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(0, contactCount(pupil));
    }

    @Test
    void listsTheFirstHundredRejectedRowsAndCountsThemAll() {
        String pupil = Api.newPupil("northbridge", "900101", SENCO);
        StringBuilder csv = new StringBuilder(HEADER).append(parentRow(pupil, "Sam Taylor"));
        for (int i = 0; i < 1000; i++) {
            csv.append("not-a-pupil-").append(i).append(",PARENT_CARER,Kim Lee,MOTHER,yes,kim@example.org,EMAIL\n");
        }
        given().auth().oauth2(Tokens.of(SENCO)).contentType("text/csv").body(csv.toString())
                .post("/api/v1/contacts/import").then().statusCode(200)
                .body("rows", equalTo(1001)).body("created", equalTo(1)).body("rejected", equalTo(1000))
                .body("rejectionsTruncated", equalTo(true))
                .body("results", hasSize(101))
                .body("results[0].status", equalTo("CREATED"))
                .body("results.findAll { it.status == 'REJECTED' }", hasSize(100))
                .body("results[100].line", equalTo(102));
        assertEquals(1, contactCount(pupil));
    }

    @Test
    void keepsEachSchoolsStaffContacts() {
        String email = Api.email("senco");
        String id = Api.staff("900101", "SENCO", email, SENCO);
        given().auth().oauth2(Tokens.of("slt.harbour")).get("/api/v1/schools/900101/staff-contacts").then()
                .statusCode(200).body("items.email", hasItem(email));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"role\":\"SLT\",\"name\":\"Head\",\"email\":\"head@meadow.example\"}")
                .post("/api/v1/schools/900102/staff-contacts").then().statusCode(404);
        given().auth().oauth2(Tokens.of("trust.admin")).contentType(ContentType.JSON)
                .body("{\"role\":\"SLT\",\"name\":\"Head\",\"email\":\"head@meadow\"}")
                .post("/api/v1/schools/900102/staff-contacts").then().statusCode(400)
                .body("violations[0].field", equalTo("email"));
        given().auth().oauth2(Tokens.of("trust.admin")).contentType(ContentType.JSON)
                .body("{\"role\":\"HEAD\",\"name\":\"Head\",\"email\":\"head@meadow.example\"}")
                .post("/api/v1/schools/900102/staff-contacts").then().statusCode(400)
                .body("violations[0].field", equalTo("role"));
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/schools/900101/staff-contacts").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body("{\"role\":\"SENCO\",\"name\":\"Jo Patel\",\"email\":\"" + email + "\"}")
                .put("/api/v1/staff-contacts/" + id).then().statusCode(200).body("name", equalTo("Jo Patel"));
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/staff-contacts/" + id).then().statusCode(404);
    }

    @Test
    void servesTheTriggerRulesAsData() {
        var rules = given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/trigger-rules").then()
                .statusCode(200)
                .body("rules.find { it.id == 'sen-support-started.parents' }.eventType",
                        equalTo("uk.sen.register.pupil-registered"))
                .body("rules.find { it.id == 'sen-support-started.parents' }.condition",
                        equalTo("provision=K and provisionStartDate>=today-30"))
                .body("rules.find { it.id == 'review-invitation.agencies' }.attachCalendar", equalTo(true))
                .body("rules.find { it.id == 'deadline-missed.slt' }.condition", equalTo("statutory=true"))
                .body("rules.find { it.id == 'overdue-on-arrival.senco' }.recipients", equalTo("SCHOOL_SENCO"))
                .body("rules.find { it.id == 'senco-qualification-due.slt' }.recipients", equalTo("SCHOOL_SLT"))
                .body("rules.find { it.id == 'contribution-request.agency' }.recipients", equalTo("REQUESTED_AGENCY"))
                .body("rules.find { it.id == 'contribution-reminder.parents' }.condition",
                        equalTo("contributor=PARENT and dueOn>=today"))
                .body("inviteeRoleAgencies.HEALTH", hasItem("CAMHS"))
                .body("meetingReminderDaysBefore", contains(7, 1))
                .extract().jsonPath();
        List<String> conditions = rules.getList("rules.condition");
        conditions.forEach(RuleCondition::parse);
        // 16 rules: the ten of V2, the summary for a pupil who joins with an overdue review (V5), the SENCO
        // qualification alert to SLT (V9), and the contribution requests and reminders to parents and agencies (V10)
        assertEquals(16, conditions.size());
    }

    @Test
    void letsATrustOverrideATemplateOnlyWithOneThatWorks() {
        String path = "/api/v1/templates/allocation-exceeded/EMAIL";
        given().auth().oauth2(Tokens.of(SENCO)).get(path).then().statusCode(200).body("source", equalTo("DEFAULT"))
                .header("ETag", nullValue());
        given().auth().oauth2(Tokens.of("trust.admin")).contentType(ContentType.JSON)
                .body("{\"subject\":\"Over time\",\"body\":\"{#if recipientName}Dear {recipientName}\"}").put(path)
                .then().statusCode(400).body("violations[0].field", equalTo("body"));
        given().auth().oauth2(Tokens.of("trust.admin")).contentType(ContentType.JSON)
                .body("{\"subject\":\"Over time\",\"body\":\"Diagnosis: {primaryNeed}\"}").put(path)
                .then().statusCode(400).body("violations[0].reason", containsString("recipientName, trustName"));
        given().auth().oauth2(Tokens.of("trust.admin")).contentType(ContentType.JSON)
                .body("{\"body\":\"Dear {recipientName}\"}").put(path)
                .then().statusCode(400).body("violations[0].field", equalTo("subject"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"subject\":\"Over time\",\"body\":\"Dear {recipientName}\"}").put(path).then().statusCode(403);
        given().auth().oauth2(Tokens.of("trust.admin")).contentType(ContentType.JSON)
                .body("{\"subject\":\"Over time\",\"body\":\"Dear {recipientName}, see {link}\"}").put(path)
                .then().statusCode(200).body("source", equalTo("TRUST")).header("ETag", "\"0\"");
        try {
            given().auth().oauth2(Tokens.of("slt.harbour")).get("/api/v1/templates").then().statusCode(200)
                    .body("find { it.templateKey == 'allocation-exceeded' && it.channel == 'EMAIL' }.source",
                            equalTo("TRUST"))
                    .body("find { it.templateKey == 'review-invitation' && it.channel == 'EMAIL' }.source",
                            equalTo("DEFAULT"));
            given().auth().oauth2(Tokens.of("senco.riverside")).get(path).then().statusCode(200)
                    .body("source", equalTo("DEFAULT"));
        } finally {
            given().auth().oauth2(Tokens.of("trust.admin")).header("If-Match", "\"0\"").delete(path).then()
                    .statusCode(204);
        }
        given().auth().oauth2(Tokens.of(SENCO)).get(path).then().body("source", equalTo("DEFAULT"));
    }
}
