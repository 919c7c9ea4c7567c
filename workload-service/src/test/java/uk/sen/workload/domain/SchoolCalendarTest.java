package uk.sen.workload.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchoolCalendarTest {

    static final SchoolCalendar CALENDAR = SchoolCalendar.standard(List.of(SchoolCalendar.Closure.parse("08-01/08-31"),
            SchoolCalendar.Closure.parse("12-24/01-01"), SchoolCalendar.Closure.parse("2027-02-15/2027-02-19")));

    @ParameterizedTest(name = "{0} is in week {1} ({2})")
    @CsvSource({
            "2026-11-23, 2026-11-23, 2026-W48",
            "2026-11-29, 2026-11-23, 2026-W48",
            "2026-03-29, 2026-03-23, 2026-W13",   // the clocks go forward that Sunday
            "2026-10-25, 2026-10-19, 2026-W43",   // and back
            "2027-01-01, 2026-12-28, 2026-W53",   // a week across the new year belongs to its Monday's ISO year
            "2024-12-30, 2024-12-30, 2025-W01",
    })
    void weeksRunMondayToSunday(String day, String monday, String code) {
        Period week = CALENDAR.week(LocalDate.parse(day));
        assertEquals(LocalDate.parse(monday), week.from());
        assertEquals(LocalDate.parse(monday).plusDays(6), week.to());
        assertEquals(code, week.code());
    }

    // the platform's English default terms (as review-service's): spring from the first weekday on or after 4 January,
    // summer from the later of the Tuesday after Easter and 12 April (a weekday); each runs to the next one's start
    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "2026-09-01, 2026-27-autumn, 2026-09-01, 2027-01-03, Autumn term 2026",
            "2026-12-31, 2026-27-autumn, 2026-09-01, 2027-01-03, Autumn term 2026",
            "2027-01-01, 2026-27-autumn, 2026-09-01, 2027-01-03, Autumn term 2026",   // the Christmas holiday
            "2027-03-31, 2026-27-spring, 2027-01-04, 2027-04-11, Spring term 2027",   // the Easter holiday
            "2027-04-01, 2026-27-spring, 2027-01-04, 2027-04-11, Spring term 2027",
            "2027-04-12, 2026-27-summer, 2027-04-12, 2027-08-31, Summer term 2027",
            "2026-08-31, 2025-26-summer, 2026-04-13, 2026-08-31, Summer term 2026",   // 12 April 2026 is a Sunday
            "2024-02-29, 2023-24-spring, 2024-01-04, 2024-04-11, Spring term 2024",
    })
    void termsFollowTheSchoolYear(String day, String code, String from, String to, String label) {
        Period term = CALENDAR.term(LocalDate.parse(day));
        assertEquals(code, term.code());
        assertEquals(LocalDate.parse(from), term.from());
        assertEquals(LocalDate.parse(to), term.to());
        assertEquals(label, term.label());
    }

    @ParameterizedTest(name = "after {0}: {1}, before it: {2}; school year {3}")
    @CsvSource({
            "2026-11-23, 2026-27-spring, 2025-26-summer, 2026-27, 2026-09-01, 2027-08-31",
            "2027-02-10, 2026-27-summer, 2026-27-autumn, 2026-27, 2026-09-01, 2027-08-31",
            "2027-06-10, 2027-28-autumn, 2026-27-spring, 2026-27, 2026-09-01, 2027-08-31",
            "2026-08-15, 2026-27-autumn, 2025-26-spring, 2025-26, 2025-09-01, 2026-08-31",
    })
    void nextAndPreviousTermsAndTheYear(String day, String next, String previous, String year, String from, String to) {
        LocalDate d = LocalDate.parse(day);
        assertEquals(next, CALENDAR.nextTerm(d).code());
        assertEquals(previous, CALENDAR.previousTerm(d).code());
        Period y = CALENDAR.schoolYear(d);
        assertEquals(year, y.code());
        assertEquals(LocalDate.parse(from), y.from());
        assertEquals(LocalDate.parse(to), y.to());
    }

    @ParameterizedTest(name = "{0} in London is {1}")
    @CsvSource({
            "2026-06-30T23:30:00Z, 2026-07-01",   // BST: already the next day
            "2026-12-31T23:30:00Z, 2026-12-31",   // GMT: still the same day
            "2026-03-29T00:30:00Z, 2026-03-29",   // the night the clocks go forward
            "2026-10-24T23:30:00Z, 2026-10-25",   // the night they go back (still BST at 00:30)
            "2026-10-25T23:30:00Z, 2026-10-25",   // GMT again
    })
    void instantsBecomeLondonDates(String instant, String date) {
        assertEquals(LocalDate.parse(date), SchoolCalendar.dateIn(Instant.parse(instant), SchoolCalendar.LONDON));
    }

    @ParameterizedTest(name = "{0} working day: {1}")
    @CsvSource({
            "2026-11-23, true",    // Monday
            "2026-11-28, false",   // Saturday
            "2026-11-29, false",   // Sunday
            "2026-12-23, true",
            "2026-12-24, false",   // yearly closure across the new year
            "2027-01-01, false",
            "2027-01-04, true",
            "2026-08-03, false",   // August
            "2027-02-16, false",   // dated half-term
            "2028-02-16, true",    // the dated closure is not yearly
    })
    void workingDaysAreWeekdaysOutsideClosures(String day, boolean working) {
        assertEquals(working, CALENDAR.isWorkingDay(LocalDate.parse(day)));
    }

    @ParameterizedTest(name = "weeks from {0} to {1}: {2}")
    @CsvSource({
            "2026-09-01, 2026-09-30, 5, 2026-08-31",
            "2026-11-23, 2026-11-29, 1, 2026-11-23",
            "2026-11-22, 2026-11-23, 2, 2026-11-16",
    })
    void weekStartsCoverEveryWeekTouched(String from, String to, int count, String first) {
        List<LocalDate> weeks = SchoolCalendar.weekStarts(LocalDate.parse(from), LocalDate.parse(to));
        assertEquals(count, weeks.size());
        assertEquals(LocalDate.parse(first), weeks.get(0));
    }

    @ParameterizedTest(name = "the week of {0} has {1} working days")
    @CsvSource({
            "2026-11-23, 5",
            "2026-12-21, 3",   // closed from Christmas Eve
            "2026-12-28, 0",   // closed to New Year's Day
            "2027-02-15, 0",   // dated half-term
            "2026-08-31, 4",   // the Monday is the last day of August
            "2026-08-10, 0",   // August
    })
    void workingDaysOfAWeekLeaveOutItsClosedDays(String monday, int days) {
        assertEquals(days, CALENDAR.workingDays(LocalDate.parse(monday)));
    }
}
