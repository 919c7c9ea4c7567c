package uk.sen.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.sen.client.register.model.NeedInput;
import uk.sen.client.register.model.ProvisionInput;
import uk.sen.platform.testing.TestDates;

/**
 * Views and advice gathered online before an annual review, on the running stack: the SENCO sets the meeting and asks
 * a teacher, the parent and two agencies; the parent answers from the link in their email in a real browser (headless
 * Chromium, Debian's package), the speech and language therapist likewise with a PDF report, the teacher through the
 * API; the educational psychologist, who has not answered when their due date nears, gets a reminder; the SENCO sees
 * it all on the review, reads the report and circulates the advice. No email or page names the child.
 */
class ViewsAndAdviceIT {

    static final String SENCO = SencoJourneyIT.SENCO;
    static final String SCHOOL = SencoJourneyIT.SCHOOL;
    static final LocalDate TODAY = TestDates.today();
    static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/contribute/[A-Za-z0-9_-]{86}");

    static WebDriver browser;

    @BeforeAll
    static void chromium() {
        ChromeOptions options = new ChromeOptions().setBinary(env("CHROMIUM", "/usr/bin/chromium"))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(env("CHROMEDRIVER", "/usr/bin/chromedriver"))).build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theSencoGathersViewsAndAdviceOnlineBeforeTheMeeting() throws Exception {
        UUID pupil = SencoJourneyIT.registerPupil();
        LocalDate issued = TODAY.minusMonths(11);
        SencoJourneyIT.SENCO_API.pupils.openProvision(pupil, SencoJourneyIT.pupilEtag(pupil), new ProvisionInput()
                .provision(ProvisionInput.ProvisionEnum.E).startDate(issued)
                .addNeedsItem(new NeedInput().rank(1).code(NeedInput.CodeEnum.ASD)).issuingLa("801")
                .planIssueDate(issued));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> SencoJourneyIT.reviewOf(pupil) != null);
        UUID review = SencoJourneyIT.reviewOf(pupil).getId();

        // the pupil's parent and two agencies (with consent to share) as notification-service's contacts
        String parent = mailbox("parent");
        String salt = mailbox("salt");
        String psychologist = mailbox("ep");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> Stack.as(SENCO)
                .contentType(ContentType.JSON).body(Map.of("kind", "PARENT_CARER", "name", "Alex Views",
                        "relationship", "MOTHER", "parentalResponsibility", true, "email", parent,
                        "preferredChannel", "EMAIL"))
                .post(Stack.NOTIFICATION + "/api/v1/pupils/" + pupil + "/contacts").statusCode() == 201);
        agency(pupil, "SPEECH_AND_LANGUAGE_THERAPY", "Dr Priya Shah", salt);
        agency(pupil, "EDUCATIONAL_PSYCHOLOGIST", "Dr Ana Ruiz", psychologist);

        // the SENCO sets the meeting three weeks ahead and asks for views and advice
        LocalDate meeting = TODAY.plusDays(21);
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", SencoJourneyIT.reviewEtag(review))
                .body("{\"meetingDate\":\"" + meeting + "\",\"invitees\":[{\"role\":\"PARENT_OR_YOUNG_PERSON\"},"
                        + "{\"role\":\"HEAD\"},{\"role\":\"LA_SEN_OFFICER\"},{\"role\":\"HEALTH\"},{\"role\":\"SOCIAL_CARE\"}]}")
                .put(Stack.REVIEW + "/api/v1/reviews/" + review + "/meeting").then().statusCode(200);
        String teacherRequest = ask(review, "{\"contributor\":\"TEACHER\",\"teacher\":\"teacher.academy\"}");
        ask(review, "{\"contributor\":\"PARENT\"}");
        ask(review, "{\"contributor\":\"AGENCY\",\"agency\":\"SPEECH_AND_LANGUAGE_THERAPY\"}");
        String epRequest = ask(review, "{\"contributor\":\"AGENCY\",\"agency\":\"EDUCATIONAL_PSYCHOLOGIST\","
                + "\"dueOn\":\"" + TODAY.plusDays(1) + "\"}");

        // the parent follows the link in their email, in a browser
        String parentLink = link(awaitMail(parent, "Your views for your child's annual review"));
        browser.get(parentLink);
        assertTrue(browser.getTitle().contains("Your views"), browser.getTitle());
        assertFalse(browser.getPageSource().contains("Quillonette"), "the page names the child");
        browser.findElement(By.id("views")).sendKeys("She loves the new reading club.");
        browser.findElement(By.id("concerns")).sendKeys("Lunchtimes are still hard.");
        browser.findElement(By.id("hopes")).sendKeys("A quiet place to go at lunchtime.");
        browser.findElement(By.id("send")).click();
        thanked();

        // the therapist sends advice and a report (a PDF: the pupil's one-page profile stands in for one)
        byte[] report = Stack.as(SENCO).get(Stack.REVIEW + "/api/v1/pupils/" + pupil + "/profile.pdf").then()
                .statusCode(200).extract().asByteArray();
        Path pdf = Files.createTempFile("salt-report", ".pdf");
        Files.write(pdf, report);
        browser.get(link(awaitMail(salt, "Advice for annual review")));
        browser.findElement(By.id("advice")).sendKeys("Language is developing well with weekly therapy.");
        browser.findElement(By.id("report")).sendKeys(pdf.toAbsolutePath().toString());
        browser.findElement(By.id("send")).click();
        thanked();
        Files.delete(pdf);

        // the teacher answers through the API
        Stack.as("teacher.academy").contentType(ContentType.JSON)
                .body("{\"comments\":\"Settled and trying hard.\",\"outcomes\":[{\"outcome\":\"Joins in group work\","
                        + "\"progress\":\"Most days\",\"whatHelps\":\"A set role\",\"whatNext\":\"Lead a group\"}]}")
                .post(Stack.REVIEW + "/api/v1/contribution-requests/" + teacherRequest + "/contribution").then()
                .statusCode(201);

        // the psychologist had not answered a day before their due date: a reminder reaches them (and only them)
        awaitMail(psychologist, "Advice for annual review");
        String reminder = awaitMail(psychologist, "Reminder: advice for annual review");
        assertTrue(link(reminder).contains("/contribute/"));
        assertEquals(0, subjects(parent).stream().filter(s -> s.startsWith("Reminder")).count());
        assertEquals(0, subjects(salt).stream().filter(s -> s.startsWith("Reminder")).count());
        for (String inbox : List.of(parent, salt, psychologist)) {
            String all = given().get(Stack.MAILBOX + "/api/user/" + inbox + "/messages").asString();
            assertFalse(all.contains("Quillonette") || all.contains("ASD"), "a message names the child or their needs");
        }

        // the SENCO sees who has and has not contributed, reads the report and circulates the advice
        JsonPath gathered = Stack.as(SENCO).get(Stack.REVIEW + "/api/v1/reviews/" + review + "/contributions").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(3, gathered.getInt("received"));
        assertEquals(1, gathered.getInt("awaited"));
        assertEquals("AWAITED", gathered.getString("requests.find { it.id == '" + epRequest + "' }.status"));
        assertNotNull(gathered.getString("requests.find { it.id == '" + epRequest + "' }.remindedAt"));
        assertEquals("She loves the new reading club.",
                gathered.getString("requests.find { it.contributor == 'PARENT' }.contributions[0].views"));
        String advice = gathered.getString("requests.find { it.agency == 'SPEECH_AND_LANGUAGE_THERAPY' }.contributions[0].id");
        byte[] read = Stack.as(SENCO).get(Stack.REVIEW + "/api/v1/contributions/" + advice + "/report.pdf").then()
                .statusCode(200).extract().asByteArray();
        assertEquals(report.length, read.length);
        List<String> received = gathered.getList("requests.contributions.flatten().id");
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", SencoJourneyIT.reviewEtag(review))
                .body(Map.of("on", TODAY.toString(), "contributions", received))
                .post(Stack.REVIEW + "/api/v1/reviews/" + review + "/advice-circulated").then().statusCode(200);
        assertEquals(List.of(TODAY.toString(), TODAY.toString(), TODAY.toString()),
                Stack.as(SENCO).get(Stack.REVIEW + "/api/v1/reviews/" + review + "/contributions").then()
                        .extract().jsonPath().getList("requests.contributions.flatten().sharedOn"));
    }

    /** The page after sending: "Thank you" (the page as it is, when not). */
    static void thanked() {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.getPageSource().contains("Thank you"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no thanks at " + browser.getCurrentUrl() + ": " + browser.getPageSource(), e);
        }
    }

    static String ask(UUID review, String body) {
        return Stack.as(SENCO).contentType(ContentType.JSON).body(body)
                .post(Stack.REVIEW + "/api/v1/reviews/" + review + "/contribution-requests").then().statusCode(201)
                .extract().path("id");
    }

    static void agency(UUID pupil, String agency, String name, String email) {
        Stack.as(SENCO).contentType(ContentType.JSON).body(Map.of("kind", "AGENCY", "agency", agency, "name", name,
                "organisation", "Northbridge NHS Trust", "email", email, "preferredChannel", "EMAIL"))
                .post(Stack.NOTIFICATION + "/api/v1/pupils/" + pupil + "/contacts").then().statusCode(201);
        Stack.as(SENCO).contentType(ContentType.JSON)
                .body(Map.of("basis", "CONSENT", "givenOn", TODAY.minusMonths(1).toString()))
                .put(Stack.NOTIFICATION + "/api/v1/pupils/" + pupil + "/sharing/" + agency).then().statusCode(201);
    }

    static String mailbox(String who) {
        return who + "-" + System.nanoTime() + "@views.example";
    }

    static List<String> subjects(String inbox) {
        return given().get(Stack.MAILBOX + "/api/user/" + inbox + "/messages").jsonPath().getList("subject");
    }

    /** The text of the first message to {@code inbox} whose subject starts so, once the SMTP server has it. */
    static String awaitMail(String inbox, String subject) {
        String find = "find { it.subject.startsWith('" + subject.replace("'", "\\'") + "') }";
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().get(Stack.MAILBOX + "/api/user/" + inbox + "/messages");
            return response.statusCode() == 200 && response.jsonPath().get(find) != null;
        });
        return text(given().get(Stack.MAILBOX + "/api/user/" + inbox + "/messages").jsonPath().getString(find + ".mimeMessage"));
    }

    /** The message's text: quoted-printable unwrapped, base64 parts decoded. */
    static String text(String mime) {
        StringBuilder text = new StringBuilder(mime.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
        Matcher b64 = Pattern.compile("Content-Transfer-Encoding: base64\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n([A-Za-z0-9+/=\\r\\n]+)")
                .matcher(mime);
        while (b64.find()) {
            text.append('\n').append(new String(Base64.getMimeDecoder().decode(b64.group(1)), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    static String link(String text) {
        Matcher m = LINK.matcher(text);
        assertTrue(m.find(), "no contribution link in: " + text);
        return m.group();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
