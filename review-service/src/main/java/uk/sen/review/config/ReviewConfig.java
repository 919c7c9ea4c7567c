package uk.sen.review.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import uk.sen.review.domain.StatutoryClock;

@ConfigMapping(prefix = "sen.review")
public interface ReviewConfig {

    /** Months between reviews for a child under 5 (the Code of Practice says 3 to 6). */
    @WithDefault("6")
    int underFiveIntervalMonths();

    /** How many weeks before the phase transfer plan date the review meeting must be held at the latest. */
    @WithDefault("12")
    int phaseTransferMeetingWeeksBefore();

    /** Days before a deadline at which "deadline approaching" is announced. */
    @WithDefault("14,3")
    List<Integer> alertLeadDays();

    /** How often the deadline monitor scans (a duration like 5m, or "off"). */
    @WithName("monitor.every")
    @WithDefault("5m")
    String monitorEvery();

    /** The calendar feed. */
    Calendar calendar();

    interface Calendar {
        /**
         * The public base URL feed links are made with (e.g. {@code https://review.sen.example}); when unset, the
         * URL the request came in on.
         */
        @WithName("public-base-url")
        Optional<String> publicBaseUrl();

        /** How far back overdue deadlines are kept in the feed (days). */
        @WithName("past-days")
        @WithDefault("90")
        int pastDays();

        /** How far ahead the feed reaches (days). */
        @WithName("ahead-days")
        @WithDefault("400")
        int aheadDays();
    }

    default StatutoryClock clock() {
        return new StatutoryClock(new StatutoryClock.Settings(underFiveIntervalMonths(), phaseTransferMeetingWeeksBefore()));
    }
}
