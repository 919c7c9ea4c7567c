package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.sen.platform.testing.EventSchemas;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

@QuarkusTest
class PupilResourceTest {

    static final String TOPIC = "test.sen.register.v1";
    static final String SENCO = "senco.harbour";

    @BeforeEach
    void schools() {
        TestSchools.ensure();
    }

    static String pupilJson(String upn, String school, String dob) {
        return String.format("""
                {"upn":"%s","forename":"Ada","surname":"Testpupil","dateOfBirth":"%s","sex":"F","ncYear":"4",
                 "schoolUrn":"%s","onRollDate":"2022-09-01"}""", upn, dob, school);
    }

    static Response createPupil(String user, String school) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(pupilJson(TestSchools.newUpn(), school, "2016-03-14")).post("/api/v1/pupils");
    }

    static String etag(String user, String id) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + id).then().statusCode(200)
                .extract().header("ETag");
    }

    @Test
    void registersAPupilThroughTheWholeProvisionHistoryAndPublishesEachChange() throws Exception {
        String id = createPupil(SENCO, TestSchools.HARBOUR).then().statusCode(201)
                .body("provision", equalTo("N")).body("temporaryUpn", equalTo(false))
                .extract().path("id");

        try (TopicReader topic = TopicReader.fromNow(TOPIC)) {
            String k = """
                    {"provision":"K","startDate":"2026-09-07","needs":[{"rank":1,"code":"SLCN"},{"rank":2,"code":"SEMH"}]}""";
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(SENCO, id))
                    .body(k).post("/api/v1/pupils/" + id + "/provisions")
                    .then().statusCode(200).body("provision", equalTo("K"))
                    .body("needs.code", contains("SLCN", "SEMH"))
                    .body("needs.area", contains("Communication and interaction", "Social, emotional and mental health"));

            ConsumerRecord<String, String> registered = topic.await(
                    r -> id.equals(r.key()) && "uk.sen.register.pupil-registered".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            assertEquals(id, TopicReader.header(registered, "ce_subject"));
            assertEquals("northbridge", TopicReader.header(registered, "ce_trustid"));
            assertEquals(TestSchools.HARBOUR, TopicReader.header(registered, "ce_schoolurn"));
            assertEquals("1.0", TopicReader.header(registered, "ce_specversion"));
            assertEquals("urn:uk-sen:register-service", TopicReader.header(registered, "ce_source"));
            UUID.fromString(TopicReader.header(registered, "ce_id"));
            io.restassured.path.json.JsonPath data = new io.restassured.path.json.JsonPath(registered.value());
            assertEquals("K", data.getString("provision"));
            assertEquals("2026-09-07", data.getString("provisionStartDate"));
            assertEquals("2016-03-14", data.getString("dateOfBirth"));
            assertEquals("801", data.getString("laCode"));
            assertEquals("Harbour Primary School", data.getString("schoolName"));
            assertEquals("PRIMARY", data.getString("schoolPhase"));
            assertEquals(11, data.getInt("schoolHighestAge"));
            assertEquals(given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id).path("upn"),
                    data.getString("upn"), "the snapshot lacks the UPN other systems know the pupil by");
            assertEquals("SLCN", data.getString("needs[0].code"));
            EventSchemas.assertValid("register", "pupil-registered", registered.value());

            String e = """
                    {"provision":"E","startDate":"2026-11-02","needs":[{"rank":1,"code":"ASD"}],
                     "issuingLa":"801","planIssueDate":"2026-11-02"}""";
            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(SENCO, id))
                    .body(e).post("/api/v1/pupils/" + id + "/provisions")
                    .then().statusCode(200).body("provision", equalTo("E"))
                    .body("currentProvision.planIssueDate", equalTo("2026-11-02"));
            ConsumerRecord<String, String> changed = topic.await(r -> id.equals(r.key())
                    && "uk.sen.register.provision-changed".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertEquals("K", new io.restassured.path.json.JsonPath(changed.value()).getString("previousProvision"));
            EventSchemas.assertValid("register", "provision-changed", changed.value());

            given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(SENCO, id))
                    .body("""
                            {"endDate":"2026-11-20","reason":"Moved to a special school"}""")
                    .post("/api/v1/pupils/" + id + "/provisions/close")
                    .then().statusCode(200).body("provision", equalTo("N")).body("needs", hasSize(0));
            ConsumerRecord<String, String> left = topic.await(r -> id.equals(r.key())
                    && "uk.sen.register.pupil-left-register".equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            EventSchemas.assertValid("register", "pupil-left-register", left.value());
        }

        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id + "/provisions")
                .then().statusCode(200)
                .body("provision", contains("K", "E"))
                .body("[0].endDate", equalTo("2026-11-02"))
                .body("[1].endDate", equalTo("2026-11-20"))
                .body("[1].endReason", equalTo("Moved to a special school"));

        // the register as it stood on a census day
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("asAt", "2026-10-01").queryParam("upn", upnOf(id))
                .get("/api/v1/pupils").then().statusCode(200).body("items[0].provision", equalTo("K"));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("asAt", "2026-11-10").queryParam("upn", upnOf(id))
                .get("/api/v1/pupils").then().statusCode(200).body("items[0].provision", equalTo("E"));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("upn", upnOf(id))
                .get("/api/v1/pupils").then().statusCode(200).body("items[0].provision", equalTo("N"));
    }

    static String upnOf(String id) {
        return given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id).then().extract().path("upn");
    }

    @Test
    void refusesBadInputWithProblemDetailsAndChangesNothing() {
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body(pupilJson("A801200005001", TestSchools.HARBOUR, "2016-03-14")).post("/api/v1/pupils")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:validation"))
                .body("violations.field", hasItem("upn"))
                .body("violations.reason", hasItem("UPN invalid (wrong check letter at character 1)"));

        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body(pupilJson(TestSchools.newUpn(), TestSchools.HARBOUR, TestDates.today().plusDays(3).toString()))
                .post("/api/v1/pupils")
                .then().statusCode(400).body("violations.field", contains("dateOfBirth"));

        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body("{\"upn\": ").post("/api/v1/pupils")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:malformed-json"));

        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .body(pupilJson(TestSchools.newUpn(), TestSchools.HARBOUR, "14/03/2016")).post("/api/v1/pupils")
                .then().statusCode(400).body("violations.field", contains("dateOfBirth"));

        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body("{}").post("/api/v1/pupils")
                .then().statusCode(400)
                .body("violations.field", hasItems("upn", "forename", "surname", "dateOfBirth", "schoolUrn"));

        String id = createPupil(SENCO, TestSchools.HARBOUR).then().statusCode(201).extract().path("id");
        String tag = etag(SENCO, id);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body("""
                        {"provision":"E","startDate":"2026-09-07","needs":[{"rank":1,"code":"NSA"},{"rank":1,"code":"ASD"}],
                         "issuingLa":"801","planIssueDate":"2026-09-07"}""")
                .post("/api/v1/pupils/" + id + "/provisions")
                .then().statusCode(400).body("violations.field", contains("needs[0].code", "needs[1].rank"));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body("""
                        {"provision":"S","startDate":"2026-09-07","needs":[{"rank":1,"code":"ASD"}]}""")
                .post("/api/v1/pupils/" + id + "/provisions")
                .then().statusCode(400).body("violations[0].reason", containsString("legacy"));
        // nothing changed: same version, still N, no history
        assertEquals(tag, etag(SENCO, id));
        given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/pupils/" + id + "/provisions")
                .then().statusCode(200).body("", hasSize(0));

        // a second open provision of the same kind is a rule violation
        String k = """
                {"provision":"K","startDate":"2026-09-07","needs":[{"rank":1,"code":"MLD"}]}""";
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag).body(k)
                .post("/api/v1/pupils/" + id + "/provisions").then().statusCode(200);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", etag(SENCO, id))
                .body(k).post("/api/v1/pupils/" + id + "/provisions")
                .then().statusCode(422).body("type", equalTo("urn:uk-sen:problem:rule-violated"));
    }

    @Test
    void updatesNeedIfMatchAndReplaysIdempotentCreates() {
        String upn = TestSchools.newUpn();
        String body = pupilJson(upn, TestSchools.HARBOUR, "2015-01-20");
        String key = UUID.randomUUID().toString();
        Response first = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/pupils");
        first.then().statusCode(201);
        Response retry = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/v1/pupils");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        assertEquals(first.header("Location"), retry.header("Location"));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("upn", upn).get("/api/v1/pupils")
                .then().body("totalItems", equalTo(1));
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(pupilJson(TestSchools.newUpn(), TestSchools.HARBOUR, "2015-01-20")).post("/api/v1/pupils")
                .then().statusCode(422).body("type", equalTo("urn:uk-sen:problem:idempotency-key-reused"));
        // without a key, the same UPN twice is the DfE's duplicate error
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body(body).post("/api/v1/pupils")
                .then().statusCode(409).body("detail", containsString("More than one pupil record with the same UPN"));

        String id = first.jsonPath().getString("id");
        String update = body.replace("\"ncYear\":\"4\"", "\"ncYear\":\"5\"");
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).body(update).put("/api/v1/pupils/" + id)
                .then().statusCode(428);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", "\"999\"")
                .body(update).put("/api/v1/pupils/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        String tag = etag(SENCO, id);
        String newTag = given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body(update).put("/api/v1/pupils/" + id)
                .then().statusCode(200).body("ncYear", equalTo("5")).extract().header("ETag");
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON).header("If-Match", tag)
                .body(update).put("/api/v1/pupils/" + id).then().statusCode(412);
        assertEquals(newTag, etag(SENCO, id));
    }

    @Test
    void auditsEveryReadAndChange() {
        String id = createPupil(SENCO, TestSchools.HARBOUR).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/pupils/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", id).get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", contains("READ", "CREATE"))
                .body("items.actor", contains("teacher.harbour", SENCO))
                .body("items[0].actorRoles", equalTo("teacher"))
                .body("items[0].subjectIds", contains(id))
                .body("items[0].schoolUrn", equalTo(TestSchools.HARBOUR));
        // the SENCO of another school sees none of this school's audit
        given().auth().oauth2(Tokens.of("senco.meadow")).queryParam("subjectId", id).get("/api/v1/audit")
                .then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void pagesAndFiltersTheRegister() {
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("size", 500).get("/api/v1/pupils")
                .then().statusCode(400).body("violations[0].field", equalTo("size"));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("provision", "Q").get("/api/v1/pupils")
                .then().statusCode(400).body("violations[0].field", equalTo("provision"));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("need", "XYZ").get("/api/v1/pupils")
                .then().statusCode(400).body("violations[0].field", equalTo("need"));
        createPupil(SENCO, TestSchools.HARBOUR).then().statusCode(201);
        createPupil(SENCO, TestSchools.HARBOUR).then().statusCode(201);
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("size", 1).queryParam("provision", "N")
                .get("/api/v1/pupils").then().statusCode(200)
                .body("items", hasSize(1)).body("size", equalTo(1))
                .body("items[0].schoolUrn", equalTo(TestSchools.HARBOUR))
                .body("items[0].currentProvision", nullValue());
    }
}
