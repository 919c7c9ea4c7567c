package uk.sen.workload.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A span of days a report or an alert is about: a week (Monday to Sunday), a school term or a school year, with a
 * stable code ({@code 2026-W48}, {@code 2026-27-autumn}, {@code 2026-27}) and a label for people.
 */
public record Period(Kind kind, String code, String label, LocalDate from, LocalDate to) {

    @Schema(name = "PeriodKind", description = "A week (Monday to Sunday), a school term or a school year")
    public enum Kind {
        WEEK, TERM, YEAR
    }

    public Period {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Period " + code + " ends before it starts");
        }
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
