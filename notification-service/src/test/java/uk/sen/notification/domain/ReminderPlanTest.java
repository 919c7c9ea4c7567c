package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which reminder (7 or 1 day before) a meeting is due today. */
class ReminderPlanTest {

    static final LocalDate MEETING = LocalDate.of(2026, 12, 9);

    @ParameterizedTest(name = "set {0}, today {1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            "2026-11-01, 2026-11-30, -",
            "2026-11-01, 2026-12-01, -",
            "2026-11-01, 2026-12-02, 7",
            "2026-11-01, 2026-12-05, 7",
            "2026-11-01, 2026-12-08, 1",
            "2026-11-01, 2026-12-09, -",
            "2026-11-01, 2026-12-10, -",
            "2026-12-02, 2026-12-02, -",
            "2026-12-03, 2026-12-05, -",
            "2026-12-03, 2026-12-08, 1",
            "2026-12-08, 2026-12-08, -" })
    void due(LocalDate setOn, LocalDate today, Integer expected) {
        assertEquals(Optional.ofNullable(expected), ReminderPlan.due(MEETING, setOn, today, List.of(7, 1)));
    }

    @ParameterizedTest(name = "days {0}, today {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "14,7,1 | 2026-11-24 | -",
            "14,7,1 | 2026-11-26 | 14",
            "14,7,1 | 2026-12-05 | 7",
            "14,7,1 | 2026-12-08 | 1",
            "1      | 2026-12-05 | -",
            "1      | 2026-12-08 | 1",
            "0,-3   | 2026-12-08 | -" })
    void readsTheConfiguredDays(String days, LocalDate today, Integer expected) {
        List<Integer> list = Arrays.stream(days.split(",")).map(String::trim).map(Integer::valueOf).toList();
        assertEquals(Optional.ofNullable(expected), ReminderPlan.due(MEETING, LocalDate.of(2026, 10, 1), today, list));
    }
}
