package uk.sen.workload.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.sen.platform.time.TermCalendar;
import uk.sen.platform.time.TermCalendar.Season;

/**
 * Weeks, terms and school years as English schools count them, and the days on which protected time is owed.
 * Weeks run Monday to Sunday. Terms are those of the platform's one term calendar ({@link TermCalendar}, the same
 * review-service reads): a reporting term runs from its first day to the day before the next term starts, so the
 * holiday after a term counts with it, and the school year from the autumn term's first day to the day before the
 * next one's. Closures (days without protected time) are configured as ranges of days, either every year
 * ({@code 08-01/08-31}, {@code 12-24/01-01}) or dated ({@code 2027-02-15/2027-02-19}).
 * Dates are local dates in Europe/London: an instant becomes a date through {@link #dateIn(Instant, ZoneId)}.
 */
public final class SchoolCalendar {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Monday to Friday. */
    public static final int WORKING_DAYS_PER_WEEK = 5;
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    /** Days without protected time, every year between two month-days, or between two dates. */
    public record Closure(MonthDay fromDay, MonthDay toDay, LocalDate fromDate, LocalDate toDate) {

        public static Closure parse(String text) {
            String[] parts = text.trim().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("Closure '" + text + "' is not FROM/TO");
            }
            try {
                if (parts[0].trim().length() == 5) {
                    return new Closure(MonthDay.parse("--" + parts[0].trim()), MonthDay.parse("--" + parts[1].trim()),
                            null, null);
                }
                LocalDate from = LocalDate.parse(parts[0].trim());
                LocalDate to = LocalDate.parse(parts[1].trim());
                if (to.isBefore(from)) {
                    throw new IllegalArgumentException("Closure '" + text + "' ends before it starts");
                }
                return new Closure(null, null, from, to);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Closure '" + text + "' is not MM-dd/MM-dd or yyyy-MM-dd/yyyy-MM-dd", e);
            }
        }

        public boolean covers(LocalDate date) {
            if (fromDate != null) {
                return !date.isBefore(fromDate) && !date.isAfter(toDate);
            }
            MonthDay day = MonthDay.from(date);
            if (!fromDay.isAfter(toDay)) {
                return !day.isBefore(fromDay) && !day.isAfter(toDay);
            }
            // a yearly range across the new year, e.g. 12-24/01-01
            return !day.isBefore(fromDay) || !day.isAfter(toDay);
        }
    }

    private final TermCalendar terms;
    private final List<Closure> closures;

    public SchoolCalendar(TermCalendar terms, List<Closure> closures) {
        this.terms = terms;
        this.closures = List.copyOf(closures);
    }

    /** The English default terms (the platform's default calendar) and these closures. */
    public static SchoolCalendar standard(List<Closure> closures) {
        return new SchoolCalendar(TermCalendar.parse(TermCalendar.ENGLISH_DEFAULT), closures);
    }

    public static LocalDate dateIn(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    public static LocalDate weekStart(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public Period week(LocalDate date) {
        LocalDate monday = weekStart(date);
        String code = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new Period(Period.Kind.WEEK, code, "Week of " + DAY_MONTH_YEAR.format(monday), monday, monday.plusDays(6));
    }

    /** The calendar year in which the school year containing {@code date} starts (its autumn term's). */
    public int schoolYearStart(LocalDate date) {
        return terms.latestStartedBy(date).schoolYear();
    }

    public Period schoolYear(LocalDate date) {
        int start = schoolYearStart(date);
        return new Period(Period.Kind.YEAR, yearCode(start), "School year " + yearCode(start),
                terms.term(Season.AUTUMN, start).start(), terms.term(Season.AUTUMN, start + 1).start().minusDays(1));
    }

    /** The term that started last by {@code date}, up to the day before the next one starts. */
    public Period term(LocalDate date) {
        TermCalendar.Term term = terms.latestStartedBy(date);
        String season = term.season().name().toLowerCase(Locale.ROOT);
        return new Period(Period.Kind.TERM, yearCode(term.schoolYear()) + "-" + season,
                Character.toUpperCase(season.charAt(0)) + season.substring(1) + " term " + term.start().getYear(),
                term.start(), terms.after(term).start().minusDays(1));
    }

    public Period nextTerm(LocalDate date) {
        return term(term(date).to().plusDays(1));
    }

    public Period previousTerm(LocalDate date) {
        return term(term(date).from().minusDays(1));
    }

    public Period period(Period.Kind kind, LocalDate date) {
        return switch (kind) {
            case WEEK -> week(date);
            case TERM -> term(date);
            case YEAR -> schoolYear(date);
        };
    }

    /** Mondays of the weeks that have at least one day in {@code from..to}. */
    public static List<LocalDate> weekStarts(LocalDate from, LocalDate to) {
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate monday = weekStart(from); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            weeks.add(monday);
        }
        return weeks;
    }

    public boolean isClosed(LocalDate date) {
        for (Closure c : closures) {
            if (c.covers(date)) {
                return true;
            }
        }
        return false;
    }

    /** A day on which protected time is owed: Monday to Friday, not in a closure. */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isClosed(date);
    }

    /** The working days of the week that starts on {@code weekStart} (a Monday): 5, fewer with closures, 0 if closed. */
    public int workingDays(LocalDate weekStart) {
        int days = 0;
        for (int d = 0; d < WORKING_DAYS_PER_WEEK; d++) {
            if (isWorkingDay(weekStart.plusDays(d))) {
                days++;
            }
        }
        return days;
    }

    private static String yearCode(int start) {
        return start + "-" + String.format("%02d", (start + 1) % 100);
    }
}
