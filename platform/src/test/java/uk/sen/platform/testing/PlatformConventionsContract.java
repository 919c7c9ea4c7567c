package uk.sen.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * The shared conventions as every service serves them: caller scope, problem+json, audit, operations. Each service
 * runs them through a {@code @QuarkusTest} subclass.
 */
public abstract class PlatformConventionsContract {

    /** The management interface of the application under test, where health and metrics are served. */
    public static io.restassured.specification.RequestSpecification management() {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
        return given().port(port);
    }

    /** The service name the tested application answers in /api/v1/me. */
    protected abstract String service();

    @Test
    public void answersTheCallersScopeFromARealToken() {
        given().auth().oauth2(Tokens.of("slt.harbour")).get("/api/v1/me").then().statusCode(200)
                .body("service", equalTo(service()))
                .body("roles", contains("slt"))
                .body("trust", equalTo("northbridge"))
                .body("schools", contains("900101"));
    }

    @Test
    public void refusesWithProblemDetails() {
        given().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
        given().auth().oauth2(Tokens.of("teacher.harbour")).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("from", "yesterday").get("/api/v1/audit")
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
        given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/audit").then().statusCode(200)
                .body("page", equalTo(0));
    }

    @Test
    public void refusesTheNulCharacterAndImpossibleDatesAsBadInput() {
        String admin = Tokens.of("trust.admin");
        given().auth().oauth2(admin).queryParam("action", "read\u0000").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("action"));
        given().auth().oauth2(admin).queryParam("from", "+999999999-12-31").get("/api/v1/audit").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("from"));
        given().auth().oauth2(admin).queryParam("to", "2026-02-30").get("/api/v1/audit").then().statusCode(400)
                .body("violations[0].field", equalTo("to"));
    }

    @Test
    public void onlyAccessTokensMeantForThePlatformOpenIt() {
        String idToken = Tokens.fetchField(java.util.Map.of("grant_type", "password", "client_id", "sen-cli",
                "username", "senco.harbour", "password", Tokens.PASSWORD, "scope", "openid"), "id_token");
        given().auth().oauth2(idToken).get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json");
        String otherClient = Tokens.fetchField(java.util.Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "senco.harbour", "password", Tokens.PASSWORD), "access_token");
        given().auth().oauth2(otherClient).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/me").then().statusCode(200);
    }

    /**
     * Verified tokens are held for a while (platform {@code VerifiedTokens}): each held token still opens the API for
     * its own caller only, and a token that differs from a held one in its claims or its signature is verified
     * afresh and refused.
     */
    @Test
    public void aHeldTokenOpensForItsOwnCallerOnlyAndAChangedOneIsRefused() {
        String senco = Tokens.of("senco.harbour");
        String slt = Tokens.of("slt.harbour");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(senco).get("/api/v1/me").then().statusCode(200)
                    .body("username", equalTo("senco.harbour")).body("roles", contains("senco"));
            given().auth().oauth2(slt).get("/api/v1/me").then().statusCode(200)
                    .body("username", equalTo("slt.harbour")).body("roles", contains("slt"));
        }
        String[] parts = senco.split("\\.");
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String claims = new String(decoder.decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String raised = claims.replace("\"senco\"", "\"trust-admin\"");
        org.junit.jupiter.api.Assertions.assertNotEquals(claims, raised, "the token names the senco role");
        String raisedToken = parts[0] + "." + encoder.encodeToString(raised.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];
        given().auth().oauth2(raisedToken).get("/api/v1/me").then().statusCode(401);
        byte[] signature = decoder.decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        given().auth().oauth2(parts[0] + "." + parts[1] + "." + encoder.encodeToString(signature)).get("/api/v1/me")
                .then().statusCode(401);
        given().auth().oauth2(senco).get("/api/v1/me").then().statusCode(200).body("roles", contains("senco"));
        // and the requests above did take their callers from the held tokens
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher held = java.util.regex.Pattern
                .compile("(?m)^sen_security_verified_tokens_total\\{[^}]*outcome=\"held\"[^}]*\\} ([0-9.E]+)( #.*)?$")
                .matcher(metrics);
        org.junit.jupiter.api.Assertions.assertTrue(held.find() && Double.parseDouble(held.group(1)) >= 5,
                "held tokens counted: " + metrics.lines().filter(l -> l.contains("verified_tokens")).toList());
    }

    @Test
    public void aJsonBodyLargerThanAFormIsRefusedBeforeItIsRead() {
        String big = "{\"note\":\"" + "x".repeat(1_100_000) + "\"}";
        given().auth().oauth2(Tokens.of("senco.harbour")).contentType("application/json").body(big)
                .post("/api/v1/me").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    public void anAddressOrHeadersTooLongAreProblemsTooNotBareAnswers() {
        given().queryParam("school", "9".repeat(10_000)).get("/api/v1/me").then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414))
                .body("detail", containsString("8 KB"));
        given().header("X-Padding", "x".repeat(20_000)).get("/api/v1/me").then().statusCode(431)
                .contentType("application/problem+json").body("status", equalTo(431));
    }

    @Test
    public void answersAreNeitherCachedNorSniffed() {
        given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/audit").then().statusCode(200)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().get("/api/v1/me").then().statusCode(401).header("Cache-Control", "no-store");
    }

    @Test
    public void metricsNeverCarryTheIdsOfUnmatchedRequests() {
        String id = java.util.UUID.randomUUID().toString();
        given().header("X-Padding", "x".repeat(40_000)).get("/api/v1/dead-letters/" + id).then().statusCode(431);
        given().auth().oauth2(Tokens.of("trust.admin")).patch("/api/v1/dead-letters/" + id);
        given().patch("/api/v1/me/" + id);
        management().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString(id)));
    }

    @Test
    public void servesHealthOpenApiAndMetrics() {
        management().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"));
        management().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/me"));
        // Swagger UI offers one way to sign in: the realm's authorization code flow, with PKCE, as sen-swagger
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.keySet()", org.hamcrest.Matchers.contains("keycloak"))
                .body("components.securitySchemes.keycloak.flows.keySet()", org.hamcrest.Matchers.contains("authorizationCode"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("sen-swagger"))
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*usePkceWithAuthorizationCodeGrant\\W+true.*"));
        // the API's port, which the public reaches, serves neither
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    public void listsDeadLettersForTrustAdminsOnly() {
        given().auth().oauth2(Tokens.of("trust.admin")).get("/api/v1/dead-letters").then().statusCode(200);
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/dead-letters").then().statusCode(403);
    }

    @Test
    public void answersCorsPreflightsOnlyForAllowedOrigins() {
        // the test profile allows https://app.trust.example (CORS_ORIGINS in a deployment)
        given().header("Origin", "https://app.trust.example").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,if-match,idempotency-key")
                .options("/api/v1/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.trust.example")
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        given().header("Origin", "https://app.trust.example").auth().oauth2(Tokens.of("senco.harbour"))
                .get("/api/v1/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.trust.example")
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("Location"));
        // another origin gets no allow header, so its page cannot read the answer
        io.restassured.response.Response other = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").options("/api/v1/me");
        org.junit.jupiter.api.Assertions.assertNull(other.getHeader("Access-Control-Allow-Origin"),
                "another origin was allowed: " + other.getHeaders());
    }
}
