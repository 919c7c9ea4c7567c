package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.testing.TestDates;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.service.LaReviews;

/**
 * The LA's view of EHC plan reviews. Three pupils with EHC plans, as the register announces them: one at Northbridge
 * Academy (900103, trust northbridge) and one at Riverside (900201, trust riverside), both schools of LA 801, and one
 * at 900202 (trust riverside) in LA 935. The LA 801 officer sees the first two, across the trusts, never the third.
 * The Academy pupil's first review was held 13 months ago with its report on time and the plan maintained; their
 * next one is past its date with no meeting. The Riverside pupil (Year 6: a phase transfer) had their review 10 weeks
 * ago, the report 3 weeks after it (late), an amendment and the final plan. Dates count from the platform's today.
 */
@QuarkusTest
class LaReviewViewTest {

    static final LocalDate TODAY = TestDates.today();
    static final String OFFICER = "la.officer";
    static final String ACADEMY = "900103";
    static final String RIVERSIDE = "900201";
    static final String OTHER_LA_SCHOOL = "900202";
    static final String LA_VIEW = "/api/v1/la/reviews";
    static final String LA_CSV = "/api/v1/la/reviews.csv";

    static String academyPupil;
    static String riversidePupil;
    static String otherLaPupil;
    /** The Academy pupil's review held 13 months ago, and their next one, now overdue. */
    static String academyHeld;
    static String academyOverdue;
    /** The Riverside pupil's phase transfer review, held 10 weeks ago, with the report sent 3 weeks after it. */
    static String riversideHeld;
    static final LocalDate ACADEMY_MEETING = TODAY.minusMonths(13);
    static final LocalDate RIVERSIDE_MEETING = TODAY.minusWeeks(10);

    @Inject
    EntityManager em;

    @Inject
    LaReviews laReviews;

    @BeforeEach
    void pupilsAndTheirReviews() {
        if (riversideHeld != null) {
            return;
        }
        String academy = UUID.randomUUID().toString();
        String riverside = UUID.randomUUID().toString();
        String otherLa = UUID.randomUUID().toString();
        registered(academy, "northbridge", ACADEMY, "801", "SECONDARY", 16, "9", TODAY.minusMonths(20));
        registered(riverside, "riverside", RIVERSIDE, "801", "PRIMARY", 11, "6", TODAY.minusMonths(11));
        registered(otherLa, "riverside", OTHER_LA_SCHOOL, "935", "PRIMARY", 11, "4", TODAY.minusMonths(11));

        String first = awaitOpenReview(academy, "senco.academy");
        step("senco.academy", first, "held", "{\"on\":\"" + ACADEMY_MEETING + "\",\"attendees\":[\"Parent\"],"
                + "\"invitees\":" + AnnualReviewLifecycleTest.INVITEES + ",\"invitationsSentOn\":\""
                + ACADEMY_MEETING.minusWeeks(3) + "\",\"adviceCirculatedOn\":\"" + ACADEMY_MEETING.minusDays(15) + "\"}");
        step("senco.academy", first, "report-sent", "{\"on\":\"" + ACADEMY_MEETING.plusWeeks(1) + "\"}");
        step("senco.academy", first, "la-decision", "{\"decision\":\"MAINTAIN\",\"on\":\""
                + ACADEMY_MEETING.plusWeeks(2) + "\"}").then().body("status", equalTo("COMPLETED"));
        academyOverdue = awaitOpenReview(academy, "senco.academy");
        academyHeld = first;

        String transfer = awaitOpenReview(riverside, "senco.riverside");
        LocalDate held = RIVERSIDE_MEETING;
        step("senco.riverside", transfer, "held", "{\"on\":\"" + held + "\",\"attendees\":[\"Parent\"],"
                + "\"invitees\":" + AnnualReviewLifecycleTest.INVITEES + ",\"invitationsSentOn\":\""
                + held.minusWeeks(3) + "\",\"adviceCirculatedOn\":\"" + held.minusDays(15) + "\"}");
        step("senco.riverside", transfer, "report-sent", "{\"on\":\"" + held.plusWeeks(3) + "\"}");
        step("senco.riverside", transfer, "la-decision", "{\"decision\":\"AMEND\",\"on\":\"" + held.plusWeeks(4)
                + "\",\"amendmentNoticeOn\":\"" + held.plusWeeks(4) + "\"}");
        step("senco.riverside", transfer, "final-plan", "{\"on\":\"" + held.plusWeeks(9) + "\"}").then()
                .body("status", equalTo("COMPLETED"));
        awaitOpenReview(riverside, "senco.riverside");

        // no user works at the other LA's school: wait for its review in the database
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM annual_review WHERE pupil_id = ?1")
                        .setParameter(1, UUID.fromString(otherLa)).getSingleResult()).longValue() > 0));
        academyPupil = academy;
        riversidePupil = riverside;
        otherLaPupil = otherLa;
        riversideHeld = transfer;
    }

    @Test
    void anLaOfficerSeesTheReviewsAtTheLasSchoolsAcrossTrustsAndNeverAnotherLas() {
        List<Map<String, Object>> rows = everyRow(Tokens.of(OFFICER), Map.of());
        List<Object> pupils = rows.stream().map(r -> r.get("pupilId")).toList();
        assertTrue(pupils.contains(academyPupil), "the Academy pupil (trust northbridge) is listed");
        assertTrue(pupils.contains(riversidePupil), "the Riverside pupil (trust riverside) is listed");
        assertFalse(pupils.contains(otherLaPupil), "a pupil of LA 935 is never listed to LA 801");
        assertEquals(List.of("northbridge"), rows.stream().filter(r -> academyPupil.equals(r.get("pupilId")))
                .map(r -> r.get("trustId")).distinct().toList());
        assertEquals(List.of("riverside"), rows.stream().filter(r -> riversidePupil.equals(r.get("pupilId")))
                .map(r -> r.get("trustId")).distinct().toList());
        // every pupil listed (other tests' too) is at a school of LA 801 today
        List<UUID> ids = pupils.stream().map(p -> UUID.fromString((String) p)).distinct().toList();
        long elsewhere = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT count(*) FROM followed_pupil WHERE pupil_id IN (?1) AND la_code IS DISTINCT FROM '801'""")
                .setParameter(1, ids).getSingleResult()).longValue());
        assertEquals(0, elsewhere);
        // asking for the other LA's school does not reach its pupil either
        assertFalse(everyRow(Tokens.of(OFFICER), Map.of("school", OTHER_LA_SCHOOL)).stream()
                .anyMatch(r -> otherLaPupil.equals(r.get("pupilId"))));
        // the LA's system (the sen-la client) sees the same
        List<Object> byClient = everyRow(Tokens.la(), Map.of("school", RIVERSIDE)).stream()
                .map(r -> r.get("reviewId")).toList();
        assertTrue(byClient.contains(riversideHeld), byClient.toString());
    }

    @Test
    void eachReviewShowsTheReportsTimelinessTheLasDecisionAndTheOverdueSteps() {
        List<Map<String, Object>> riverside = everyRow(Tokens.of(OFFICER), Map.of("school", RIVERSIDE));
        assertTrue(riverside.stream().allMatch(r -> RIVERSIDE.equals(r.get("schoolUrn"))));
        assertEquals(2, riverside.stream().filter(r -> riversidePupil.equals(r.get("pupilId"))).count(),
                "the review held and the next one");
        Map<String, Object> late = row(riverside, riversideHeld);
        LocalDate held = RIVERSIDE_MEETING;
        assertEquals("PHASE_TRANSFER", late.get("kind"));
        assertEquals("PRIMARY_TO_SECONDARY", late.get("transfer"));
        assertEquals("COMPLETED", late.get("status"));
        assertEquals(held.toString(), late.get("meetingDate"));
        assertEquals(held.toString(), late.get("heldOn"));
        assertEquals(held.plusWeeks(2).toString(), late.get("reportDueBy"));
        assertEquals(held.plusWeeks(3).toString(), late.get("reportSentOn"));
        assertEquals(false, late.get("reportOnTime"), "a report 3 weeks after the meeting is late");
        assertEquals("AMEND", late.get("laDecision"));
        assertEquals(held.plusWeeks(4).toString(), late.get("laDecisionOn"));
        assertEquals(held.plusWeeks(9).toString(), late.get("finalPlanOn"));
        assertEquals(List.of(), late.get("overdueSteps"));
        assertFalse(late.containsKey("attendees"), "who attended is not the LA's to read here");

        List<Map<String, Object>> academy = everyRow(Tokens.of(OFFICER), Map.of("school", ACADEMY));
        List<Object> academyReviews = academy.stream().map(r -> r.get("reviewId"))
                .filter(id -> id.equals(academyHeld) || id.equals(academyOverdue)).toList();
        assertEquals(List.of(academyHeld, academyOverdue), academyReviews, "soonest due first");
        Map<String, Object> onTime = row(academy, academyHeld);
        assertEquals(true, onTime.get("reportOnTime"), "a report 1 week after the meeting is on time");
        assertEquals("MAINTAIN", onTime.get("laDecision"));
        assertNull(onTime.get("finalPlanOn"));
        assertEquals(List.of(), onTime.get("overdueSteps"));

        Map<String, Object> overdue = row(academy, academyOverdue);
        assertEquals("ANNUAL", overdue.get("kind"));
        assertEquals("SCHEDULED", overdue.get("status"));
        assertEquals(ACADEMY_MEETING.plusMonths(12).minusDays(1).toString(), overdue.get("dueBy"));
        assertTrue(LocalDate.parse((String) overdue.get("dueBy")).isBefore(TODAY));
        assertNull(overdue.get("meetingDate"));
        assertNull(overdue.get("heldOn"));
        assertNull(overdue.get("reportOnTime"));
        assertEquals(List.of("REVIEW_MEETING"), overdue.get("overdueSteps"));
    }

    /** Other tests (and the register's, on the shared topic) add pupils to these schools: each answer is checked row by row. */
    @Test
    void filtersBySchoolDueDateAndKind() {
        String officer = Tokens.of(OFFICER);
        List<Map<String, Object>> academy = everyRow(officer, Map.of("school", ACADEMY));
        LocalDate heldDue = LocalDate.parse((String) row(academy, academyHeld).get("dueBy"));
        LocalDate overdueDue = LocalDate.parse((String) row(academy, academyOverdue).get("dueBy"));

        assertDueWithin(everyRow(officer, Map.of("school", ACADEMY, "from", overdueDue.toString(), "to",
                overdueDue.toString())), overdueDue, overdueDue, List.of(academyOverdue), List.of(academyHeld));
        assertDueWithin(everyRow(officer, Map.of("school", ACADEMY, "to", heldDue.toString())), null, heldDue,
                List.of(academyHeld), List.of(academyOverdue));
        assertDueWithin(everyRow(officer, Map.of("school", ACADEMY, "from", heldDue.plusDays(1).toString())),
                heldDue.plusDays(1), null, List.of(academyOverdue), List.of(academyHeld));
        // a window of due dates across schools: only reviews due within it
        List<Map<String, Object>> window = everyRow(officer, Map.of("from", heldDue.toString(), "to",
                heldDue.toString()));
        assertDueWithin(window, heldDue, heldDue, List.of(academyHeld), List.of(academyOverdue));

        List<Map<String, Object>> transfers = everyRow(officer, Map.of("school", RIVERSIDE, "kind", "PHASE_TRANSFER"));
        assertTrue(transfers.stream().allMatch(r -> "PHASE_TRANSFER".equals(r.get("kind"))
                && RIVERSIDE.equals(r.get("schoolUrn"))));
        assertTrue(reviewIds(transfers).contains(riversideHeld));
        List<Map<String, Object>> academyTransfers = everyRow(officer, Map.of("school", ACADEMY, "kind", "phase_transfer"));
        assertTrue(academyTransfers.stream().allMatch(r -> "PHASE_TRANSFER".equals(r.get("kind"))));
        assertFalse(reviewIds(academyTransfers).contains(academyHeld));
        assertFalse(reviewIds(academyTransfers).contains(academyOverdue));
        List<Map<String, Object>> annual = everyRow(officer, Map.of("school", ACADEMY, "kind", "annual"));
        assertTrue(annual.stream().allMatch(r -> "ANNUAL".equals(r.get("kind"))));
        assertTrue(reviewIds(annual).containsAll(List.of(academyHeld, academyOverdue)));

        JsonPath second = view(officer, Map.of("school", RIVERSIDE, "size", "1", "page", "1")).then().statusCode(200)
                .body("page", equalTo(1)).body("items.size()", equalTo(1)).extract().jsonPath();
        assertTrue(second.getInt("totalItems") >= 2);
        assertEquals(second.getInt("totalItems"), second.getInt("totalPages"));

        // bad filters are refused, naming the field, never a 500
        for (Map.Entry<Map<String, String>, String> bad : Map.of(
                Map.of("kind", "SUPPORT"), "kind",
                Map.of("school", "9001"), "school",
                Map.of("from", "2027-02-30"), "from",
                Map.of("to", "+999999999-12-31"), "to",
                Map.of("from", "1066-10-14"), "from",
                Map.of("from", TODAY.toString(), "to", TODAY.minusDays(1).toString()), "to").entrySet()) {
            for (String path : List.of(LA_VIEW, LA_CSV)) {
                given().auth().oauth2(officer).queryParams(bad.getKey()).get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("violations[0].field", equalTo(bad.getValue()));
            }
        }
    }

    @Test
    void theCsvHasAHeaderAndTheSameRows() {
        for (String school : List.of(RIVERSIDE, ACADEMY)) {
            // a register event applied between the two reads would add a row to one of them: read both again
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Object> json = reviewIds(everyRow(Tokens.of(OFFICER), Map.of("school", school)));
                Response csv = given().auth().oauth2(Tokens.of(OFFICER)).queryParam("school", school).get(LA_CSV);
                csv.then().statusCode(200).contentType(containsString("text/csv")).header("Content-Disposition",
                        equalTo("attachment; filename=\"ehc-reviews-801-" + TODAY + ".csv\""));
                String[] lines = csv.asString().split("\r\n");
                assertEquals("review_id,pupil_id,school_urn,trust_id,kind,transfer,status,due_by,plan_by,"
                        + "meeting_date,held_on,report_due_by,report_sent_on,report_on_time,la_decision,la_decision_on,"
                        + "final_plan_on,overdue_steps", lines[0]);
                List<String> ids = new ArrayList<>();
                for (int i = 1; i < lines.length; i++) {
                    ids.add(lines[i].split(",", -1)[0]);
                }
                assertEquals(json, ids, "the same reviews in the same order as the JSON");
            });
        }
        String riverside = given().auth().oauth2(Tokens.of(OFFICER)).queryParam("school", RIVERSIDE).get(LA_CSV)
                .asString();
        LocalDate held = RIVERSIDE_MEETING;
        assertTrue(riverside.contains(String.join(",", riversideHeld, riversidePupil, RIVERSIDE, "riverside",
                "PHASE_TRANSFER", "PRIMARY_TO_SECONDARY", "COMPLETED")), riverside);
        assertTrue(riverside.contains(String.join(",", held.toString(), held.toString(),
                held.plusWeeks(2).toString(), held.plusWeeks(3).toString(), "false", "AMEND",
                held.plusWeeks(4).toString(), held.plusWeeks(9).toString(), "") + "\r\n"), riverside);
        String academy = given().auth().oauth2(Tokens.of(OFFICER)).queryParams(Map.of("school", ACADEMY,
                "kind", "ANNUAL", "from", TODAY.minusMonths(2).toString())).get(LA_CSV).asString();
        List<String> lines = List.of(academy.split("\r\n"));
        assertFalse(academy.contains(academyHeld), "due before the window");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(academyOverdue + ",") && l.endsWith(",REVIEW_MEETING")),
                academy);
    }

    @Test
    void onlyLaOfficersMayReadIt() {
        for (String user : List.of("senco.harbour", "senco.riverside", "trust.admin", "slt.harbour")) {
            for (String path : List.of(LA_VIEW, LA_CSV)) {
                given().auth().oauth2(Tokens.of(user)).get(path).then().statusCode(403)
                        .contentType("application/problem+json");
            }
        }
        given().auth().oauth2(Tokens.mis()).get(LA_VIEW).then().statusCode(403);
        given().get(LA_VIEW).then().statusCode(401).contentType("application/problem+json");
    }

    /**
     * The realm has no LA officer without an LA (both its LA accounts name 801), so the view is asked in the service
     * with the identity such a token gives: the role, and an access token whose claims name no LA (or a blank one).
     * The same identity naming LA 801 is let through, so the refusal is the missing claim's.
     */
    @Test
    void anLaOfficerWhoseAccountNamesNoLaIsRefused() {
        LaReviews.Filter otherLaSchool = new LaReviews.Filter(OTHER_LA_SCHOOL, null, null, null);
        assertFalse(asOfficer("801", () -> laReviews.list(otherLaSchool, PageRequest.of(0, 200))).items().stream()
                .anyMatch(r -> r.pupilId().toString().equals(otherLaPupil)), "with an la claim the view answers");
        for (String la : java.util.Arrays.asList(null, "", " ")) {
            ProblemException refused = assertThrows(ProblemException.class,
                    () -> asOfficer(la, () -> laReviews.list(otherLaSchool, PageRequest.of(0, 20))));
            assertEquals(403, refused.status());
            refused = assertThrows(ProblemException.class, () -> asOfficer(la, () -> laReviews.all(otherLaSchool)));
            assertEquals(403, refused.status());
        }
    }

    @Test
    void everyPupilListedIsRecordedInTheAuditOfTheirTrust() {
        view(Tokens.of(OFFICER), Map.of("school", ACADEMY)).then().statusCode(200);
        given().auth().oauth2(Tokens.of(OFFICER)).queryParam("school", RIVERSIDE).get(LA_CSV).then().statusCode(200);
        given().auth().oauth2(Tokens.of(OFFICER)).get(LA_VIEW).then().statusCode(200);

        // the trust admin of northbridge sees the LA's read of the Academy pupil; Riverside's SENCO the export
        given().auth().oauth2(Tokens.of("trust.admin")).queryParams(Map.of("subjectId", academyPupil,
                "actor", OFFICER, "action", "LIST", "size", "200")).get("/api/v1/audit").then().statusCode(200)
                .body("items.schoolUrn", everyItem(equalTo(ACADEMY)))
                .body("items.trustId", everyItem(equalTo("northbridge")))
                .body("items.detail", hasItem("EHC plan reviews for LA 801"));
        given().auth().oauth2(Tokens.of("senco.riverside")).queryParams(Map.of("subjectId", riversidePupil,
                "actor", OFFICER, "action", "EXPORT", "size", "200")).get("/api/v1/audit").then().statusCode(200)
                .body("items.detail", hasItem("EHC plan reviews for LA 801 as CSV"))
                .body("items.trustId", everyItem(equalTo("riverside")));
        // the other LA's pupil was never read by LA 801's accounts
        long otherLaReads = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                SELECT count(*) FROM audit_record
                WHERE actor IN ('la.officer', 'service-account-sen-la') AND ?1 = ANY (subject_ids)""")
                .setParameter(1, otherLaPupil).getSingleResult()).longValue());
        assertEquals(0, otherLaReads);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A pupil with an EHC plan issued on {@code issued}, as the register announces one. */
    static void registered(String pupil, String trust, String school, String la, String phase, int highestAge,
            String ncYear, LocalDate issued) {
        String data = String.format("""
                {"pupilId":"%s","trustId":"%s","schoolUrn":"%s","laCode":"%s","dateOfBirth":"%s","ncYear":"%s",
                 "provision":"E","provisionStartDate":"%s","issuingLa":"%s","planIssueDate":"%s",
                 "needs":[{"rank":1,"code":"ASD"}],"schoolPhase":"%s","schoolHighestAge":%d}""",
                pupil, trust, school, la, TODAY.minusYears(11), ncYear, issued, la, issued, phase, highestAge);
        TopicReader.send(AnnualReviewLifecycleTest.REGISTER, pupil, data, Map.of("ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(), "ce_type", "uk.sen.register.pupil-registered",
                "ce_source", "urn:uk-sen:register-service", "ce_subject", pupil,
                "ce_time", TestDates.eventTime().toString(), "ce_trustid", trust, "ce_schoolurn", school));
    }

    /** The pupil's open review, as their school's SENCO reads it, once the register's event has been applied. */
    static String awaitOpenReview(String pupil, String senco) {
        String open = "items.find { it.status != 'COMPLETED' && it.status != 'CLOSED' }.id";
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewsOf(pupil, senco).getString(open) != null);
        return reviewsOf(pupil, senco).getString(open);
    }

    static JsonPath reviewsOf(String pupil, String senco) {
        return given().auth().oauth2(Tokens.of(senco)).queryParam("pupil", pupil).get("/api/v1/reviews").then()
                .statusCode(200).extract().jsonPath();
    }

    static Response step(String senco, String review, String path, String body) {
        String etag = given().auth().oauth2(Tokens.of(senco)).get("/api/v1/reviews/" + review).then()
                .statusCode(200).extract().header("ETag");
        Response r = given().auth().oauth2(Tokens.of(senco)).contentType(ContentType.JSON).header("If-Match", etag)
                .body(body).post("/api/v1/reviews/" + review + "/" + path);
        r.then().statusCode(200);
        return r;
    }

    static Response view(String token, Map<String, String> query) {
        return given().auth().oauth2(token).queryParams(query).get(LA_VIEW);
    }

    /** Every row of the view with these filters, page by page. */
    static List<Map<String, Object>> everyRow(String token, Map<String, String> filters) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int pages;
        int page = 0;
        do {
            Map<String, String> query = new java.util.HashMap<>(filters);
            query.put("size", "200");
            query.put("page", Integer.toString(page));
            JsonPath json = view(token, query).then().statusCode(200).extract().jsonPath();
            rows.addAll(json.getList("items"));
            pages = json.getInt("totalPages");
            page++;
        } while (page < pages);
        return rows;
    }

    static Map<String, Object> row(List<Map<String, Object>> rows, String reviewId) {
        return rows.stream().filter(r -> reviewId.equals(r.get("reviewId"))).findFirst()
                .orElseThrow(() -> new AssertionError("review " + reviewId + " is not listed"));
    }

    static List<Object> reviewIds(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("reviewId")).toList();
    }

    /** Every row is due within from..to (either end open when null), with these reviews in and those out. */
    static void assertDueWithin(List<Map<String, Object>> rows, LocalDate from, LocalDate to, List<String> in,
            List<String> out) {
        for (Map<String, Object> r : rows) {
            LocalDate due = LocalDate.parse((String) r.get("dueBy"));
            assertTrue((from == null || !due.isBefore(from)) && (to == null || !due.isAfter(to)), r.toString());
        }
        assertTrue(reviewIds(rows).containsAll(in), rows.toString());
        out.forEach(id -> assertFalse(reviewIds(rows).contains(id), id + " is outside " + from + ".." + to));
    }

    /**
     * Runs {@code call} in a request of an LA officer signed in with an access token whose {@code la} claim is
     * {@code la} (none when null). The token is not signed: nothing here verifies it, the service only reads its
     * claims, as it does after the sign-in has verified a real one.
     */
    private static <T> T asOfficer(String la, Supplier<T> call) {
        // a request of its own: the test's request scope may already hold a caller scope read from another token
        ManagedContext requests = Arc.container().requestContext();
        InjectableContext.ContextState outer = requests.getStateIfActive();
        requests.activate();
        try {
            String claims = "{\"sub\":\"la-test\",\"preferred_username\":\"la.test\","
                    + "\"realm_access\":{\"roles\":[\"la-officer\"]}" + (la == null ? "" : ",\"la\":\"" + la + "\"")
                    + "}";
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String token = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString("unsigned".getBytes(StandardCharsets.UTF_8));
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(QuarkusSecurityIdentity
                    .builder().setPrincipal(new QuarkusPrincipal("la.test")).addRole(Roles.LA_OFFICER)
                    .addCredential(new AccessTokenCredential(token)).build());
            return call.get();
        } finally {
            requests.terminate();
            if (outer != null) {
                requests.activate(outer);
            }
        }
    }
}
