package uk.sen.workload.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.sen.platform.time.EnglandClock;
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.SchoolCalendar;

/** Now and today from the platform's one clock (Europe/London), and the configured school calendar. */
@ApplicationScoped
public class WorkloadClock {

    private volatile SchoolCalendar calendar;

    @Inject
    EnglandClock clock;

    @Inject
    WorkloadConfig config;

    public ZoneId zone() {
        return clock.zone();
    }

    public Instant instant() {
        return clock.instant();
    }

    public LocalDate today() {
        return clock.today();
    }

    public LocalDateTime now() {
        return clock.now();
    }

    public SchoolCalendar calendar() {
        SchoolCalendar c = calendar;
        if (c == null) {
            c = config.schoolCalendar();
            calendar = c;
        }
        return c;
    }
}
