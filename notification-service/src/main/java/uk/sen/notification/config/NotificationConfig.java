package uk.sen.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The notification service's settings; each deploy-time value has an environment variable in application.properties. */
@ConfigMapping(prefix = "sen.notification")
public interface NotificationConfig {

    /**
     * The web app the links in messages point to (a trust may have its own); none by default, and then messages carry
     * no link. A portal serves /reviews/{reviewId}, /pupils/{pupilId} and /workload (README, "Links in messages").
     */
    Optional<String> portalUrl();

    /**
     * Where review-service serves the contribution forms (its public address): a request for a parent's views or an
     * agency's advice links to {base}/contribute/{token}, the token the recipient's own (README, "Messages").
     */
    String contributionBaseUrl();

    Delivery delivery();

    Reminders reminders();

    /** Polling of GOV.UK Notify for the outcome of messages it accepted. */
    @WithName("notify")
    NotifyPolling notifyPolling();

    /** Per trust: provider (SMTP or NOTIFY), portal, GOV.UK Notify key. Unlisted trusts use SMTP (names: TrustNames). */
    Map<String, Trust> trusts();

    /** How many days triggering events are kept for contacts added later (the largest catch_up_days of the rules). */
    @WithDefault("30")
    int triggerRetentionDays();

    /** The contacts CSV import. */
    ContactsImport contactsImport();

    /** Webhooks to trusts' systems. */
    Webhooks webhooks();

    enum Provider {
        SMTP, NOTIFY
    }

    interface Delivery {
        /** Attempts before a temporarily failing message is given up. */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("1m")
        Duration firstRetry();

        @WithDefault("2h")
        Duration maxRetry();

        /**
         * A message still SENDING after this long was interrupted (the sender died between claiming it and recording
         * the result): it becomes UNCONFIRMED and is not sent again. Longer than any provider call can take.
         */
        @WithDefault("10m")
        Duration sendingLease();

        /** Senders working at once after a commit wakes them (each claims its own message). */
        @WithDefault("4")
        int senders();

        /** Messages one sender run sends at most before the next poll. */
        @WithDefault("100")
        int batchSize();

        /** How often the sender looks for due messages (read by its @Scheduled). */
        @WithDefault("5s")
        String pollInterval();

        /** How long after start the scheduled jobs begin. */
        @WithDefault("5s")
        String startDelay();
    }

    interface Webhooks {
        /**
         * Whether an endpoint may be plain HTTP on this machine's loopback (127.0.0.1, ::1, localhost): for tests and
         * the local stack only; otherwise every endpoint is HTTPS to a public address.
         */
        @WithDefault("false")
        boolean allowLoopbackHttp();

        /** The wait before the first retry of a failed delivery; each later wait doubles (with jitter). */
        @WithDefault("10s")
        Duration firstRetry();

        @WithDefault("1h")
        Duration maxRetry();

        /**
         * How long a delivery is retried before it is given up; a subscription whose endpoint fails that long is
         * disabled and its alert address told.
         */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** How long the previous secret still signs deliveries after a rotation. */
        @WithDefault("24h")
        Duration rotationOverlap();

        /** Connecting and answering, each; an endpoint that takes longer has failed this attempt. */
        @WithDefault("10s")
        Duration timeout();

        /** A delivery still SENDING after this long was interrupted (the sender died): it is sent again. */
        @WithDefault("2m")
        Duration sendingLease();

        /** How often the sender looks for due deliveries (read by its @Scheduled). */
        @WithDefault("5s")
        String pollInterval();
    }

    interface ContactsImport {
        /**
         * The largest file taken, in bytes; larger is refused (413) before it is read, or as soon as it passes the
         * limit when sent without its length. 5 MB is some twenty times a 5,000-row file (the row limit). Keep it
         * below quarkus.http.limits.max-body-size (10M by default) so that this refusal, in problem+json, answers first.
         */
        @WithDefault("5242880")
        long maxBytes();
    }

    interface Reminders {
        /** Days before a review meeting that a reminder goes out. */
        @WithDefault("7,1")
        List<Integer> daysBefore();

        /** How often the reminder job runs; "off" disables it. */
        @WithDefault("15m")
        String every();
    }

    interface NotifyPolling {
        @WithDefault("1m")
        String statusPollInterval();
    }

    interface Trust {
        @WithDefault("SMTP")
        Provider provider();

        Optional<String> portalUrl();

        @WithName("notify")
        Notify govNotify();
    }

    interface Notify {
        /** The GOV.UK Notify API key ({key_name}-{service_id}-{secret}); from an environment variable, never a file. */
        Optional<String> apiKey();

        @WithDefault("https://api.notifications.service.gov.uk")
        String baseUrl();
    }
}
