package uk.sen.notification.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.Tokens;

/** The service's API as the tests use it, with real tokens. */
public final class Api {

    private Api() {
    }

    /** Announces a pupil through the register topic and waits until the service knows them. */
    public static String newPupil(String trust, String school, String user) {
        String pupil = UUID.randomUUID().toString();
        Events.knownPupil(pupil, trust, school);
        awaitKnown(pupil, user);
        return pupil;
    }

    public static void awaitKnown(String pupil, String user) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> given()
                .auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + pupil).statusCode() == 200);
    }

    public static String caseReference(String pupil, String user) {
        return given().auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + pupil).then().statusCode(200)
                .extract().path("caseReference");
    }

    public static String parent(String name, String email, String mobile, boolean responsibility, String channel) {
        return String.format("""
                {"kind":"PARENT_CARER","name":"%s","relationship":"MOTHER","parentalResponsibility":%s,
                 "email":%s,"mobile":%s,"preferredChannel":"%s"}""", name, responsibility, quoted(email), quoted(mobile),
                channel);
    }

    public static String agency(String agency, String name, String email) {
        return String.format("""
                {"kind":"AGENCY","agency":"%s","name":"%s","organisation":"Northbridge NHS Trust","email":"%s",
                 "preferredChannel":"EMAIL"}""", agency, name, email);
    }

    public static String addContact(String pupil, String body, String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pupils/" + pupil + "/contacts").then().statusCode(201).extract().path("id");
    }

    public static void consent(String pupil, String agency, LocalDate givenOn, LocalDate withdrawn, String user) {
        String etag = given().auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + pupil + "/sharing").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.agency == '" + agency + "' }.version")
                .stream().findFirst().map(String::valueOf).orElse(null);
        String body = "{\"basis\":\"CONSENT\",\"givenOn\":\"" + givenOn + "\""
                + (withdrawn == null ? "" : ",\"withdrawnOn\":\"" + withdrawn + "\"") + "}";
        var request = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON).body(body);
        if (etag != null) {
            request = request.header("If-Match", "\"" + etag + "\"");
        }
        request.put("/api/v1/pupils/" + pupil + "/sharing/" + agency).then().statusCode(etag == null ? 201 : 200);
    }

    public static String staff(String school, String role, String email, String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body("{\"role\":\"" + role + "\",\"name\":\"" + role + " of " + school + "\",\"email\":\"" + email + "\"}")
                .post("/api/v1/schools/" + school + "/staff-contacts").then().statusCode(201).extract().path("id");
    }

    public static JsonPath messages(String pupil, String user) {
        return given().auth().oauth2(Tokens.of(user)).queryParam("size", 200).get("/api/v1/pupils/" + pupil + "/messages")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the pupil's delivery log holds a message to {@code address} in one of these statuses. */
    public static Map<String, Object> awaitMessage(String pupil, String address, String user, String... statuses) {
        List<String> wanted = List.of(statuses);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> messages(pupil, user)
                .<Map<String, Object>> getList("items").stream()
                .anyMatch(m -> address.equals(m.get("address")) && wanted.contains(m.get("status"))));
        return messages(pupil, user).<Map<String, Object>> getList("items").stream()
                .filter(m -> address.equals(m.get("address")) && wanted.contains(m.get("status"))).findFirst()
                .orElseThrow();
    }

    public static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
