package uk.sen.platform.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnglandClockTest {

    private String before;

    @BeforeEach
    void keep() {
        before = System.getProperty(EnglandClock.AS_AT);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(EnglandClock.AS_AT);
        } else {
            System.setProperty(EnglandClock.AS_AT, before);
        }
    }

    @Test
    void aDateAloneRunsFromNoonInLondonAndKeepsTicking() {
        System.setProperty(EnglandClock.AS_AT, "2028-02-29");
        LocalDateTime now = LocalDateTime.now(EnglandClock.configured());
        assertEquals(LocalDate.of(2028, 2, 29), now.toLocalDate());
        Duration sinceNoon = Duration.between(LocalDateTime.of(2028, 2, 29, 12, 0), now);
        assertTrue(!sinceNoon.isNegative() && sinceNoon.compareTo(Duration.ofHours(1)) < 0, sinceNoon::toString);
    }

    @Test
    void everyClockOfOneJvmAgrees() {
        System.setProperty(EnglandClock.AS_AT, "2027-10-31T01:30");
        EnglandClock service = new EnglandClock();
        long apart = Duration.between(EnglandClock.configured().instant(), service.instant()).abs().toMillis();
        assertTrue(apart < 1000, apart + " ms apart");
        assertEquals(LocalDate.of(2027, 10, 31), service.today());
    }

    @Test
    void withoutTheSettingItIsTheSystemClockInLondon() {
        System.clearProperty(EnglandClock.AS_AT);
        EnglandClock clock = new EnglandClock();
        assertEquals(LocalDate.now(EnglandClock.LONDON), clock.today());
        assertEquals(EnglandClock.LONDON, clock.zone());
    }

    @Test
    void aMalformedSettingIsRefusedLoudly() {
        System.setProperty(EnglandClock.AS_AT, "29/02/2028");
        assertThrows(IllegalArgumentException.class, EnglandClock::configured);
    }
}
