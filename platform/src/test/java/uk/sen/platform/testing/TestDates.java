package uk.sen.platform.testing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import uk.sen.platform.time.ClockSetting;

/**
 * Today and now for tests, from the same settings as the services' {@code EnglandClock} ({@link ClockSetting}): the real day, or the day a
 * run as at {@code -Dsen.test.as-at=...} asks for. Tests never read the system clock directly.
 */
public final class TestDates {

    public static final ZoneId LONDON = ClockSetting.LONDON;

    private TestDates() {
    }

    public static LocalDate today() {
        return LocalDate.now(ClockSetting.configured());
    }

    public static LocalDateTime now() {
        return LocalDateTime.now(ClockSetting.configured());
    }

    /** The time of an event sent now, as producers stamp it (UTC). */
    public static OffsetDateTime eventTime() {
        return OffsetDateTime.now(ClockSetting.configured()).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
