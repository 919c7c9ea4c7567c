package uk.sen.register.domain;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;

/**
 * National curriculum year groups. In England a pupil's year group follows from the date of birth: children born
 * from 1 September to 31 August share one, and start Reception in the September after they turn four.
 */
public final class YearGroups {

    /** Census order, for tables and charts. */
    public static final List<String> ORDER = List.of("E1", "E2", "N1", "N2", "R", "1", "2", "3", "4", "5", "6", "7",
            "8", "9", "10", "11", "12", "13", "14", "X");

    private YearGroups() {
    }

    /**
     * The year group a pupil born on {@code dateOfBirth} is normally in on {@code date}, for files that do not say
     * (a CTF without {@code NCyearActual}); X when outside early years to year 14.
     */
    public static String expected(LocalDate dateOfBirth, LocalDate date) {
        int cohort = dateOfBirth.getMonthValue() >= Month.SEPTEMBER.getValue() ? dateOfBirth.getYear() + 1
                : dateOfBirth.getYear();
        int year = schoolYear(date) - cohort - 4;
        if (year > 14) {
            return "X";
        }
        if (year >= 1) {
            return Integer.toString(year);
        }
        return switch (year) {
            case 0 -> "R";
            case -1 -> "N2";
            case -2 -> "N1";
            case -3 -> "E2";
            default -> "E1";
        };
    }

    /**
     * The year group {@code years} school years after being in {@code ncYear}: a file written in one school year
     * and read in a later one names the year group the pupil has since left. Past year 14, and for X, it is X.
     */
    public static String advance(String ncYear, int years) {
        int i = ORDER.indexOf(ncYear);
        if (i < 0 || years <= 0 || "X".equals(ncYear)) {
            return ncYear;
        }
        return ORDER.get(Math.min(i + years, ORDER.size() - 1));
    }

    /** The school year (from 1 September) a date falls in, named by the calendar year it starts in. */
    public static int schoolYear(LocalDate date) {
        return date.getMonthValue() >= Month.SEPTEMBER.getValue() ? date.getYear() : date.getYear() - 1;
    }

    /** Position in census order, for sorting; unknown values last. */
    public static int rank(String ncYear) {
        int i = ORDER.indexOf(ncYear);
        return i < 0 ? ORDER.size() : i;
    }
}
