package uk.sen.workload.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExceedanceTest {

    static final LocalDate FIRST = LocalDate.of(2026, 11, 2);

    /** Consecutive weeks as "spent:allocated" in minutes, "-" for no allocation, "gap" to skip a week. */
    static List<Exceedance.WeekLoad> loads(String text) {
        List<Exceedance.WeekLoad> loads = new ArrayList<>();
        LocalDate week = FIRST;
        for (String w : text.trim().split(" +")) {
            if (!"gap".equals(w)) {
                String[] p = w.split(":");
                loads.add(new Exceedance.WeekLoad(week, Double.parseDouble(p[0]),
                        "-".equals(p[1]) ? null : Double.valueOf(p[1])));
            }
            week = week.plusWeeks(1);
        }
        return loads;
    }

    @ParameterizedTest(name = "[{0}] margin {1}% x {2} weeks -> {3}")
    @CsvSource(nullValues = "none", value = {
            // three weeks over by more than 10%: a run from week 0
            "'70:60 70:60 70:60',              10, 3, 0:2",
            // exactly 10% over is not over
            "'66:60 66:60 66:60',              10, 3, none",
            "'66.1:60 66.1:60 66.1:60',        10, 3, 0:2",
            // a week back under allocation breaks the run
            "'90:60 90:60 50:60 90:60 90:60',  10, 3, none",
            // the first run long enough wins, and is reported whole
            "'90:60 50:60 90:60 90:60 90:60 90:60 50:60', 10, 3, 2:5",
            // a week without any allocation breaks the run
            "'90:60 90:60 90:- 90:60',         10, 3, none",
            // zero hours allocated: any time is over
            "'30:0 30:0 30:0',                 10, 3, 0:2",
            "'0:0 30:0 30:0',                  10, 3, none",
            // weeks missing from the series are not consecutive
            "'90:60 90:60 gap 90:60',          10, 3, none",
            // margin 0 and one week
            "'61:60',                          0,  1, 0:0",
            "'60:60',                          0,  1, none",
    })
    void findsTheFirstRunOfWeeksOverAllocation(String weeks, double margin, int required, String expected) {
        Optional<Exceedance.Run> run = Exceedance.firstRun(loads(weeks), margin, required);
        if (expected == null) {
            assertEquals(Optional.empty(), run);
        } else {
            String[] p = expected.split(":");
            int first = Integer.parseInt(p[0]);
            int last = Integer.parseInt(p[1]);
            assertEquals(FIRST.plusWeeks(first), run.orElseThrow().firstWeek());
            assertEquals(FIRST.plusWeeks(last), run.orElseThrow().lastWeek());
            assertEquals(last - first + 1, run.orElseThrow().weeks().size());
        }
    }
}
