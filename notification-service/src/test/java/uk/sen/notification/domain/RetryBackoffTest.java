package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wait before each retry of a temporarily failed message, and when to give up. */
class RetryBackoffTest {

    static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofMinutes(1), Duration.ofHours(2), 6);

    @ParameterizedTest(name = "after {0} attempts wait {1}, give up {2}")
    @CsvSource({ "0, PT0S, false", "1, PT1M, false", "2, PT2M, false", "3, PT4M, false", "4, PT8M, false",
            "5, PT16M, false", "6, PT32M, true", "7, PT1H4M, true", "8, PT2H, true", "30, PT2H, true" })
    void doublesUpToTheCap(int attempts, Duration wait, boolean giveUp) {
        assertEquals(wait, BACKOFF.delayAfter(attempts));
        assertEquals(giveUp, BACKOFF.giveUp(attempts));
    }

    @Test
    void refusesASettingThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new RetryBackoff(Duration.ZERO, Duration.ofHours(1), 3));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryBackoff(Duration.ofHours(2), Duration.ofHours(1), 3));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryBackoff(Duration.ofMinutes(1), Duration.ofHours(1), 0));
    }
}
