package uk.sen.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.domain.ReminderPlan;
import uk.sen.notification.domain.ReviewMeeting;
import uk.sen.notification.domain.TriggerEvent;
import uk.sen.platform.time.EnglandClock;

/**
 * Reminders before review meetings (sen.notification.reminders.days-before). The job may run on every replica and
 * as often as wanted: a reminder's trigger id names the meeting, its date and the day count, and a message is unique
 * per trigger, recipient and channel, so each reminder is created once.
 */
@ApplicationScoped
public class MeetingReminders {

    private static final Logger LOG = Logger.getLogger(MeetingReminders.class);

    @Inject
    NotificationConfig config;

    @Inject
    EnglandClock clock;

    @Inject
    MessagePlanner planner;

    @Scheduled(identity = "meeting-reminders", every = "${sen.notification.reminders.every:15m}",
            delayed = "${sen.notification.delivery.start-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run(clock.today());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Meeting reminders will try again at the next run");
        }
    }

    /** Creates the reminders due on {@code today}; returns how many messages were new. */
    @Transactional
    public int run(LocalDate today) {
        List<Integer> days = config.reminders().daysBefore();
        int furthest = days.stream().mapToInt(Integer::intValue).max().orElse(0);
        int created = 0;
        for (ReviewMeeting m : ReviewMeeting.<ReviewMeeting> list(
                "status = ?1 and meetingDate > ?2 and meetingDate <= ?3", ReviewMeeting.OPEN, today,
                today.plusDays(furthest))) {
            Optional<Integer> due = ReminderPlan.due(m.meetingDate, m.setOn, today, days);
            if (due.isPresent()) {
                created += planner.plan(Trigger.meetingReminder(m.reviewId, m.pupilId, m.trustId, m.schoolUrn,
                        m.meetingDate, m.inviteeRoles, due.get()));
            }
        }
        return created;
    }

    /** Triggers older than any rule's catch-up window are of no further use. */
    @Scheduled(identity = "trigger-housekeeping", every = "6h", delayed = "1m")
    @Transactional
    void forgetOldTriggers() {
        long gone = TriggerEvent.delete("receivedAt < ?1",
                Instant.now().minus(Duration.ofDays(config.triggerRetentionDays())));
        if (gone > 0) {
            LOG.infof("Forgot %d triggering events older than %d days", gone, config.triggerRetentionDays());
        }
    }
}
