package uk.sen.notification.domain;

import java.time.Duration;

/**
 * When to try a temporarily failed message again: the first retry after {@code first}, each later one twice as
 * long after the previous, never longer than {@code max}; after {@code maxAttempts} attempts it is given up.
 */
public record RetryBackoff(Duration first, Duration max, int maxAttempts) {

    public RetryBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("Backoff needs 0 < first <= max and at least one attempt");
        }
    }

    /** The wait after the given number of attempts made so far (1 after the first failure). */
    public Duration delayAfter(int attempts) {
        if (attempts < 1) {
            return Duration.ZERO;
        }
        Duration delay = first;
        for (int i = 1; i < attempts; i++) {
            delay = delay.multipliedBy(2);
            if (delay.compareTo(max) >= 0) {
                return max;
            }
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    public boolean giveUp(int attempts) {
        return attempts >= maxAttempts;
    }
}
