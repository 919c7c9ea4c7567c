package uk.sen.workload.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * The mandatory SENCO qualification. Since September 2024 it is the NPQ for SENCOs (which replaced the NASENCO award):
 * a SENCO new to the role must achieve it within three years of taking up the post; holders of NASENCO are exempt.
 */
public enum SencoQualification {
    NOT_STARTED, IN_PROGRESS, NPQ_ACHIEVED, NASENCO;

    /** How long a new SENCO has to achieve the qualification. */
    public static final Period LIMIT = Period.ofYears(3);

    /** Whether the post still needs the qualification (neither achieved nor exempt). */
    public boolean outstanding() {
        return this == NOT_STARTED || this == IN_PROGRESS;
    }

    /** The last day to achieve it for a post taken up on {@code appointedOn}. */
    public static LocalDate deadline(LocalDate appointedOn) {
        return appointedOn.plus(LIMIT);
    }

    /** The alert a post is due on {@code today}: none, DUE_SOON within {@code warning} of the limit, OVERDUE after it. */
    public enum Stage {
        DUE_SOON, OVERDUE
    }

    public static Optional<Stage> stage(SencoQualification status, LocalDate appointedOn, LocalDate endedOn,
            LocalDate today, Period warning) {
        if (!status.outstanding() || (endedOn != null && endedOn.isBefore(today))) {
            return Optional.empty();
        }
        LocalDate deadline = deadline(appointedOn);
        if (today.isAfter(deadline)) {
            return Optional.of(Stage.OVERDUE);
        }
        return today.isBefore(deadline.minus(warning)) ? Optional.empty() : Optional.of(Stage.DUE_SOON);
    }
}
