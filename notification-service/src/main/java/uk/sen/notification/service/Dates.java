package uk.sen.notification.service;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as messages write them ("Wednesday 9 December 2026"). */
public final class Dates {

    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private Dates() {
    }

    public static String spoken(LocalDate date) {
        return date == null ? null : LONG.format(date);
    }
}
