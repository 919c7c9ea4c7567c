package uk.sen.platform.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import uk.sen.platform.time.TermCalendar.Season;
import uk.sen.platform.time.TermCalendar.Term;

class TermCalendarTest {

    static final TermCalendar DEFAULT = TermCalendar.parse(TermCalendar.ENGLISH_DEFAULT);
    /** An LA that publishes exact dates for 2026/27 only, and starts its autumn terms on 3 September. */
    static final TermCalendar LA = DEFAULT.overriddenBy("""
            spring 2027-01-05..2027-03-26; summer 2027-04-12..2027-07-21
            autumn 09-03..12-18""");

    @ParameterizedTest(name = "Easter {0}: {1}")
    @CsvSource({
            "2008, 2008-03-23",   // the earliest of these, in March
            "2019, 2019-04-21",
            "2024, 2024-03-31",
            "2025, 2025-04-20",
            "2026, 2026-04-05",
            "2027, 2027-03-28",
            "2028, 2028-04-16",
            "2038, 2038-04-25",   // as late as Easter gets
    })
    void easterSunday(int year, LocalDate expected) {
        assertEquals(expected, TermCalendar.easterSunday(year));
    }

    @ParameterizedTest(name = "default {0} {1}: {2} to {3}")
    @CsvSource({
            // weekends move a start to the Monday and an end to the Friday
            "AUTUMN, 2024, 2024-09-02, 2024-12-20",
            "SPRING, 2024, 2025-01-06, 2025-04-04",   // late Easter (20 April): spring ends by 4 April
            "SUMMER, 2024, 2025-04-22, 2025-07-22",   // ... and summer starts after Easter Monday
            "AUTUMN, 2025, 2025-09-01, 2025-12-19",
            "SPRING, 2025, 2026-01-05, 2026-04-02",   // Easter 5 April: the Thursday before Good Friday
            "SUMMER, 2025, 2026-04-13, 2026-07-22",
            "AUTUMN, 2026, 2026-09-01, 2026-12-18",
            "SPRING, 2026, 2027-01-04, 2027-03-25",   // early Easter (28 March)
            "SUMMER, 2026, 2027-04-12, 2027-07-22",   // mid April
            "SPRING, 2027, 2028-01-04, 2028-04-04",
            "SUMMER, 2027, 2028-04-18, 2028-07-21",   // 22 July 2028 is a Saturday
    })
    void defaultTerms(Season season, int schoolYear, LocalDate start, LocalDate end) {
        Term term = DEFAULT.term(season, schoolYear);
        assertEquals(start, term.start());
        assertEquals(end, term.end());
    }

    @ParameterizedTest(name = "LA {0} {1}: {2} to {3}")
    @CsvSource({
            "AUTUMN, 2026, 2026-09-03, 2026-12-18",   // the LA's rule
            "SPRING, 2026, 2027-01-05, 2027-03-26",   // the LA's exact dates, taken as written
            "SUMMER, 2026, 2027-04-12, 2027-07-21",
            "AUTUMN, 2027, 2027-09-03, 2027-12-17",   // 18 December 2027 is a Saturday
            "SPRING, 2027, 2028-01-04, 2028-04-04",   // no exact dates for 2027/28: the default rule
    })
    void laOverride(Season season, int schoolYear, LocalDate start, LocalDate end) {
        Term term = LA.term(season, schoolYear);
        assertEquals(start, term.start());
        assertEquals(end, term.end());
    }

    @ParameterizedTest(name = "{0}: in {1}, current or next {2}, latest started {3}")
    @CsvSource(nullValues = "none", value = {
            "2026-09-01, Autumn 2026/27, Autumn 2026/27, Autumn 2026/27",   // first day of the school year
            "2026-12-18, Autumn 2026/27, Autumn 2026/27, Autumn 2026/27",   // last day of term
            "2026-12-19, none, Spring 2026/27, Autumn 2026/27",             // Christmas holiday
            "2026-12-31, none, Spring 2026/27, Autumn 2026/27",             // across the year end
            "2027-01-01, none, Spring 2026/27, Autumn 2026/27",
            "2027-01-04, Spring 2026/27, Spring 2026/27, Spring 2026/27",
            "2027-03-25, Spring 2026/27, Spring 2026/27, Spring 2026/27",
            "2027-03-26, none, Summer 2026/27, Spring 2026/27",             // Easter holiday (Good Friday)
            "2027-04-12, Summer 2026/27, Summer 2026/27, Summer 2026/27",
            "2027-07-23, none, Autumn 2027/28, Summer 2026/27",             // summer holiday
            "2027-08-31, none, Autumn 2027/28, Summer 2026/27",             // the school year's last day
    })
    void termOfADate(LocalDate date, String in, String currentOrNext, String latestStarted) {
        assertEquals(in, DEFAULT.termOn(date).map(Term::label).orElse(null));
        assertEquals(currentOrNext, DEFAULT.currentOrNext(date).label());
        assertEquals(latestStarted, DEFAULT.latestStartedBy(date).label());
    }

    @Test
    void anLasExactDatesDecideWhichTermADateIsIn() {
        LocalDate friday = LocalDate.of(2027, 3, 26);
        assertEquals("Summer 2026/27", DEFAULT.currentOrNext(friday).label());
        assertEquals("Spring 2026/27", LA.currentOrNext(friday).label());
        assertEquals(LocalDate.of(2027, 3, 26), LA.currentOrNext(friday).end());
        assertEquals("Autumn 2026/27", LA.currentOrNext(LocalDate.of(2026, 9, 2)).label());
        assertEquals(LocalDate.of(2026, 9, 3), LA.currentOrNext(LocalDate.of(2026, 9, 2)).start());
    }

    @Test
    void theTermAfterEachTerm() {
        assertEquals("Spring 2026/27", DEFAULT.after(DEFAULT.term(Season.AUTUMN, 2026)).label());
        assertEquals("Summer 2026/27", DEFAULT.after(DEFAULT.term(Season.SPRING, 2026)).label());
        Term autumn = DEFAULT.after(DEFAULT.term(Season.SUMMER, 2026));
        assertEquals("Autumn 2027/28", autumn.label());
        assertEquals(LocalDate.of(2027, 12, 20), autumn.end());
        assertEquals("Autumn 2099/00", DEFAULT.term(Season.AUTUMN, 2099).label());
    }

    @Test
    void theDefaultHoldsTogetherForDecades() {
        DEFAULT.validate(2000, 2100, "default");
        for (int year = 2000; year <= 2100; year++) {
            for (Term t : DEFAULT.schoolYear(year)) {
                assertTrue(t.start().getDayOfWeek().getValue() <= 5, t.label() + " starts on a weekend");
                assertTrue(t.end().getDayOfWeek().getValue() <= 5, t.label() + " ends on a weekend");
            }
            Term spring = DEFAULT.term(Season.SPRING, year);
            LocalDate easter = TermCalendar.easterSunday(year + 1);
            assertTrue(spring.end().isBefore(easter.minusDays(1)), spring.label() + " runs into Easter");
            assertTrue(DEFAULT.term(Season.SUMMER, year).start().isAfter(easter.plusDays(1)), "summer " + year
                    + " starts by Easter Monday");
        }
    }

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(strings = {
            "winter 01-01..02-01",                          // no such term
            "spring 01-04..easter-x",                       // not a number of days
            "spring 2027-01-05..easter",                    // a date and a rule mixed
            "spring 01-04 to 03-27",                        // no '..'
            "spring 13-01..03-27",                          // no month 13
            "spring 2027-03-26..2027-01-05",                // ends before it starts
            "spring min(01-04)..03-27",                     // min needs two bounds
    })
    void refusesSpecificationsItCannotRead(String spec) {
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.overriddenBy(spec));
    }

    @Test
    void aDefaultMustCoverEveryTermAndOverlapsAreRefused() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TermCalendar.parse("autumn 09-01..12-20; spring 01-04..03-27"));
        assertTrue(missing.getMessage().contains("summer"), missing.getMessage());
        TermCalendar overlapping = DEFAULT.overriddenBy("spring 2026-12-10..2027-03-26");
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> overlapping.validate(2025, 2028, "la 999"));
        assertTrue(overlap.getMessage().contains("Spring 2026/27"), overlap.getMessage());
    }

    @Test
    void aSchoolYearHasThreeTermsInOrder() {
        List<Term> terms = DEFAULT.schoolYear(2026);
        assertEquals(List.of(Season.AUTUMN, Season.SPRING, Season.SUMMER), terms.stream().map(Term::season).toList());
        assertEquals(List.of(2026, 2027, 2027), terms.stream().map(t -> t.start().getYear()).toList());
    }
}
