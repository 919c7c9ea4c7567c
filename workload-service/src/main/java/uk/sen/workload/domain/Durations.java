package uk.sen.workload.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import uk.sen.platform.problem.Violation;

/**
 * How long a time entry is: minutes, or a start and an end time on the entry's date, or both when they agree.
 * Entries never lie in the future, and two timed entries of one SENCO never overlap (half-open: one may start at
 * the minute the other ends).
 */
public final class Durations {

    /** A valid duration: minutes, and the times when they were given. */
    public record Resolved(int minutes, LocalTime start, LocalTime end) {

        public boolean timed() {
            return start != null;
        }
    }

    /** The outcome: a duration, or the reasons it was refused (field and reason, as the API reports them). */
    public record Outcome(Resolved resolved, List<Violation> violations) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private Durations() {
    }

    /** No SENCO's time is older than this platform's records; an earlier date is a typing slip. */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    /**
     * @param maxMinutes the longest entry accepted
     * @param now        the current date-time in Europe/London, for the "not in the future" rule
     * @param tolerance  how far past {@code now} an end time may be (clock skew of a phone)
     */
    public static Outcome resolve(LocalDate date, Integer minutes, LocalTime start, LocalTime end, int maxMinutes,
            LocalDateTime now, Duration tolerance) {
        List<Violation> violations = new ArrayList<>();
        if (date == null) {
            violations.add(new Violation("date", "is required"));
        } else if (date.isAfter(now.toLocalDate())) {
            violations.add(new Violation("date", "must not be in the future (today is " + now.toLocalDate() + ")"));
        } else if (date.isBefore(EARLIEST)) {
            violations.add(new Violation("date", "must be on or after " + EARLIEST));
        }
        if (start != null && end == null) {
            violations.add(new Violation("endTime", "give an end time with the start time, or neither"));
        } else if (start == null && end != null) {
            violations.add(new Violation("startTime", "give a start time with the end time, or neither"));
        }
        if (minutes != null && minutes <= 0) {
            violations.add(new Violation("minutes", "must be more than 0"));
        } else if (minutes != null && minutes > maxMinutes) {
            violations.add(new Violation("minutes", "must be at most " + maxMinutes));
        }
        Integer fromTimes = null;
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                violations.add(new Violation("endTime", "must be after the start time " + start
                        + " (an entry ends on the day it starts)"));
            } else {
                fromTimes = (int) Duration.between(start, end).toMinutes();
                if (fromTimes == 0) {
                    violations.add(new Violation("endTime", "must be at least a minute after the start time"));
                } else if (fromTimes > maxMinutes) {
                    violations.add(new Violation("endTime", "the entry may last at most " + maxMinutes + " minutes"));
                }
                if (minutes != null && minutes > 0 && minutes.intValue() != fromTimes) {
                    violations.add(new Violation("minutes", "is " + minutes + " but " + start + " to " + end + " is "
                            + fromTimes + " minutes; give one or make them agree"));
                }
                if (date != null && date.equals(now.toLocalDate()) && end.isAfter(now.toLocalTime().plus(tolerance))) {
                    violations.add(new Violation("endTime", "must not be in the future (it is now "
                            + now.toLocalTime().withSecond(0).withNano(0) + ")"));
                }
            }
        }
        if (minutes == null && start == null && end == null) {
            violations.add(new Violation("minutes", "give the minutes, or a start and an end time"));
        }
        if (!violations.isEmpty()) {
            return new Outcome(null, violations);
        }
        return new Outcome(new Resolved(fromTimes != null ? fromTimes : minutes, start, end), List.of());
    }

    /** Whether two time ranges of one day share a moment; touching ends do not overlap. */
    public static boolean overlap(LocalTime startA, LocalTime endA, LocalTime startB, LocalTime endB) {
        return startA.isBefore(endB) && startB.isBefore(endA);
    }
}
