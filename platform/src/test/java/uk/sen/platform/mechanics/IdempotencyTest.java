package uk.sen.platform.mechanics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.sen.platform.testing.Tokens;

/**
 * Creates a client may retry: the first request with an Idempotency-Key runs, a retry with the same key and body
 * gets the stored answer and creates nothing, the same key with another body is refused; keys are the caller's own.
 */
@QuarkusTest
class IdempotencyTest {

    private static Response create(String user, String key, String name) {
        var request = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post("/test/mechanics/widgets");
    }

    @Test
    void aRetryGetsTheStoredAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        Response first = create("senco.harbour", key, "first");
        first.then().statusCode(201).header("Location", containsString("/test/mechanics/widgets/"))
                .header("ETag", "\"1\"").header("Idempotent-Replayed", nullValue()).body("name", equalTo("first"));
        int created = MechanicsResource.CREATED.get();
        Response retry = create("senco.harbour", key, "first");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.getHeader("Location")).header("ETag", "\"1\"")
                .body("n", equalTo(first.jsonPath().getInt("n")));
        assertEquals(created, MechanicsResource.CREATED.get(), "the retry ran the create again");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        create("senco.harbour", key, "one").then().statusCode(201);
        int created = MechanicsResource.CREATED.get();
        create("senco.harbour", key, "another").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:uk-sen:problem:idempotency-key-reused"));
        assertEquals(created, MechanicsResource.CREATED.get());
    }

    @Test
    void keysAreEachCallersOwnAndOptional() {
        String key = UUID.randomUUID().toString();
        int n1 = create("senco.harbour", key, "mine").then().statusCode(201).extract().jsonPath().getInt("n");
        int n2 = create("senco.meadow", key, "mine").then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .extract().jsonPath().getInt("n");
        assertEquals(n1 + 1, n2, "another caller's same key is a create of its own");
        int before = MechanicsResource.CREATED.get();
        create("senco.harbour", null, "no key").then().statusCode(201);
        create("senco.harbour", null, "no key").then().statusCode(201);
        assertEquals(before + 2, MechanicsResource.CREATED.get(), "without a key, each request creates");
    }

    @Test
    void aKeyOutOfBoundsIsABadRequest() {
        int before = MechanicsResource.CREATED.get();
        create("senco.harbour", "k".repeat(201), "long").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Idempotency-Key"));
        assertEquals(before, MechanicsResource.CREATED.get());
    }
}
