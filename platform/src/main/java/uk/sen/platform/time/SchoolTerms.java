package uk.sen.platform.time;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The school-term calendar of each LA, the one source of term dates for every service: the default (English rules,
 * {@code sen.terms.default}) and an LA's own rules or published dates ({@code sen.terms.la."<LA code>"}) read over
 * it. Every calendar is checked at start for the school years around today, so a mistyped term date stops the
 * service instead of dating a review in a holiday or a report's term wrongly.
 */
@ApplicationScoped
public class SchoolTerms {

    /** School years checked at start, around the current one. */
    static final int CHECK_YEARS_BACK = 2;
    static final int CHECK_YEARS_AHEAD = 10;

    @ConfigMapping(prefix = "sen.terms")
    public interface Settings {
        /** The rules (and any exact dates) used where an LA has none of its own; see {@link TermCalendar}. */
        @WithName("default")
        @WithDefault(TermCalendar.ENGLISH_DEFAULT)
        String defaults();

        /** Per LA code (e.g. {@code sen.terms.la."801"}), read over the default. */
        Map<String, String> la();
    }

    @Inject
    Settings settings;

    @Inject
    EnglandClock clock;

    private TermCalendar defaults;
    private final Map<String, TermCalendar> byLa = new HashMap<>();

    @PostConstruct
    void build() {
        int year = TermCalendar.schoolYearStarting(clock.today());
        defaults = TermCalendar.parse(settings.defaults());
        defaults.validate(year - CHECK_YEARS_BACK, year + CHECK_YEARS_AHEAD, "sen.terms.default");
        settings.la().forEach((la, spec) -> {
            TermCalendar calendar;
            try {
                calendar = defaults.overriddenBy(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sen.terms.la.\"" + la + "\": " + e.getMessage(), e);
            }
            calendar.validate(year - CHECK_YEARS_BACK, year + CHECK_YEARS_AHEAD, "sen.terms.la.\"" + la + "\"");
            byLa.put(la, calendar);
        });
    }

    void onStart(@Observes StartupEvent start) {
        // touching the bean builds and checks every calendar at start
        defaults.term(TermCalendar.Season.AUTUMN, TermCalendar.schoolYearStarting(clock.today()));
    }

    /** The calendar of the LA with this code; the default when it has none (or the code is unknown or null). */
    public TermCalendar of(String laCode) {
        return laCode == null ? defaults : byLa.getOrDefault(laCode, defaults);
    }

    /** Whether the LA has term dates of its own. */
    public boolean hasOwn(String laCode) {
        return laCode != null && byLa.containsKey(laCode);
    }
}
