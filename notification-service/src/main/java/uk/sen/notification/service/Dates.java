package uk.sen.notification.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as the platform counts them (Europe/London) and as messages write them ("Wednesday 9 December 2026"). */
public final class Dates {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private Dates() {
    }

    public static LocalDate today() {
        return LocalDate.now(LONDON);
    }

    public static String spoken(LocalDate date) {
        return date == null ? null : LONG.format(date);
    }
}
