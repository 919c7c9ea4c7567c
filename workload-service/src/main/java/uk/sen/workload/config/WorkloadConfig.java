package uk.sen.workload.config;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import uk.sen.workload.domain.SchoolCalendar;

/** The workload service's settings; each has a working default and can be set per deployment. */
@ConfigMapping(prefix = "sen.workload")
public interface WorkloadConfig {

    Calendar calendar();

    Entries entries();

    Suggestions suggestions();

    Forecast forecast();

    Exceedance exceedance();

    Qualification qualification();

    interface Calendar {
        /**
         * The LA whose term dates the trust's reports and forecasts follow (the platform's term calendar,
         * sen.terms.la."<LA>"); the default English terms when unset.
         */
        @WithName("terms-la")
        java.util.Optional<String> termsLa();

        /**
         * Days on which no protected time is owed: yearly ranges (MM-dd/MM-dd) or dated ones (yyyy-MM-dd/yyyy-MM-dd).
         * The defaults are the holidays every English school has; add a trust's half-terms and Easter here.
         */
        @WithDefault("08-01/08-31,12-24/01-01")
        List<String> closures();
    }

    interface Entries {
        /** The longest single entry, in minutes. */
        @WithDefault("720")
        int maxMinutes();

        /** How far past the server's clock an end time may be (a phone's clock runs fast). */
        @WithDefault("5")
        int futureToleranceMinutes();

        /** A timer may run at most this long before it can only be discarded or stopped at an earlier time. */
        @WithDefault("720")
        int timerMaxMinutes();
    }

    interface Suggestions {
        /** Minutes suggested when a held meeting's duration was not reported. */
        @WithDefault("60")
        int defaultMinutes();

        @WithDefault("EHCP_ANNUAL_REVIEWS")
        String category();
    }

    interface Forecast {
        /** Finished pieces of work with logged time a school needs before its own mean replaces the default. */
        @WithDefault("5")
        int calibrationMinSamples();

        /** Complete weeks of the SENCO's other (non-statutory) logged time averaged into each forecast week. */
        @WithDefault("6")
        int baselineWeeks();

        /** Expected effort per kind of work, keyed by the kind's code in lower case with hyphens. */
        Map<String, Effort> kinds();
    }

    interface Effort {
        double hours();

        int spreadWeeks();
    }

    interface Exceedance {
        /** How far over the allocation (per cent) a week must be to count. */
        @WithDefault("10")
        double marginPercent();

        /** How many consecutive weeks over make an "allocation exceeded" alert. */
        @WithDefault("3")
        int weeks();

        /** When the daily sweep runs (Quarkus cron; "off" disables it). */
        @WithDefault("0 30 6 * * ?")
        String sweepCron();
    }

    interface Qualification {
        /** How long before the three-year limit for the NPQ for SENCOs the DUE_SOON alert is raised. */
        @WithDefault("P6M")
        java.time.Period warning();
    }

    /** The configured closures (days without protected time). */
    default List<SchoolCalendar.Closure> closures() {
        return calendar().closures().stream().filter(c -> !c.isBlank() && !"none".equalsIgnoreCase(c.trim()))
                .map(SchoolCalendar.Closure::parse).toList();
    }
}
