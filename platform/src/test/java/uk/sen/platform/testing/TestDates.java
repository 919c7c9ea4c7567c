package uk.sen.platform.testing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import uk.sen.platform.time.EnglandClock;

/**
 * Today and now for tests, from the same settings as the services' {@link EnglandClock}: the real day, or the day a
 * run as at {@code -Dsen.test.as-at=...} asks for. Tests never read the system clock directly.
 */
public final class TestDates {

    public static final ZoneId LONDON = EnglandClock.LONDON;

    private TestDates() {
    }

    public static LocalDate today() {
        return LocalDate.now(EnglandClock.configured());
    }

    public static LocalDateTime now() {
        return LocalDateTime.now(EnglandClock.configured());
    }

    /** The time of an event sent now, as producers stamp it (UTC). */
    public static OffsetDateTime eventTime() {
        return OffsetDateTime.now(EnglandClock.configured()).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
