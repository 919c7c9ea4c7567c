package uk.sen.register.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;

/**
 * An SEN administrator keeps the register's paperwork for their school (a pupil's details, an MIS file) and is
 * refused the SENCO's decisions: opening or closing SEN provision, the needs.
 */
@QuarkusTest
class SenAdministratorTest {

    static final String ADMIN = "admin.harbour";

    @BeforeEach
    void schools() {
        TestSchools.ensure();
    }

    @Test
    void anAdministratorKeepsThePupilsDetailsAndIsRefusedTheProvisionAndNeeds() {
        String today = TestDates.today().toString();
        String upn = TestSchools.newUpn();
        String id = RegisterFixtures.pupil(ADMIN, upn, TestSchools.HARBOUR, "2016-03-14", "4", "2025-09-03");
        given().auth().oauth2(Tokens.of(ADMIN)).get("/api/v1/pupils/" + id).then().statusCode(200)
                .body("provision", equalTo("N"));
        given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                .header("If-Match", RegisterFixtures.etag(ADMIN, id))
                .body("{\"provision\":\"K\",\"startDate\":\"" + today + "\",\"needs\":[{\"rank\":1,\"code\":\"ASD\"}]}")
                .post("/api/v1/pupils/" + id + "/provisions").then().statusCode(403)
                .contentType("application/problem+json");
        RegisterFixtures.open("senco.harbour", id, "K", today, "ASD");
        given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                .header("If-Match", RegisterFixtures.etag(ADMIN, id))
                .body("{\"endDate\":\"" + today + "\",\"reason\":\"Needs met\"}")
                .post("/api/v1/pupils/" + id + "/provisions/close").then().statusCode(403);
        given().auth().oauth2(Tokens.of(ADMIN)).contentType(ContentType.JSON)
                .header("If-Match", RegisterFixtures.etag(ADMIN, id))
                .body("{\"needs\":[{\"rank\":1,\"code\":\"SEMH\"}]}")
                .put("/api/v1/pupils/" + id + "/needs").then().statusCode(403);

        // an MIS file, tried first as a dry run, is paperwork
        given().auth().oauth2(Tokens.of(ADMIN)).contentType("text/csv; charset=UTF-8")
                .queryParam("school", TestSchools.HARBOUR).queryParam("dryRun", true)
                .body("UPN,Surname,Forename,DOB,Sex,NCYear,SENProvision,SENStartDate,PrimaryNeed\n" + upn
                        + ",Pupil,Fixture,2016-03-14,F,4,K," + today + ",ASD\n")
                .post("/api/v1/imports/mis").then().statusCode(200);
        // an administrator of another school does not see the pupil
        given().auth().oauth2(Tokens.of("admin.meadow")).get("/api/v1/pupils/" + id).then().statusCode(404);
    }
}
