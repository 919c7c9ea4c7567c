package uk.sen.workload.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When time spent (or forecast) runs over the protected time allocated: a run of at least {@code weeks} consecutive
 * weeks each above the allocation by more than {@code marginPercent}. A week without any allocation breaks a run;
 * a week with an allocation of zero hours is over as soon as any time is spent.
 */
public final class Exceedance {

    /** One week: its Monday, minutes spent or forecast, minutes allocated (null when nothing was allocated). */
    public record WeekLoad(LocalDate week, double minutes, Double allocatedMinutes) {
    }

    /** The first qualifying run, with every week in it. */
    public record Run(LocalDate firstWeek, LocalDate lastWeek, List<WeekLoad> weeks) {
    }

    private Exceedance() {
    }

    public static boolean over(WeekLoad load, double marginPercent) {
        return load.allocatedMinutes() != null
                && load.minutes() > load.allocatedMinutes() * (1 + marginPercent / 100.0) + 1e-9;
    }

    /** The first run of at least {@code weeks} consecutive weeks over allocation by the margin, if any. */
    public static Optional<Run> firstRun(List<WeekLoad> loads, double marginPercent, int weeks) {
        if (weeks < 1) {
            throw new IllegalArgumentException("weeks must be at least 1");
        }
        List<WeekLoad> run = new ArrayList<>();
        for (WeekLoad load : loads) {
            boolean consecutive = run.isEmpty() || run.get(run.size() - 1).week().plusWeeks(1).equals(load.week());
            if (over(load, marginPercent) && consecutive) {
                run.add(load);
            } else if (run.size() >= weeks) {
                break;
            } else {
                run.clear();
                if (over(load, marginPercent)) {
                    run.add(load);
                }
            }
        }
        if (run.size() >= weeks) {
            return Optional.of(new Run(run.get(0).week(), run.get(run.size() - 1).week(), List.copyOf(run)));
        }
        return Optional.empty();
    }
}
