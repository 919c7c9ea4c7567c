package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.testing.Tokens;
import uk.sen.platform.time.TermCalendar;
import uk.sen.platform.time.TermCalendar.Term;
import uk.sen.platform.time.SchoolTerms;

/** The SENCO's view: deadlines across their schools, soonest first, and the reviews due this term. */
@QuarkusTest
class SencoViewTest {

    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = AnnualReviewLifecycleTest.TODAY;

    @Inject
    SchoolTerms terms;

    @Inject
    MeterRegistry meters;

    static JsonPath deadlines(String user, Object within) {
        return given().auth().oauth2(Tokens.of(user)).queryParam("within", within).queryParam("size", 200)
                .get("/api/v1/deadlines").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void deadlinesAcrossTheSencosSchoolsSoonestFirst() {
        // an EHC plan whose review meeting is due in 19 days, and a pupil on SEN support
        String ehc = UUID.randomUUID().toString();
        LocalDate issued = TODAY.plusDays(20).minusMonths(12);
        AnnualReviewLifecycleTest.registerEvent(ehc, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY", issued,
                "H801200112345");
        String review = AnnualReviewLifecycleTest.awaitOpenReview(ehc);
        String support = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(support, "uk.sen.register.pupil-registered", "K", "3", "PRIMARY",
                TODAY.minusDays(3));
        String plan = SupportPlanCycleTest.awaitPlan(support);
        LocalDate due = issued.plusMonths(12).minusDays(1);

        JsonPath within30 = deadlines(SENCO, 30);
        assertEquals(review, within30.getString("items.find { it.pupilId == '" + ehc + "' }.sourceId"));
        assertEquals("annual-review", within30.getString("items.find { it.pupilId == '" + ehc + "' }.sourceType"));
        assertEquals("REVIEW_MEETING", within30.getString("items.find { it.pupilId == '" + ehc + "' }.step"));
        assertEquals("Annual review meeting", within30.getString("items.find { it.pupilId == '" + ehc + "' }.stepLabel"));
        assertEquals(due.toString(), within30.getString("items.find { it.pupilId == '" + ehc + "' }.dueOn"));
        assertEquals(19, within30.getInt("items.find { it.pupilId == '" + ehc + "' }.daysLeft"));
        assertEquals("DUE", within30.getString("items.find { it.pupilId == '" + ehc + "' }.status"));
        // the SENCO's list names the pupil by UPN and year group (the service holds no names) and by name, which
        // comes from the register when the list is asked for; these tests point review-service where nothing
        // listens, so the list answers without names, and says how often that happens (the journey test in e2e/
        // sees the names with every service running)
        assertEquals("H801200112345", within30.getString("items.find { it.pupilId == '" + ehc + "' }.upn"));
        assertEquals("4", within30.getString("items.find { it.pupilId == '" + ehc + "' }.ncYear"));
        assertNull(within30.get("items.find { it.pupilId == '" + ehc + "' }.forename"));
        double unavailable = meters.counter("sen.review.pupil-names.unavailable").count();
        deadlines(SENCO, 30);
        assertEquals(unavailable + 1, meters.counter("sen.review.pupil-names.unavailable").count());
        List<String> dates = within30.getList("items.dueOn");
        List<String> sorted = new ArrayList<>(dates);
        sorted.sort(null);
        assertEquals(sorted, dates, "soonest first");
        assertTrue(dates.stream().allMatch(d -> !LocalDate.parse(d).isAfter(TODAY.plusDays(30))));

        // the window: 10 days leaves the meeting out; a year brings the support review in
        assertFalse(deadlines(SENCO, 10).getList("items.pupilId").contains(ehc));
        JsonPath year = deadlines(SENCO, 366);
        assertEquals(plan, year.getString("items.find { it.pupilId == '" + support + "' }.planId"));
        assertEquals("SEN support plan", year.getString("items.find { it.pupilId == '" + support + "' }.source"));
        assertEquals(false, year.getBoolean("items.find { it.pupilId == '" + support + "' }.statutory"));

        // scope: Meadow's SENCO sees none of it; the trust admin sees it; a school outside scope is 404
        assertFalse(deadlines("senco.meadow", 366).getList("items.pupilId").contains(ehc));
        assertTrue(deadlines("trust.admin", 30).getList("items.pupilId").contains(ehc));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("school", "900102").get("/api/v1/deadlines").then()
                .statusCode(404);
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("school", "900101").queryParam("within", 30)
                .queryParam("size", 200).get("/api/v1/deadlines").then().statusCode(200)
                .body("items.pupilId", hasItem(ehc));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("within", "soon").get("/api/v1/deadlines").then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("within"));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("within", 400).get("/api/v1/deadlines").then()
                .statusCode(400).body("violations[0].field", equalTo("within"));
        given().get("/api/v1/deadlines").then().statusCode(401);
    }

    @Test
    void anLaWithItsOwnTermDatesIsReadFromConfiguration() {
        // %test.sen.review.terms.la."801" gives LA 801 an autumn from 2 September to 18 December
        assertTrue(terms.hasOwn("801"));
        assertFalse(terms.hasOwn("802"));
        assertEquals(LocalDate.of(2026, 9, 2), terms.of("801").term(TermCalendar.Season.AUTUMN, 2026).start());
        assertEquals(LocalDate.of(2026, 9, 1), terms.of("802").term(TermCalendar.Season.AUTUMN, 2026).start());
        assertEquals(LocalDate.of(2027, 12, 17), terms.of("801").term(TermCalendar.Season.AUTUMN, 2027).end());
        assertEquals(LocalDate.of(2027, 12, 20), terms.of(null).term(TermCalendar.Season.AUTUMN, 2027).end());
    }

    @Test
    void reviewsDueThisTermAreAnnualAndSupportReviews() {
        Term term = terms.of("801").currentOrNext(TODAY);
        // an annual review due on the last day of this term, and one due in the next term
        String thisTerm = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(thisTerm, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY",
                term.end().plusDays(1).minusMonths(12));
        String inTerm = AnnualReviewLifecycleTest.awaitOpenReview(thisTerm);
        String nextTerm = UUID.randomUUID().toString();
        LocalDate later = terms.of("801").after(term).start().plusDays(7);
        AnnualReviewLifecycleTest.registerEvent(nextTerm, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY",
                later.plusDays(1).minusMonths(12));
        String notInTerm = AnnualReviewLifecycleTest.awaitOpenReview(nextTerm);
        String support = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(support, "uk.sen.register.pupil-registered", "K", "2", "PRIMARY",
                TODAY.minusDays(1), "K801200154321");
        String plan = SupportPlanCycleTest.awaitPlan(support);

        JsonPath due = given().auth().oauth2(Tokens.of(SENCO)).get("/api/v1/reviews/due-this-term").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(TODAY.toString(), due.getString("asAt"));
        assertEquals(term.label(), due.getString("terms.find { it.la == '801' }.term"));
        assertEquals(term.end().toString(), due.getString("items.find { it.reviewId == '" + inTerm + "' }.dueBy"));
        assertEquals("ANNUAL", due.getString("items.find { it.reviewId == '" + inTerm + "' }.kind"));
        assertEquals("SUPPORT", due.getString("items.find { it.pupilId == '" + support + "' }.kind"));
        assertEquals(plan, due.getString("items.find { it.pupilId == '" + support + "' }.planId"));
        assertEquals("K801200154321", due.getString("items.find { it.pupilId == '" + support + "' }.upn"));
        assertEquals("2", due.getString("items.find { it.pupilId == '" + support + "' }.ncYear"));
        assertEquals(term.end().toString(), due.getString("items.find { it.pupilId == '" + support + "' }.dueBy"));
        assertFalse(due.getList("items.reviewId").contains(notInTerm), "a review due next term is not due this term");
        List<String> dates = due.getList("items.dueBy");
        List<String> sorted = new ArrayList<>(dates);
        sorted.sort(null);
        assertEquals(sorted, dates, "soonest first");

        // as at a day in the next term, the other review is due and this term's support review is overdue
        JsonPath next = given().auth().oauth2(Tokens.of(SENCO)).queryParam("date", later.minusDays(1).toString())
                .get("/api/v1/reviews/due-this-term").then().statusCode(200).extract().jsonPath();
        assertTrue(next.getList("items.reviewId").contains(notInTerm));
        assertEquals(true, next.getBoolean("items.find { it.pupilId == '" + support + "' }.overdue"));

        given().auth().oauth2(Tokens.of("slt.harbour")).get("/api/v1/reviews/due-this-term").then().statusCode(200)
                .body("items.reviewId", hasItem(inTerm));
        given().auth().oauth2(Tokens.of("senco.meadow")).get("/api/v1/reviews/due-this-term").then().statusCode(200)
                .body("items.reviewId", not(hasItem(inTerm)));
        given().auth().oauth2(Tokens.of(SENCO)).queryParam("date", "next tuesday").get("/api/v1/reviews/due-this-term")
                .then().statusCode(400).body("violations[0].field", equalTo("date"));
    }
}
