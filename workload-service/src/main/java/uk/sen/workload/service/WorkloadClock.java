package uk.sen.workload.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.SchoolCalendar;

/** Now and today where schools count them (Europe/London), and the configured school calendar. */
@ApplicationScoped
public class WorkloadClock {

    private final Clock clock = Clock.system(SchoolCalendar.LONDON);
    private volatile SchoolCalendar calendar;

    @Inject
    WorkloadConfig config;

    public ZoneId zone() {
        return SchoolCalendar.LONDON;
    }

    public Instant instant() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock);
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
