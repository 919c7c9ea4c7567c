package uk.sen.platform.time;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The clock the settings give, for {@link EnglandClock} and for tests in any JVM (the end-to-end tests have no
 * Quarkus): the system clock in London, or, when a test run asks with the system property {@value #AS_AT}, a clock
 * that started at that moment when the JVM started.
 */
public final class ClockSetting {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");
    public static final String AS_AT = "sen.test.as-at";

    private ClockSetting() {
    }

    public static Clock configured() {
        LocalDateTime at = asAt();
        Clock system = Clock.system(LONDON);
        if (at == null) {
            return system;
        }
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return Clock.offset(system, Duration.between(jvmStart, at.atZone(LONDON).toInstant()));
    }

    /** The moment a test run asked for, or null; a date alone means noon in London. */
    public static LocalDateTime asAt() {
        String value = System.getProperty(AS_AT, "").trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.contains("T") ? LocalDateTime.parse(value) : LocalDate.parse(value).atTime(LocalTime.NOON);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(AS_AT + " must be yyyy-MM-dd or yyyy-MM-ddTHH:mm, not " + value, e);
        }
    }
}
