package uk.sen.platform.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.http.ContentType;

/**
 * Real access tokens from the local Keycloak realm {@code sen}: demo users through the password grant of the
 * {@code sen-cli} client, and the MIS and LA clients through client credentials. Cached per user for the JVM,
 * well inside the token lifetime of a test run.
 */
public final class Tokens {

    public static final String REALM_URL = System.getenv().getOrDefault("OIDC_URL", "http://127.0.0.1:8180/realms/sen");
    public static final String PASSWORD = "demo";

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A token for a demo user, e.g. {@code senco.harbour}. */
    public static String of(String username) {
        return CACHE.computeIfAbsent(username, u -> fetch(Map.of("grant_type", "password", "client_id", "sen-cli",
                "username", u, "password", PASSWORD)));
    }

    /** A token for a confidential client through client credentials, e.g. {@code sen-mis}. */
    public static String client(String clientId, String secret) {
        return CACHE.computeIfAbsent("client:" + clientId, c -> fetch(Map.of("grant_type", "client_credentials",
                "client_id", clientId, "client_secret", secret)));
    }

    public static String mis() {
        return client("sen-mis", "sen-mis-secret");
    }

    public static String la() {
        return client("sen-la", "sen-la-secret");
    }

    private static String fetch(Map<String, String> form) {
        return fetchField(form, "access_token");
    }

    /** One field of the realm's token answer for a grant, e.g. the {@code id_token} of a password grant. */
    public static String fetchField(Map<String, String> form, String field) {
        return given().contentType(ContentType.URLENC).formParams(form)
                .when().post(REALM_URL + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path(field);
    }
}
