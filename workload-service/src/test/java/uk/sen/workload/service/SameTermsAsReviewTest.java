package uk.sen.workload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.time.SchoolTerms;
import uk.sen.platform.time.TermCalendar;
import uk.sen.workload.domain.Period;
import uk.sen.workload.domain.SchoolCalendar;

/**
 * Workload and review answer the same term dates for the same LA and day: the workload calendar the service builds
 * starts each term on the day review-service's calendar of that LA does (SchoolTerms, read by both), and a day is in
 * a term's weeks exactly when review counts it in that term or the holiday after it. LA 801 has dates of its own in
 * the tests (sen.terms.la."801"), the others take the default.
 */
@QuarkusTest
class SameTermsAsReviewTest {

    @Inject
    WorkloadClock clock;

    @Inject
    SchoolTerms terms;

    @Test
    void everyDayOfThreeSchoolYearsFallsInTheSameTermForEachLa() {
        for (String la : new String[] { "801", "802", null }) {
            TermCalendar review = terms.of(la);
            SchoolCalendar workload = clock.calendarOf(la);
            for (LocalDate day = LocalDate.of(2025, 9, 1); day.isBefore(LocalDate.of(2028, 9, 1)); day = day.plusDays(1)) {
                TermCalendar.Term reviews = review.latestStartedBy(day);
                Period workloads = workload.term(day);
                assertEquals(reviews.start(), workloads.from(), "LA " + la + ", " + day + ": the term's first day");
                assertEquals(review.after(reviews).start().minusDays(1), workloads.to(), "LA " + la + ", " + day);
                LocalDate d = day;
                Optional<TermCalendar.Term> inTerm = review.termOn(day);
                assertEquals(inTerm.map(TermCalendar.Term::start), inTerm.map(t -> workload.term(d).from()),
                        "LA " + la + ", " + day + ": review's term and workload's");
            }
        }
        // LA 801's own autumn rule (2 September) differs from the default (1 September): both services follow it
        assertEquals(LocalDate.of(2026, 9, 2), clock.calendarOf("801").term(LocalDate.of(2026, 10, 1)).from());
        assertEquals(LocalDate.of(2026, 9, 1), clock.calendarOf("802").term(LocalDate.of(2026, 10, 1)).from());
    }
}
