package uk.sen.workload.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.sen.workload.Fixtures.as;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.workload.Fixtures;

/**
 * The school's name comes with the register's events, and the reports and the governors' chart name the school
 * instead of showing its URN alone.
 */
@QuarkusTest
class SchoolNamesTest {

    static String title(String path) {
        return as("trust.admin").get("/api/v1/reports/" + path).then().statusCode(200).extract().path("title");
    }

    @Test
    void reportsAndChartsNameTheSchoolTheRegisterNamed() {
        // a week of its own, long past, so that senco.meadow is a SENCO with protected time at Meadow
        Fixtures.allocate("trust.admin", "900102", "senco.meadow", "1", LocalDate.parse("2019-01-07"),
                LocalDate.parse("2019-01-13"));
        // and a post there held today, so the SENCO roles view lists the school
        as("trust.admin").body("{\"schoolUrn\":\"900102\",\"senco\":\"senco.names-" + java.util.UUID.randomUUID()
                .toString().substring(0, 8) + "\",\"appointedOn\":\"2019-01-01\",\"onSlt\":true,"
                + "\"qualification\":\"NASENCO\"}").post("/api/v1/senco-posts").then().statusCode(201);
        Fixtures.registeredPupil("900102", "Meadow Primary School");
        await().atMost(Duration.ofSeconds(30)).until(() -> title("schools/900102")
                .equals("Meadow Primary School (900102)"));
        assertEquals("senco.meadow at Meadow Primary School (900102)",
                as("trust.admin").queryParam("school", "900102").get("/api/v1/reports/sencos/senco.meadow").then()
                        .statusCode(200).extract().path("title"));
        assertEquals("Meadow Primary School", as("trust.admin").queryParam("school", "900102")
                .get("/api/v1/reports/senco-roles").then().statusCode(200).extract()
                .path("schools.find { it.schoolUrn == '900102' }.schoolName"));
        String svg = as("trust.admin").get("/api/v1/reports/schools/900102/chart.svg").then().statusCode(200)
                .extract().asString();
        assertTrue(svg.contains(">Meadow Primary School (900102): "), svg.substring(0, Math.min(600, svg.length())));
        // a school the register has not named yet keeps its URN
        assertEquals("School 900103", title("schools/900103"));
    }

    @Test
    void theTrustsReportAndChartCarryTheTrustsName() {
        // sen.trust.names.northbridge, the one setting every service reads (the platform's defaults)
        assertEquals("Northbridge Learning Trust", title("trust"));
        String svg = as("trust.admin").get("/api/v1/reports/trust/chart.svg").then().statusCode(200).extract()
                .asString();
        assertTrue(svg.contains(">Northbridge Learning Trust: "), svg.substring(0, Math.min(600, svg.length())));
    }
}
