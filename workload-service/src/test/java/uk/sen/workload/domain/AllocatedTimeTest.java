package uk.sen.workload.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllocatedTimeTest {

    static final SchoolCalendar CALENDAR = SchoolCalendar.standard(List.of(SchoolCalendar.Closure.parse("12-24/01-01"),
            SchoolCalendar.Closure.parse("2026-10-26/2026-10-30")));

    /** Spans as "from/to/hours;..." with "open" for no end. */
    static List<AllocatedTime.Span> spans(String text) {
        List<AllocatedTime.Span> spans = new ArrayList<>();
        for (String s : text.split(";")) {
            String[] p = s.split("/");
            spans.add(new AllocatedTime.Span(LocalDate.parse(p[0]), "open".equals(p[1]) ? null : LocalDate.parse(p[1]),
                    new BigDecimal(p[2])));
        }
        return spans;
    }

    @ParameterizedTest(name = "{0} over {1}..{2} = {3} min")
    @CsvSource(nullValues = "-", value = {
            // a full week of 5 hours
            "2026-09-01/open/5,                         2026-11-16, 2026-11-22, 300",
            // the weekend owes nothing
            "2026-09-01/open/5,                         2026-11-21, 2026-11-22, 0",
            // half-term week (dated closure): covered, but nothing owed
            "2026-09-01/open/5,                         2026-10-26, 2026-11-01, 0",
            // Christmas week: Mon 21 to Wed 23 owed, 24 onwards closed
            "2026-09-01/open/5,                         2026-12-21, 2026-12-27, 180",
            // allocation changes on a Wednesday: Mon, Tue at 5 h; Wed to Fri at 10 h
            "2026-09-01/2026-11-17/5;2026-11-18/open/10, 2026-11-16, 2026-11-22, 480",
            // the term starts on a Tuesday: 4 days
            "2026-09-01/open/7.5,                       2026-08-31, 2026-09-06, 360",
            // zero hours allocated is an allocation of nothing
            "2026-09-01/open/0,                         2026-11-16, 2026-11-22, 0",
            // nothing allocated at all in the range
            "2026-09-01/2026-09-30/5,                   2026-11-16, 2026-11-22, -",
            // an allocation that ended mid-week covers its days only
            "2026-09-01/2026-11-18/5,                   2026-11-16, 2026-11-22, 180",
    })
    void owesAFifthOfTheWeeklyHoursPerWorkingDay(String spans, String from, String to, Double minutes) {
        Double owed = AllocatedTime.minutes(spans(spans), LocalDate.parse(from), LocalDate.parse(to), CALENDAR);
        if (minutes == null) {
            assertNull(owed);
        } else {
            assertEquals(minutes, owed, 1e-9);
        }
    }
}
