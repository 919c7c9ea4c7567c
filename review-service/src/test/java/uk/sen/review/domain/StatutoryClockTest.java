package uk.sen.review.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.sen.review.domain.StatutoryClock.Settings;
import uk.sen.review.domain.StatutoryClock.StepStatus;
import uk.sen.review.domain.StatutoryClock.Transfer;

class StatutoryClockTest {

    final StatutoryClock clock = new StatutoryClock(Settings.DEFAULTS);

    @ParameterizedTest(name = "issued/met {0}, born {1}: review by {2}")
    @CsvSource({
            // within 12 months of the plan's issue or of the last meeting
            "2026-03-15, 2016-03-14, 2027-03-14",
            "2026-01-01, 2016-03-14, 2026-12-31",   // year end
            "2025-12-31, 2016-03-14, 2026-12-30",
            "2024-02-29, 2016-03-14, 2025-02-27",   // leap day: 12 months on is clamped to 28 Feb, minus a day
            "2023-03-01, 2016-03-14, 2024-02-29",   // into a leap year
            // under 5 on the reference date: every 6 months by default
            "2026-03-15, 2023-01-10, 2026-09-14",
            "2025-08-31, 2021-09-01, 2026-02-27",   // 31 August + 6 months clamps to 28 February, minus a day
            // turning 5 exactly on the reference date: no longer under 5
            "2026-03-15, 2021-03-15, 2027-03-14",
    })
    void annualReviewDue(LocalDate from, LocalDate born, LocalDate expected) {
        assertEquals(expected, clock.reviewDueBy(from, born));
    }

    @Test
    void underFiveIntervalIsConfigurableFromThreeToSixMonths() {
        StatutoryClock quarterly = new StatutoryClock(new Settings(3, 12));
        assertEquals(LocalDate.of(2026, 6, 14), quarterly.reviewDueBy(LocalDate.of(2026, 3, 15), LocalDate.of(2023, 1, 10)));
        assertThrows(IllegalArgumentException.class, () -> new Settings(2, 12));
        assertThrows(IllegalArgumentException.class, () -> new Settings(7, 12));
    }

    @ParameterizedTest(name = "meeting {0}")
    @CsvSource({
            // meeting, invitations and advice by, report by, LA decision by, final amended plan by (no notice)
            "2026-11-23, 2026-11-09, 2026-12-07, 2026-12-21, 2027-02-15",
            "2026-12-30, 2026-12-16, 2027-01-13, 2027-01-27, 2027-03-24",   // across the year end
            "2028-02-10, 2028-01-27, 2028-02-24, 2028-03-09, 2028-05-04",   // across 29 February 2028
    })
    void stepsAroundTheMeeting(LocalDate meeting, LocalDate before, LocalDate report, LocalDate decision,
            LocalDate finalPlan) {
        assertEquals(before, clock.invitationsBy(meeting));
        assertEquals(before, clock.adviceBy(meeting));
        assertEquals(report, clock.reportBy(meeting));
        assertEquals(decision, clock.laDecisionBy(meeting));
        assertEquals(finalPlan, clock.finalAmendedPlanBy(meeting, null));
    }

    @ParameterizedTest(name = "meeting {0}, notice {1}: final by {2}")
    @CsvSource({
            "2026-11-23, 2026-12-01, 2027-01-26",   // 8 weeks from the notice comes first
            "2026-11-23, 2027-01-10, 2027-02-15",   // a late notice: still 12 weeks from the meeting in total
    })
    void finalAmendedPlan(LocalDate meeting, LocalDate notice, LocalDate expected) {
        assertEquals(expected, clock.finalAmendedPlanBy(meeting, notice));
        assertEquals(notice.plusDays(15), clock.commentsUntil(notice));
    }

    @ParameterizedTest(name = "{0} school (to age {1}), year {2}: {3}")
    @CsvSource(nullValues = "none", value = {
            "PRIMARY, 11, 6, PRIMARY_TO_SECONDARY",
            "PRIMARY, 11, 5, none",
            "PRIMARY, 7, 2, INFANT_TO_JUNIOR",
            "PRIMARY, 11, 2, none",
            "PRIMARY, 9, 4, PRIMARY_TO_MIDDLE",
            "NURSERY, 4, N2, EARLY_YEARS_TO_SCHOOL",
            "MIDDLE, 13, 8, MIDDLE_TO_SECONDARY",
            "SECONDARY, 18, 11, SECONDARY_TO_POST_16",
            "SECONDARY, 16, 11, SECONDARY_TO_POST_16",
            "SECONDARY, 18, 10, none",
            "ALL_THROUGH, 18, 6, none",
            "POST_16, 19, 13, none",
    })
    void phaseTransferYears(String phase, Integer highestAge, String year, Transfer expected) {
        assertEquals(expected, StatutoryClock.transferAtEndOfYear(phase, highestAge, year));
    }

    @ParameterizedTest(name = "{0} on {1}: plan by {2}, meeting by {3}")
    @CsvSource({
            // Year 6 in school year 2026/27 transfers September 2027: plan by 15 February 2027
            "PRIMARY_TO_SECONDARY, 2026-11-23, 2027-02-15, 2026-11-23",
            "PRIMARY_TO_SECONDARY, 2026-09-01, 2027-02-15, 2026-11-23",
            "PRIMARY_TO_SECONDARY, 2027-08-31, 2027-02-15, 2026-11-23",
            "SECONDARY_TO_POST_16, 2026-10-05, 2027-03-31, 2027-01-06",
            "EARLY_YEARS_TO_SCHOOL, 2027-01-04, 2027-02-15, 2026-11-23",
            "PRIMARY_TO_SECONDARY, 2027-09-01, 2028-02-15, 2027-11-23",
    })
    void phaseTransferDates(Transfer transfer, LocalDate today, LocalDate planBy, LocalDate meetingBy) {
        assertEquals(planBy, clock.phaseTransferPlanBy(transfer, today));
        assertEquals(meetingBy, clock.phaseTransferMeetingBy(planBy));
    }

    @ParameterizedTest(name = "request received {0}")
    @CsvSource({
            "2026-11-23, 2027-01-04, 2027-03-15, 2027-04-12",
            "2027-12-20, 2028-01-31, 2028-04-10, 2028-05-08",   // across a year end and 29 February
    })
    void needsAssessmentClock(LocalDate received, LocalDate decision, LocalDate notToIssue, LocalDate finalPlan) {
        assertEquals(decision, clock.decisionToAssessBy(received));
        assertEquals(notToIssue, clock.decisionNotToIssueBy(received));
        assertEquals(finalPlan, clock.finalPlanBy(received));
        assertEquals(decision, clock.adviceFromBodiesBy(received));
    }

    @ParameterizedTest(name = "deadline {0}, done {1}, today {2}: {3}")
    @CsvSource(nullValues = "none", value = {
            "2026-11-23, 2026-11-23, 2026-12-01, DONE_ON_TIME",
            "2026-11-23, 2026-11-24, 2026-12-01, DONE_LATE",
            "2026-11-23, none, 2026-11-23, DUE",
            "2026-11-23, none, 2026-11-24, OVERDUE",
    })
    void stepStatus(LocalDate deadline, LocalDate done, LocalDate today, StepStatus expected) {
        assertEquals(expected, StatutoryClock.status(deadline, done, today));
    }

    @ParameterizedTest(name = "deadline {0}, done {1}, today {2}, exception applies: {3}")
    @CsvSource(nullValues = "none", value = {
            // an exception lifts the time limit: late is excepted, never overdue or done late
            "2026-11-23, none, 2026-11-24, EXCEPTED",
            "2026-11-23, 2026-12-01, 2026-12-02, EXCEPTED",
            // on time, or not yet due, is what it is
            "2026-11-23, 2026-11-23, 2026-12-01, DONE_ON_TIME",
            "2026-11-23, none, 2026-11-23, DUE",
    })
    void stepStatusWithAnException(LocalDate deadline, LocalDate done, LocalDate today, StepStatus expected) {
        assertEquals(expected, StatutoryClock.status(deadline, done, today, true));
    }
}
