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
import uk.sen.platform.time.SchoolTerms;

/** Now and today from the platform's one clock (Europe/London), and the school calendar of the platform's terms. */
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

    @Inject
    SchoolTerms terms;

    /** The trust's calendar: the terms of the configured LA (sen.workload.calendar.terms-la) and the closures. */
    public SchoolCalendar calendar() {
        SchoolCalendar c = calendar;
        if (c == null) {
            c = calendarOf(config.calendar().termsLa().filter(la -> !la.isBlank()).orElse(null));
            calendar = c;
        }
        return c;
    }

    /** The calendar of an LA's terms (the platform's, as review-service reads them) with the configured closures. */
    public SchoolCalendar calendarOf(String laCode) {
        return new SchoolCalendar(terms.of(laCode), config.closures());
    }
}
