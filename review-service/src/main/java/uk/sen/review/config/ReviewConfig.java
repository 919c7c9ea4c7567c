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

    /** Views and advice gathered before a review meeting. */
    Contributions contributions();

    interface Contributions {
        /** Days before a request's due date that its contributors are reminded, when nothing has come. */
        @WithName("remind-days-before")
        @WithDefault("3")
        int remindDaysBefore();

        /** How often the reminders are looked for (a duration like 15m, or "off"). */
        @WithName("remind-every")
        @WithDefault("15m")
        String remindEvery();

        /** The largest report (PDF) an agency may upload, in bytes (5 MB). */
        @WithName("max-report-bytes")
        @WithDefault("5242880")
        int maxReportBytes();
    }

    default StatutoryClock clock() {
        return new StatutoryClock(new StatutoryClock.Settings(underFiveIntervalMonths(), phaseTransferMeetingWeeksBefore()));
    }
}
