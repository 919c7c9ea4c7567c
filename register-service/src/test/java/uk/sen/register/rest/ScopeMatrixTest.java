package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.sen.platform.testing.PlatformConventionsContract;
import uk.sen.platform.testing.ScopeMatrixContract;
import uk.sen.platform.testing.Tokens;

/**
 * 401 without a valid token, 403 for a role that may not act, 404 for a pupil outside the caller's scope; and every
 * operation on a pupil tried by callers outside Harbour ({@link ScopeMatrixContract}).
 */
@QuarkusTest
class ScopeMatrixTest extends ScopeMatrixContract {

    @Override
    protected String harbourId(String pathTemplate, String parameter) {
        return pathTemplate.startsWith("/api/v1/pupils/") ? harbourPupil
                : pathTemplate.startsWith("/api/v1/import-jobs/") ? harbourJob : null;
    }

    /** The counts fold in the background; an import job's row changes as its worker goes (new rows still count). */
    @Override
    protected java.util.Set<String> unwatchedTables() {
        return java.util.Set.of("pupil_count", "#import_job");
    }

    static String harbourPupil;
    /** A dry run of Harbour's SENCO, imported as a job. */
    static String harbourJob;

    @BeforeEach
    void pupil() {
        TestSchools.ensure();
        if (harbourPupil == null) {
            harbourPupil = PupilResourceTest.createPupil("senco.harbour", TestSchools.HARBOUR).then().statusCode(201)
                    .extract().path("id");
        }
        if (harbourJob == null) {
            String location = MisImportJobTest.accepted(MisImportJobTest.send("senco.harbour", TestSchools.HARBOUR,
                    MisImportTest.utf8(MisImportTest.HEADER + ImportLimitsTest.misRow(TestSchools.newUpn())), true,
                    "dryRun=true"));
            MisImportJobTest.finished(location, "senco.harbour");
            harbourJob = location.substring(location.lastIndexOf('/') + 1);
        }
    }

    @Test
    void anonymousAndForgedTokensAre401ProblemDetails() {
        given().get("/api/v1/pupils/" + harbourPupil).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401)).body("detail", not(containsString("Exception")));
        given().auth().oauth2("not-a-token").get("/api/v1/pupils").then().statusCode(401)
                .contentType("application/problem+json");
        String token = Tokens.of("senco.harbour");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
        given().get("/api/v1/me").then().statusCode(401);
    }

    @ParameterizedTest(name = "{0} reads a Harbour pupil: {1}")
    @CsvSource({
            "senco.harbour, 200",
            "teacher.harbour, 200",
            "slt.harbour, 200",
            "trust.admin, 200",
            "senco.meadow, 404",
            "teacher.academy, 404",
            "senco.riverside, 404",
            "la.officer, 404",
    })
    void readsFollowTheCallersScope(String user, int status) {
        given().auth().oauth2(Tokens.of(user)).get("/api/v1/pupils/" + harbourPupil).then().statusCode(status);
    }

    @Test
    void anUnknownPupilAndAnotherTrustsPupilLookTheSame() {
        String unknown = given().auth().oauth2(Tokens.of("senco.riverside"))
                .get("/api/v1/pupils/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .extract().path("title");
        String hidden = given().auth().oauth2(Tokens.of("senco.riverside")).get("/api/v1/pupils/" + harbourPupil)
                .then().statusCode(404).extract().path("title");
        org.junit.jupiter.api.Assertions.assertEquals(unknown, hidden);
    }

    @ParameterizedTest(name = "{0} registers a pupil at Harbour: {1}")
    @CsvSource({
            "senco.harbour, 201",
            "teacher.harbour, 403",
            "slt.harbour, 403",
            "trust.admin, 403",
            "la.officer, 403",
            "senco.meadow, 400",
    })
    void onlyTheSchoolsSencoChangesTheRegister(String user, int status) {
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(PupilResourceTest.pupilJson(TestSchools.newUpn(), TestSchools.HARBOUR, "2016-03-14"))
                .post("/api/v1/pupils").then().statusCode(status).contentType(
                        status == 201 ? "application/json" : "application/problem+json");
    }

    @Test
    void theMisClientActsAcrossItsTrustAndOnlyTrustAdminsManageSchools() {
        given().auth().oauth2(Tokens.mis()).get("/api/v1/pupils/" + harbourPupil).then().statusCode(200);
        given().auth().oauth2(Tokens.of("senco.harbour")).contentType(ContentType.JSON)
                .body("""
                        {"urn":"900199","laCode":"801","estabNumber":"2099","name":"X","phase":"PRIMARY","lowestAge":4,"highestAge":11}""")
                .post("/api/v1/schools").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void meAnswersTheCallersScope() {
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/me").then().statusCode(200)
                .body("service", equalTo("register-service"))
                .body("username", equalTo("senco.harbour"))
                .body("roles", contains("senco"))
                .body("trust", equalTo("northbridge"))
                .body("schools", contains(TestSchools.HARBOUR));
        given().auth().oauth2(Tokens.la()).get("/api/v1/me").then().statusCode(200)
                .body("roles", contains("la-officer")).body("la", equalTo("801"));
        given().auth().oauth2(Tokens.mis()).get("/api/v1/me").then().statusCode(200)
                .body("roles", contains("integration")).body("trust", equalTo("northbridge"));
    }

    @Test
    void unknownRoutesAndOperationalEndpoints() {
        given().auth().oauth2(Tokens.of("senco.harbour")).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
        PlatformConventionsContract.management().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/pupils"));
        PlatformConventionsContract.management().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests"));
    }
}
