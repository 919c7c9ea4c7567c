package uk.sen.notification.delivery;

import java.util.Locale;

/**
 * What a GOV.UK Notify status means for a message (Notify's documented statuses for email and text messages).
 */
public final class NotifyStatus {

    public enum Meaning {
        /** created, sending, pending: Notify is still working on it. */
        IN_PROGRESS,
        /** delivered. */
        DELIVERED,
        /** sent: an international text, the network gives no receipt; nothing more will come. */
        SENT_NO_RECEIPT,
        /** permanent-failure (wrong address or number), temporary-failure (Notify tried for 72 hours). */
        FAILED,
        /** technical-failure: not sent, not charged; Notify asks the sender to try again. */
        RETRY,
        /** A status this version does not know; it is kept and asked for again. */
        UNKNOWN
    }

    private NotifyStatus() {
    }

    public static Meaning meaning(String status) {
        if (status == null) {
            return Meaning.UNKNOWN;
        }
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "created", "sending", "pending" -> Meaning.IN_PROGRESS;
            case "delivered" -> Meaning.DELIVERED;
            case "sent" -> Meaning.SENT_NO_RECEIPT;
            case "permanent-failure", "temporary-failure" -> Meaning.FAILED;
            case "technical-failure" -> Meaning.RETRY;
            default -> Meaning.UNKNOWN;
        };
    }

    /** Whether a refused request should be tried again: rate limits, server errors and key or clock problems. */
    public static boolean retryable(int httpStatus) {
        return httpStatus == 403 || httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }
}
