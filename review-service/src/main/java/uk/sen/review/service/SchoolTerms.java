package uk.sen.review.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import uk.sen.platform.time.EnglandClock;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.domain.TermCalendar;

/**
 * The term calendar of each LA (its own where configured, the default otherwise). Every calendar is checked at
 * start for the school years around today, so a mistyped term date stops the service instead of dating reviews
 * in a holiday.
 */
@ApplicationScoped
public class SchoolTerms {

    /** School years checked at start, around the current one. */
    static final int CHECK_YEARS_BACK = 2;
    static final int CHECK_YEARS_AHEAD = 10;

    @Inject
    ReviewConfig config;

    @Inject
    EnglandClock today;

    private TermCalendar defaults;
    private final Map<String, TermCalendar> byLa = new HashMap<>();

    @PostConstruct
    void build() {
        int year = StatutoryClock.schoolYearStarting(today.today());
        defaults = TermCalendar.parse(config.terms().defaults());
        defaults.validate(year - CHECK_YEARS_BACK, year + CHECK_YEARS_AHEAD, "sen.review.terms.default");
        config.terms().la().forEach((la, spec) -> {
            TermCalendar calendar;
            try {
                calendar = defaults.overriddenBy(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sen.review.terms.la.\"" + la + "\": " + e.getMessage(), e);
            }
            calendar.validate(year - CHECK_YEARS_BACK, year + CHECK_YEARS_AHEAD, "sen.review.terms.la.\"" + la + "\"");
            byLa.put(la, calendar);
        });
    }

    void onStart(@Observes StartupEvent start) {
        // touching the bean builds and checks every calendar at start
        defaults.term(TermCalendar.Season.AUTUMN, StatutoryClock.schoolYearStarting(LocalDate.now()));
    }

    /** The calendar of the LA with this code; the default when it has none (or the code is unknown). */
    public TermCalendar of(String laCode) {
        return laCode == null ? defaults : byLa.getOrDefault(laCode, defaults);
    }

    /** Whether the LA has term dates of its own. */
    public boolean hasOwn(String laCode) {
        return laCode != null && byLa.containsKey(laCode);
    }
}
