package uk.sen.workload.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkSpreadTest {

    static final LocalDate THIS_WEEK = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "anchor {0}, {1} weeks, {2} min -> {3}")
    @CsvSource({
            // due in five weeks (a Wednesday): the four weeks ending with that week, 90 minutes each
            "2026-12-30, 4, 360, '2026-12-07=90 2026-12-14=90 2026-12-21=90 2026-12-28=90'",
            // a spread that started last week: only this week onwards is ahead
            "2026-12-02, 4, 360, '2026-11-23=90 2026-11-30=90'",
            // due this week
            "2026-11-27, 2, 120, '2026-11-23=60'",
            // overdue and still open: one share lands this week
            "2026-11-10, 4, 360, '2026-11-23=90'",
            // one week only
            "2027-01-13, 1, 480, '2027-01-11=480'",
    })
    void spreadsEffortOverTheWeeksBeforeTheAnchor(String anchor, int weeks, double minutes, String expected) {
        Map<LocalDate, Double> want = new TreeMap<>();
        for (String pair : expected.split(" ")) {
            String[] p = pair.split("=");
            want.put(LocalDate.parse(p[0]), Double.valueOf(p[1]));
        }
        assertEquals(want, new TreeMap<>(WorkSpread.spread(LocalDate.parse(anchor), weeks, minutes, THIS_WEEK)));
    }
}
