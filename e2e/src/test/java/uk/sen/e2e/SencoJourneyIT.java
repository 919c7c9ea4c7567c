package uk.sen.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import uk.sen.platform.testing.TestDates;

/**
 * A SENCO's journey through the running stack: register a pupil on SEN support, move them to an EHC plan, see the
 * annual review appear with its statutory deadlines and in the school's workload forecast, invite the parent (the
 * email reaches the SMTP server), hold the meeting (a time entry is suggested and the review leaves the forecast),
 * find the pupil in the LA's export; the audit shows each access and a teacher of another school sees none of it.
 */
class SencoJourneyIT {

    static final String SENCO = "senco.academy";
    static final String SCHOOL = "900103";
    static final LocalDate TODAY = TestDates.today();

    /** A valid UPN for Northbridge Academy (LA 801, establishment 4001) that is new to the running register. */
    static String newUpn() {
        String body = "8014001" + String.format("%02d%03d", 30 + ThreadLocalRandom.current().nextInt(60),
                ThreadLocalRandom.current().nextInt(1000));
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            sum += (body.charAt(position - 2) - '0') * position;
        }
        return "ABCDEFGHJKLMNPQRTUVWXYZ".charAt(sum % 23) + body;
    }

    static String registerPupil() {
        for (int attempt = 0; attempt < 5; attempt++) {
            var response = Stack.as(SENCO).contentType(ContentType.JSON).header("Idempotency-Key", "e2e-" + System.nanoTime())
                    .body(String.format("""
                            {"upn":"%s","forename":"Quillonette","surname":"Journey","dateOfBirth":"2013-02-11","sex":"M",
                             "ncYear":"8","schoolUrn":"%s","onRollDate":"2024-09-02"}""", newUpn(), SCHOOL))
                    .post(Stack.REGISTER + "/api/v1/pupils");
            if (response.statusCode() == 201) {
                return response.jsonPath().getString("id");
            }
            assertEquals(409, response.statusCode(), response.asString());
        }
        throw new AssertionError("no free UPN after 5 attempts");
    }

    static String etag(String url) {
        return Stack.as(SENCO).get(url).then().statusCode(200).extract().header("ETag");
    }

    static final String ANNUAL_REVIEW = "ANNUAL_REVIEW";
    static final String SUPPORT_PLAN_REVIEW = "SUPPORT_PLAN_REVIEW";

    /** The school's forecast of statutory work, week by week from this week (workload-service). */
    static JsonPath forecast() {
        return Stack.as(SENCO).get(Stack.WORKLOAD + "/api/v1/forecast/schools/" + SCHOOL).then().statusCode(200)
                .extract().jsonPath();
    }

    /**
     * The forecast once it stops changing (the same open work in two reads a second apart), so that events still
     * on their way from an earlier load (deploy/demo.sh) do not count as this pupil's.
     */
    static JsonPath settledForecast() {
        AtomicReference<String> previous = new AtomicReference<>("");
        AtomicReference<JsonPath> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath f = forecast();
            last.set(f);
            String state = f.getList("kinds.openItems") + " " + f.getList("weeks.items");
            return state.equals(previous.getAndSet(state));
        });
        return last.get();
    }

    static int openItems(JsonPath forecast, String kind) {
        return forecast.getInt("kinds.find { it.code == '" + kind + "' }.openItems");
    }

    static int annualReviewsIn(JsonPath forecast, LocalDate week) {
        Integer n = forecast.get("weeks.find { it.weekStart == '" + week + "' }.items." + ANNUAL_REVIEW);
        return n == null ? 0 : n;
    }

    /**
     * Asserts that {@code after} is {@code before} with one more annual review in each of {@code oneMore} (the
     * weeks its effort is spread over) and {@code shareHours} more statutory hours in each of them; every other
     * week, and every other kind of work, unchanged.
     */
    @SuppressWarnings("unchecked")
    static void assertOneMoreAnnualReview(JsonPath before, JsonPath after, Set<LocalDate> oneMore, double shareHours) {
        List<Map<String, Object>> was = before.getList("weeks");
        List<Map<String, Object>> is = after.getList("weeks");
        assertEquals(was.size(), is.size(), "forecast weeks");
        for (int i = 0; i < was.size(); i++) {
            LocalDate week = LocalDate.parse((String) is.get(i).get("weekStart"));
            assertEquals(was.get(i).get("weekStart"), is.get(i).get("weekStart"));
            Map<String, Object> items = new LinkedHashMap<>((Map<String, Object>) was.get(i).get("items"));
            double hours = ((Number) was.get(i).get("statutoryHours")).doubleValue();
            if (oneMore.contains(week)) {
                items.merge(ANNUAL_REVIEW, 1, (a, b) -> (Integer) a + (Integer) b);
                hours += shareHours;
            }
            assertEquals(items, is.get(i).get("items"), "work in the week of " + week);
            // each week's hours are rounded to hundredths, the effort too
            assertEquals(hours, ((Number) is.get(i).get("statutoryHours")).doubleValue(), 0.015,
                    "statutory hours in the week of " + week);
        }
    }

    @Test
    void fromSenSupportToAnEhcPlanReviewedOnTime() {
        JsonPath forecastBefore = settledForecast();
        String pupil = registerPupil();
        String pupilUrl = Stack.REGISTER + "/api/v1/pupils/" + pupil;

        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(pupilUrl))
                .body("""
                        {"provision":"K","startDate":"%s","needs":[{"rank":1,"code":"SPLD"}]}""".formatted(TODAY.minusMonths(14)))
                .post(pupilUrl + "/provisions").then().statusCode(200).body("provision", equalTo("K"));
        LocalDate issued = TODAY.minusMonths(11);
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(pupilUrl))
                .body("""
                        {"provision":"E","startDate":"%s","needs":[{"rank":1,"code":"ASD"},{"rank":2,"code":"SLCN"}],
                         "issuingLa":"801","planIssueDate":"%s"}""".formatted(issued, issued))
                .post(pupilUrl + "/provisions").then().statusCode(200).body("provision", equalTo("E"));

        // the annual review appears in review-service with its statutory deadline
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> Stack.as(SENCO)
                .queryParam("pupil", pupil).get(Stack.REVIEW + "/api/v1/reviews").jsonPath().getList("items").size() > 0);
        JsonPath reviews = Stack.as(SENCO).queryParam("pupil", pupil).get(Stack.REVIEW + "/api/v1/reviews").jsonPath();
        String review = reviews.getString("items[0].id");
        LocalDate dueBy = issued.plusMonths(12).minusDays(1);
        assertEquals(dueBy.toString(), reviews.getString("items[0].dueBy"));
        String reviewUrl = Stack.REVIEW + "/api/v1/reviews/" + review;

        // the school's workload forecast counts one more annual review, its effort spread over the weeks up to the
        // week it is due; the support plan SEN support opened was closed by the EHC plan, so its review is gone
        int annualBefore = openItems(forecastBefore, ANNUAL_REVIEW);
        int supportBefore = openItems(forecastBefore, SUPPORT_PLAN_REVIEW);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonPath f = forecast();
            return openItems(f, ANNUAL_REVIEW) == annualBefore + 1 && openItems(f, SUPPORT_PLAN_REVIEW) == supportBefore;
        });
        JsonPath forecastScheduled = forecast();
        String kind = "kinds.find { it.code == '" + ANNUAL_REVIEW + "' }.";
        int spreadWeeks = forecastScheduled.getInt(kind + "spreadWeeks");
        double shareHours = forecastScheduled.getDouble(kind + "effortHours") / spreadWeeks;
        LocalDate thisWeek = LocalDate.parse(forecastScheduled.getString("weeks[0].weekStart"));
        LocalDate dueWeek = dueBy.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Set<LocalDate> spread = new HashSet<>();
        for (int i = 0; i < spreadWeeks; i++) {
            spread.add(dueWeek.minusWeeks(i));
        }
        assertTrue(!dueWeek.minusWeeks(spreadWeeks - 1L).isBefore(thisWeek), "due " + dueBy + ": spread starts before this week");
        assertOneMoreAnnualReview(forecastBefore, forecastScheduled, spread, shareHours);

        // the SENCO records the parent as a contact once notification-service knows the pupil
        String parentEmail = "parent-" + System.nanoTime() + "@family.example";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> Stack.as(SENCO)
                .contentType(ContentType.JSON).body("""
                        {"kind":"PARENT_CARER","name":"Alex Journey","relationship":"MOTHER","parentalResponsibility":true,
                         "email":"%s","preferredChannel":"EMAIL"}""".formatted(parentEmail))
                .post(Stack.NOTIFICATION + "/api/v1/pupils/" + pupil + "/contacts").statusCode() == 201);

        // the SENCO sets the meeting, sends the invitations, holds it
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(reviewUrl))
                .body("""
                        {"meetingDate":"%s","invitees":[{"role":"PARENT_OR_YOUNG_PERSON","name":"Parent of the pupil"},
                         {"role":"HEAD"},{"role":"LA_SEN_OFFICER"},{"role":"HEALTH"},{"role":"SOCIAL_CARE"}]}""".formatted(TODAY))
                .put(reviewUrl + "/meeting").then().statusCode(200).body("status", equalTo("MEETING_SET"));

        // the forecast plans the review around its meeting now: today's, so only this week's share is still ahead
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonPath f = forecast();
            return annualReviewsIn(f, thisWeek) == annualReviewsIn(forecastBefore, thisWeek) + 1
                    && annualReviewsIn(f, dueWeek) == annualReviewsIn(forecastBefore, dueWeek);
        });
        assertOneMoreAnnualReview(forecastBefore, forecast(), Set.of(thisWeek), shareHours);

        // the invitation, with its calendar entry, is accepted by the SMTP server; and only the invitation: SEN
        // support that began 14 months ago, recorded only now, is not announced to the parent as starting
        String inbox = Stack.MAILBOX + "/api/user/" + parentEmail + "/messages";
        String invitation = "subject.contains('annual review meeting')";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = given().get(inbox);
            return response.statusCode() == 200 && response.jsonPath().getList("findAll { it." + invitation + " }").size() == 1;
        });
        JsonPath mail = given().get(inbox).jsonPath();
        assertEquals(true, mail.getString("find { it." + invitation + " }.mimeMessage").contains("text/calendar"));
        assertEquals(1, mail.getList("subject").size(), mail.getList("subject").toString());
        assertEquals(false, given().get(inbox).asString().contains("Quillonette"), "a message names the child");
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(reviewUrl))
                .body("{\"on\":\"" + TODAY.minusDays(20) + "\"}").post(reviewUrl + "/invitations-sent").then().statusCode(200);
        Stack.as(SENCO).contentType(ContentType.JSON).header("If-Match", etag(reviewUrl))
                .body("{\"on\":\"" + TODAY + "\",\"attendees\":[\"Parent\",\"SENCO\",\"LA SEN officer\"],\"durationMinutes\":90}")
                .post(reviewUrl + "/held").then().statusCode(200).body("status", equalTo("HELD"))
                .body("steps.find { it.step == 'REVIEW_MEETING' }.status", equalTo("DONE_ON_TIME"))
                .body("steps.find { it.step == 'REPORT' }.dueOn", equalTo(TODAY.plusWeeks(2).toString()));

        // holding the meeting suggests a time entry to the SENCO
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> Stack.as(SENCO)
                .get(Stack.WORKLOAD + "/api/v1/suggestions").jsonPath().getList("items.reviewId").contains(review));
        JsonPath suggestions = Stack.as(SENCO).get(Stack.WORKLOAD + "/api/v1/suggestions").jsonPath();
        assertEquals(90, suggestions.getInt("items.find { it.reviewId == '" + review + "' }.minutes"));

        // and the held review is no longer work ahead: the forecast is as it was before the pupil's plan
        JsonPath forecastHeld = forecast();
        assertEquals(annualBefore, openItems(forecastHeld, ANNUAL_REVIEW));
        assertOneMoreAnnualReview(forecastBefore, forecastHeld, Set.of(), 0);

        // the LA officer's export carries the pupil's plan
        String export = Stack.asLa().queryParam("format", "csv").get(Stack.REGISTER + "/api/v1/exports/la").then()
                .statusCode(200).extract().asString();
        String upn = Stack.as(SENCO).get(pupilUrl).jsonPath().getString("upn");
        assertEquals(true, export.contains(upn), "LA export lacks " + upn);

        // every access is audited, in both services
        Stack.as("trust.admin").queryParam("subjectId", pupil).get(Stack.REGISTER + "/api/v1/audit").then()
                .statusCode(200).body("items.action", hasItem("CREATE")).body("items.actor", hasItem(SENCO));
        List<String> reviewAudit = Stack.as("trust.admin").queryParam("subjectId", pupil)
                .get(Stack.REVIEW + "/api/v1/audit").jsonPath().getList("items.actor");
        assertEquals(true, reviewAudit.contains(SENCO), reviewAudit.toString());

        // a teacher of another school sees none of it
        Stack.as("teacher.harbour").get(pupilUrl).then().statusCode(404);
        Stack.as("teacher.harbour").get(reviewUrl).then().statusCode(404);
        Stack.as("teacher.harbour").queryParam("pupil", pupil).get(Stack.REVIEW + "/api/v1/reviews").then()
                .statusCode(200).body("totalItems", equalTo(0));
    }
}
