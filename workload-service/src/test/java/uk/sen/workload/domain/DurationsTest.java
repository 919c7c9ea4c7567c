package uk.sen.workload.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 23, 14, 0);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }

    static LocalTime time(String s) {
        return s == null ? null : LocalTime.parse(s);
    }

    @ParameterizedTest(name = "{0} {1} {2}-{3} -> {4} {5}")
    @CsvSource(nullValues = "-", value = {
            // date,      minutes, start,  end,    minutes out, violations (field:start of reason)
            "2026-11-20, 90,      -,      -,      90, -",
            "2026-11-20, -,       09:00,  10:30,  90, -",
            "2026-11-20, 90,      09:00,  10:30,  90, -",
            "2026-11-23, -,       13:00,  14:04,  64, -",
            "2026-11-23, 30,      -,      -,      30, -",
            "2026-11-20, 720,     -,      -,      720, -",
            "2026-11-20, 60,      09:00,  10:30,  -,  minutes:is 60 but 09:00 to 10:30 is 90 minutes",
            "2026-11-20, -,       10:30,  09:00,  -,  endTime:must be after the start time",
            "2026-11-20, -,       09:00,  09:00,  -,  endTime:must be after the start time",
            "2026-11-20, -,       09:00,  -,      -,  endTime:give an end time with the start time",
            "2026-11-20, -,       -,      09:00,  -,  startTime:give a start time with the end time",
            "2026-11-20, 0,       -,      -,      -,  minutes:must be more than 0",
            "2026-11-20, -15,     -,      -,      -,  minutes:must be more than 0",
            "2026-11-20, 721,     -,      -,      -,  minutes:must be at most 720",
            "2026-11-20, -,       06:00,  19:00,  -,  endTime:the entry may last at most 720 minutes",
            "2026-11-20, -,       -,      -,      -,  minutes:give the minutes, or a start and an end time",
            "2026-11-24, 30,      -,      -,      -,  date:must not be in the future",
            "2026-11-23, -,       13:30,  14:06,  -,  endTime:must not be in the future",
            "-,          30,      -,      -,      -,  date:is required",
            "2000-01-01, 30,      -,      -,      30, -",
            "1999-12-31, 30,      -,      -,      -,  date:must be on or after 2000-01-01",
    })
    void resolvesADurationOrSaysWhyNot(String day, Integer minutes, String start, String end, Integer expected,
            String violation) {
        Durations.Outcome outcome = Durations.resolve(date(day), minutes, time(start), time(end), 720, NOW, TOLERANCE);
        if (expected != null) {
            assertEquals(expected, outcome.resolved().minutes(), outcome.violations().toString());
            assertEquals(time(start), outcome.resolved().start());
        } else {
            assertNull(outcome.resolved());
            String all = outcome.violations().stream().map(v -> v.field() + ":" + v.reason())
                    .collect(Collectors.joining(" | "));
            assertEquals(true, all.contains(violation), all);
        }
    }

    @ParameterizedTest(name = "{0}-{1} vs {2}-{3}: {4}")
    @CsvSource({
            "09:00, 10:00, 09:30, 10:30, true",
            "09:00, 10:00, 10:00, 11:00, false",
            "10:00, 11:00, 09:00, 10:00, false",
            "09:00, 12:00, 10:00, 11:00, true",
            "10:00, 11:00, 09:00, 12:00, true",
            "09:00, 10:00, 09:00, 10:00, true",
            "09:00, 09:01, 09:01, 09:02, false",
            "13:00, 14:00, 08:00, 09:00, false",
    })
    void timedEntriesOverlapOnlyWhenTheyShareAMoment(String s1, String e1, String s2, String e2, boolean overlap) {
        assertEquals(overlap, Durations.overlap(time(s1), time(e1), time(s2), time(e2)));
        assertEquals(overlap, Durations.overlap(time(s2), time(e2), time(s1), time(e1)));
    }
}
