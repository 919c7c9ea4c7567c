package uk.sen.platform.mechanics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import uk.sen.platform.testing.Tokens;

/** Every refusal is RFC 9457 problem+json in the user's words; an unexpected error reveals nothing of the server. */
@QuarkusTest
class ProblemMappingTest {

    private static RequestSpecification senco() {
        return given().auth().oauth2(Tokens.of("senco.harbour"));
    }

    @Test
    void refusalsThrownByTheCodeKeepTheirStatusAndWords() {
        senco().get("/test/mechanics/refusals/invalid").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:validation")).body("status", equalTo(400))
                .body("violations[0].field", equalTo("school"))
                .body("violations[0].reason", equalTo("must be a URN of one of your schools"))
                .body("instance", equalTo("/test/mechanics/refusals/invalid"));
        senco().get("/test/mechanics/refusals/not-found").then().statusCode(404).contentType("application/problem+json");
        senco().get("/test/mechanics/refusals/conflict").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("The UPN is already on the register."));
        senco().get("/test/mechanics/refusals/other").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anUnexpectedErrorGivesAnIdAndNothingOfTheServer() {
        senco().get("/test/mechanics/refusals/unexpected").then().statusCode(500).contentType("application/problem+json")
                .body("errorId", notNullValue())
                .body(not(containsString("jdbc"))).body(not(containsString("password")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void unreadableBodiesNameTheFieldInTheUsersWords() {
        senco().contentType(ContentType.JSON).body("{\"name\":").post("/test/mechanics/widgets").then().statusCode(400)
                .contentType("application/problem+json");
        senco().contentType(ContentType.JSON).body("{\"name\":{\"x\":1}}").post("/test/mechanics/widgets").then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"))
                .body(not(matchesPattern("(?s).*(WidgetInput|java\\.|uk\\.sen).*")));
        senco().contentType(ContentType.JSON).body("{\"name\":\"\"}").post("/test/mechanics/widgets").then()
                .statusCode(400).body("violations[0].field", equalTo("name"));
        senco().contentType(ContentType.TEXT).body("name").post("/test/mechanics/widgets").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void signInAndRoleRefusalsAreProblemsToo() {
        given().get("/test/mechanics/refusals/invalid").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("not.a.token").get("/test/mechanics/refusals/invalid").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/test/mechanics/refusals/invalid").then()
                .statusCode(403).contentType("application/problem+json");
    }
}
