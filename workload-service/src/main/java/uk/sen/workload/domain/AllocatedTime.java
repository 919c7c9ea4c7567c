package uk.sen.workload.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;

/**
 * Protected time owed over a range of days. An allocation is hours per week; each working day it covers (Monday to
 * Friday, not a closure) owes a fifth of that, so a change mid-week, a half-term or a term starting on a Wednesday
 * is counted day by day rather than rounded to whole weeks.
 */
public final class AllocatedTime {

    /** One allocation period: hours per week from a date to a date (open-ended when {@code to} is null). */
    public record Span(LocalDate from, LocalDate to, BigDecimal hoursPerWeek) {

        public boolean covers(LocalDate date) {
            return !date.isBefore(from) && (to == null || !date.isAfter(to));
        }
    }

    private AllocatedTime() {
    }

    /**
     * Minutes of protected time owed from {@code from} to {@code to} (inclusive), or null when no allocation covers
     * any day of the range (nothing was allocated, which is not the same as zero hours allocated).
     */
    public static Double minutes(Collection<Span> spans, LocalDate from, LocalDate to, SchoolCalendar calendar) {
        boolean covered = false;
        double minutes = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (Span span : spans) {
                if (span.covers(day)) {
                    covered = true;
                    if (calendar.isWorkingDay(day)) {
                        minutes += span.hoursPerWeek().doubleValue() * 60 / SchoolCalendar.WORKING_DAYS_PER_WEEK;
                    }
                }
            }
        }
        return covered ? minutes : null;
    }
}
