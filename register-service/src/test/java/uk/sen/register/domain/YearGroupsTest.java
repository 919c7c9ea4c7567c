package uk.sen.register.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YearGroupsTest {

    @ParameterizedTest(name = "born {0}, on {1}: {2}")
    @CsvSource({
            // born March 2016: Reception from September 2020, Year 6 in 2026/27
            "2016-03-14, 2020-09-03, R",
            "2016-03-14, 2021-07-20, R",
            "2016-03-14, 2026-11-23, 6",
            // born 31 August and 1 September fall either side of the cut-off
            "2015-08-31, 2026-11-23, 7",
            "2015-09-01, 2026-11-23, 6",
            "2022-05-01, 2026-11-23, R",
            "2023-05-01, 2026-11-23, N2",
            "2024-05-01, 2026-11-23, N1",
            "2025-05-01, 2026-11-23, E2",
            "2026-05-01, 2026-11-23, E1",
            "2008-05-01, 2026-11-23, 14",
            "2007-05-01, 2026-11-23, X",
    })
    void expectsTheYearGroupFromTheDateOfBirth(LocalDate born, LocalDate on, String year) {
        assertEquals(year, YearGroups.expected(born, on));
    }

    @ParameterizedTest
    @CsvSource({ "N1, R", "R, 1", "6, 10", "10, 14", "14, X" })
    void ordersYearGroupsAsTheCensus(String earlier, String later) {
        org.junit.jupiter.api.Assertions.assertTrue(YearGroups.rank(earlier) < YearGroups.rank(later));
    }

    @ParameterizedTest(name = "{0} + {1} years: {2}")
    @CsvSource({ "1, 1, 2", "R, 1, 1", "N2, 2, 1", "6, 0, 6", "6, -1, 6", "13, 1, 14", "14, 1, X", "13, 3, X",
            "X, 1, X" })
    void movesYearGroupsOn(String year, int years, String expected) {
        assertEquals(expected, YearGroups.advance(year, years));
    }
}
