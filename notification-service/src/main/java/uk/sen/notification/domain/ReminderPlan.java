package uk.sen.notification.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Which reminder of a review meeting is due today. With reminders {@code N} days before, reminder N is due from
 * the meeting date minus N days until the day before the meeting; when several are due (the job was not running)
 * only the nearest to the meeting is sent. A reminder is not sent when the meeting was set on or after its day: the
 * invitation itself was the news.
 */
public final class ReminderPlan {

    private ReminderPlan() {
    }

    public static Optional<Integer> due(LocalDate meetingDate, LocalDate setOn, LocalDate today, List<Integer> daysBefore) {
        if (!today.isBefore(meetingDate)) {
            return Optional.empty();
        }
        Integer nearest = null;
        for (Integer days : daysBefore) {
            if (days == null || days < 1) {
                continue;
            }
            LocalDate from = meetingDate.minusDays(days);
            if (!today.isBefore(from) && setOn.isBefore(from) && (nearest == null || days < nearest)) {
                nearest = days;
            }
        }
        return Optional.ofNullable(nearest);
    }
}
