package uk.sen.review.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

/** Today's date where the law counts it: Europe/London. */
@ApplicationScoped
public class ReviewCalendar {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private Clock clock = Clock.system(LONDON);

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** For the deadline monitor's tests and benchmark, which scan as at a given day. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
