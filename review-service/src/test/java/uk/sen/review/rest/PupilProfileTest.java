package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.Tokens;

/**
 * A pupil's one-page profile: the pupil's words written by the SENCO (with the lost-update rule), read by the
 * school's staff with the plan's outcomes and the next review, and printed as one A4 page that a PDF reader reads
 * back, text and image.
 */
@QuarkusTest
class PupilProfileTest {

    static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON);
    }

    static String words(String knownAs, String about, String helps, String not) {
        return "{\"knownAs\":" + q(knownAs) + ",\"aboutMe\":" + q(about) + ",\"whatHelps\":" + q(helps)
                + ",\"whatDoesNotHelp\":" + q(not) + "}";
    }

    static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** A pupil on SEN support at Harbour whose plan has the two outcomes and one intervention of the cycle test. */
    static String plannedPupil() {
        String pupil = OutcomesReportTest.supportPupil("4", "SPLD", "COGNITION_AND_LEARNING");
        String plan = SupportPlanCycleTest.awaitPlan(pupil);
        as("senco.harbour").header("If-Match", SupportPlanCycleTest.etag(plan)).body(SupportPlanCycleTest.PLAN)
                .put("/api/v1/support-plans/" + plan).then().statusCode(200);
        return pupil;
    }

    @Test
    void theSencoWritesThePupilsWordsAndTheSchoolsStaffReadThemWithThePlan() {
        String pupil = plannedPupil();
        String path = "/api/v1/pupils/" + pupil + "/profile";
        JsonPath before = as("teacher.harbour").get(path).then().statusCode(200).header("ETag", nullValue())
                .body("aboutMe", nullValue()).body("provision", equalTo("K")).body("ncYear", equalTo("4"))
                .extract().jsonPath();
        assertEquals(List.of("SPLD (cognition and learning)"), before.getList("needs"));
        assertEquals("Reads a short text aloud with 90% accuracy", before.getString("outcomes[0].outcome"));
        assertEquals("Book band 6", before.getString("outcomes[0].termlyGoal"));
        assertEquals("Precision teaching", before.getString("support[0].intervention"));
        String planReview = as("senco.harbour").queryParam("pupil", pupil).get("/api/v1/support-plans").then()
                .extract().path("items[0].reviewDate");
        assertEquals(planReview, before.getString("nextReview"));
        assertEquals("SUPPORT_PLAN_REVIEW", before.getString("nextReviewKind"));

        // only the SENCO writes; the first time without If-Match, then with the ETag read
        String first = words("Sam", "I love drawing and football.", "A visual timetable", "Reading aloud unwarned");
        as("teacher.harbour").body(first).put(path).then().statusCode(403);
        as("admin.harbour").body(first).put(path).then().statusCode(403);
        as("senco.harbour").header("If-Match", "\"0\"").body(first).put(path).then().statusCode(412);
        as("senco.harbour").body(first).put(path).then().statusCode(200).header("ETag", "\"0\"")
                .body("knownAs", equalTo("Sam")).body("updatedBy", equalTo("senco.harbour"));
        as("senco.harbour").body(first).put(path).then().statusCode(428);
        as("senco.harbour").header("If-Match", "\"0\"")
                .body(words("Sam", "I love drawing and football.", "A visual timetable; a warning before changes",
                        "Reading aloud unwarned")).put(path).then().statusCode(200).header("ETag", "\"1\"");
        as("senco.harbour").header("If-Match", "\"1\"").body(words("Sam", "x".repeat(1501), null, null)).put(path)
                .then().statusCode(400).contentType("application/problem+json");
        as("teacher.harbour").get(path).then().statusCode(200).header("ETag", "\"1\"")
                .body("whatHelps", equalTo("A visual timetable; a warning before changes"));
        // another school's staff see nothing of it
        as("senco.meadow").get(path).then().statusCode(404);
        as("senco.meadow").get(path + ".pdf").then().statusCode(404);
        as("la.officer").get(path).then().statusCode(403);
    }

    @Test
    void theProfilePrintsOnOnePageThatReadsBack() throws Exception {
        String pupil = plannedPupil();
        String path = "/api/v1/pupils/" + pupil + "/profile";
        as("senco.harbour").body(words("Zo\u00eb \ud83d\ude42", "I love drawing and football. " + "I like to know what happens next. ".repeat(40),
                "A visual timetable; a warning before changes", "Reading aloud unwarned")).put(path).then()
                .statusCode(200);
        byte[] pdf = as("teacher.harbour").get(path + ".pdf").then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("attachment")).extract().asByteArray();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "one-page-profile.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages(), "one page");
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            // the emoji cannot be printed in the page's font: it shows as ?
            assertTrue(text.contains("One-page profile: Zo\u00eb ?"), text);
            assertTrue(text.contains("Year group 4"), text);
            assertTrue(text.contains("SEN support"), text);
            assertTrue(text.contains("What helps me A visual timetable; a warning before changes"), text);
            assertTrue(text.contains("What does not help me Reading aloud unwarned"), text);
            assertTrue(text.contains("SPLD (cognition and learning)"), text);
            assertTrue(text.contains("Reads a short text aloud with 90% accuracy (this term: Book band 6)"), text);
            assertTrue(text.contains("Precision teaching, 3 x 10 minutes, with Teaching assistant"), text);
            String review = as("teacher.harbour").get(path).then().extract().path("nextReview");
            assertTrue(text.contains(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
                    .format(LocalDate.parse(review)) + " (SEN support review)"), text);
            assertFalse(text.contains("the rest is on the platform"), "the long text fits at a smaller size: " + text);
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            ImageIO.write(image, "png", Path.of("target", "one-page-profile.png").toFile());
            assertEquals(595, image.getWidth());
            long dark = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    if ((image.getRGB(x, y) & 0xff) < 128) {
                        dark++;
                    }
                }
            }
            assertTrue(dark > 2_000, "the page has text on it: " + dark + " dark samples");
            assertTrue(ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(Path.of("target",
                    "one-page-profile.png")))) != null);
        }
    }
}
