package uk.sen.platform.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Now and today where the law and schools count them (Europe/London): the one clock every service reads for
 * dates. Statutory deadlines, terms, the week of a time entry and "overdue" all start from {@link #today()}.
 *
 * <p>A whole test run can be made to run as at another day with the JVM system property {@value #AS_AT}
 * ({@code 2028-02-29} or {@code 2027-10-31T00:30}; a date alone means noon in London). The clock then keeps
 * ticking from that moment, counted from the JVM's start, so every clock of one JVM (the service's and the test's)
 * agrees to the millisecond. It is a system property only, never read from application.properties or the
 * environment, so no deployment's configuration can set it by accident; a service that runs with it says so in
 * its log at startup.
 */
@ApplicationScoped
public class EnglandClock {

    public static final ZoneId LONDON = ClockSetting.LONDON;
    public static final String AS_AT = ClockSetting.AS_AT;

    private static final Logger LOG = Logger.getLogger(EnglandClock.class);

    private volatile Clock clock = configured();

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    public Instant instant() {
        return clock.instant();
    }

    public ZoneId zone() {
        return LONDON;
    }

    /** For tests and benchmarks that act as at a given moment (the deadline scan as at a day). */
    public void setClock(Clock clock) {
        this.clock = clock.withZone(LONDON);
    }

    void announce(@Observes StartupEvent start) {
        if (asAt() != null) {
            LOG.warnf("the clock runs as at %s (system property %s, for tests only): today is %s", asAt(), AS_AT,
                    today());
        }
    }

    /** The clock the settings give ({@link ClockSetting}). */
    public static Clock configured() {
        return ClockSetting.configured();
    }

    static LocalDateTime asAt() {
        return ClockSetting.asAt();
    }
}
