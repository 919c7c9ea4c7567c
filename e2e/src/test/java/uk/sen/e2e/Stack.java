package uk.sen.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import uk.sen.platform.testing.Tokens;

/** Where the running stack answers (deploy/run.sh), and requests as a given demo user. */
final class Stack {

    static final String REGISTER = env("REGISTER_URL", "http://127.0.0.1:8081");
    static final String REVIEW = env("REVIEW_URL", "http://127.0.0.1:8082");
    static final String NOTIFICATION = env("NOTIFICATION_URL", "http://127.0.0.1:8083");
    static final String WORKLOAD = env("WORKLOAD_URL", "http://127.0.0.1:8084");
    static final String MAILBOX = env("GREENMAIL_API", "http://127.0.0.1:8025");

    private Stack() {
    }

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    static RequestSpecification asLa() {
        return given().auth().oauth2(Tokens.la());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
