package uk.sen.review.domain;

import java.time.LocalDate;
import java.time.Month;
import java.time.Period;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The statutory timescales of the SEND Code of Practice and Regulations (docs/domain.md section 3), as date arithmetic
 * in one place. "Within N weeks/months of X" is the last day on which the step is still on time.
 */
public final class StatutoryClock {

    /** Settings that are policy rather than law, with the Code of Practice's defaults. */
    public record Settings(int underFiveIntervalMonths, int phaseTransferMeetingWeeksBefore) {
        public static final Settings DEFAULTS = new Settings(6, 12);

        public Settings {
            if (underFiveIntervalMonths < 3 || underFiveIntervalMonths > 6) {
                throw new IllegalArgumentException("under-5 review interval must be 3 to 6 months");
            }
            if (phaseTransferMeetingWeeksBefore < 0 || phaseTransferMeetingWeeksBefore > 52) {
                throw new IllegalArgumentException("phase transfer meeting lead must be 0 to 52 weeks");
            }
        }
    }

    /** The kinds of phase transfer that fix a date for the amended plan. */
    @Schema(name = "PhaseTransfer", description = "The move to the next phase of education that a phase transfer review "
            + "prepares")
    public enum Transfer {
        EARLY_YEARS_TO_SCHOOL, INFANT_TO_JUNIOR, PRIMARY_TO_SECONDARY, PRIMARY_TO_MIDDLE, MIDDLE_TO_SECONDARY,
        SECONDARY_TO_POST_16
    }

    private final Settings settings;

    public StatutoryClock(Settings settings) {
        this.settings = settings;
    }

    // ---- EHC plan annual review -----------------------------------------------------------------------------

    /**
     * The last day for the next review meeting: within 12 months of the plan's issue or of the previous review
     * meeting; for a child under 5 on that date, within the configured interval (3 to 6 months).
     */
    public LocalDate reviewDueBy(LocalDate planIssuedOrLastMeeting, LocalDate dateOfBirth) {
        boolean underFive = dateOfBirth != null
                && Period.between(dateOfBirth, planIssuedOrLastMeeting).getYears() < 5;
        int months = underFive ? settings.underFiveIntervalMonths() : 12;
        return within(planIssuedOrLastMeeting, Period.ofMonths(months));
    }

    /** Invitations go out at least 2 weeks before the meeting. */
    public LocalDate invitationsBy(LocalDate meeting) {
        return meeting.minusWeeks(2);
    }

    /** Advice and information are circulated at least 2 weeks before the meeting. */
    public LocalDate adviceBy(LocalDate meeting) {
        return meeting.minusWeeks(2);
    }

    /** The review report goes to the LA and everyone invited within 2 weeks after the meeting. */
    public LocalDate reportBy(LocalDate meeting) {
        return meeting.plusWeeks(2);
    }

    /** The LA decides to maintain, amend or cease within 4 weeks after the meeting. */
    public LocalDate laDecisionBy(LocalDate meeting) {
        return meeting.plusWeeks(4);
    }

    /** A parent has at least 15 days to comment on the proposed amendments. */
    public LocalDate commentsUntil(LocalDate amendmentNotice) {
        return amendmentNotice.plusDays(15);
    }

    /**
     * The final amended plan: within 8 weeks of the amendment notice, and never later than 12 weeks from the
     * meeting (R (L) v Devon 2022); without a notice yet, 12 weeks from the meeting.
     */
    public LocalDate finalAmendedPlanBy(LocalDate meeting, LocalDate amendmentNotice) {
        LocalDate fromMeeting = meeting.plusWeeks(12);
        if (amendmentNotice == null) {
            return fromMeeting;
        }
        LocalDate fromNotice = amendmentNotice.plusWeeks(8);
        return fromNotice.isBefore(fromMeeting) ? fromNotice : fromMeeting;
    }

    // ---- phase transfer -------------------------------------------------------------------------------------

    /**
     * The phase transfer a pupil faces at the end of the school year that contains {@code today}, from the
     * school's phase and age range and the pupil's year group; null when none.
     */
    public static Transfer transferAtEndOfYear(String schoolPhase, Integer schoolHighestAge, String ncYear) {
        if (schoolPhase == null || ncYear == null) {
            return null;
        }
        String phase = schoolPhase.toUpperCase();
        return switch (ncYear) {
            case "N2" -> "NURSERY".equals(phase) ? Transfer.EARLY_YEARS_TO_SCHOOL : null;
            case "2" -> "PRIMARY".equals(phase) && schoolHighestAge != null && schoolHighestAge <= 7
                    ? Transfer.INFANT_TO_JUNIOR : null;
            case "4" -> "PRIMARY".equals(phase) && schoolHighestAge != null && schoolHighestAge <= 9
                    ? Transfer.PRIMARY_TO_MIDDLE : null;
            case "6" -> "PRIMARY".equals(phase) ? Transfer.PRIMARY_TO_SECONDARY : null;
            case "8" -> "MIDDLE".equals(phase) ? Transfer.MIDDLE_TO_SECONDARY : null;
            case "11" -> "SECONDARY".equals(phase) || "ALL_THROUGH".equals(phase) || "SPECIAL".equals(phase)
                    ? Transfer.SECONDARY_TO_POST_16 : null;
            default -> null;
        };
    }

    /** The school year (September to August) that contains {@code date}, as the calendar year it starts in. */
    public static int schoolYearStarting(LocalDate date) {
        return date.getMonthValue() >= Month.SEPTEMBER.getValue() ? date.getYear() : date.getYear() - 1;
    }

    /**
     * The date by which the amended plan naming the next setting must be final: 15 February of the calendar year of
     * transfer (31 March for secondary to post-16). The transfer happens in the September that ends the school
     * year containing {@code today}.
     */
    public LocalDate phaseTransferPlanBy(Transfer transfer, LocalDate today) {
        int transferYear = schoolYearStarting(today) + 1;
        return transfer == Transfer.SECONDARY_TO_POST_16 ? LocalDate.of(transferYear, Month.MARCH, 31)
                : LocalDate.of(transferYear, Month.FEBRUARY, 15);
    }

    /** The latest date for the phase transfer review meeting, leaving time for the amendment process. */
    public LocalDate phaseTransferMeetingBy(LocalDate planBy) {
        return planBy.minusWeeks(settings.phaseTransferMeetingWeeksBefore());
    }

    // ---- EHC needs assessment (the 20-week clock starts when the LA receives the request) ------------------

    public LocalDate decisionToAssessBy(LocalDate received) {
        return received.plusWeeks(6);
    }

    public LocalDate adviceFromBodiesBy(LocalDate asked) {
        return asked.plusWeeks(6);
    }

    public LocalDate decisionNotToIssueBy(LocalDate received) {
        return received.plusWeeks(16);
    }

    public LocalDate finalPlanBy(LocalDate received) {
        return received.plusWeeks(20);
    }

    // ---- status of a step -----------------------------------------------------------------------------------

    /**
     * Whether a step is done on time, done late, still to do (due), or past its date (overdue); EXCEPTED when it
     * is late but a recorded exception (Regs 10(4)) lifts the time limit; CANCELLED when it no longer needs doing
     * (the LA maintained the plan unchanged, the review closed, the request ended).
     */
    @Schema(description = "Whether a step was done on time or late, is still due, is overdue, is late but excepted "
            + "by a recorded exception to the time limits, or was cancelled before it was done (it no longer needs "
            + "doing)")
    public enum StepStatus {
        DONE_ON_TIME, DONE_LATE, DUE, OVERDUE, EXCEPTED, CANCELLED
    }

    public static StepStatus status(LocalDate deadline, LocalDate doneOn, LocalDate today) {
        return status(deadline, doneOn, today, false);
    }

    public static StepStatus status(LocalDate deadline, LocalDate doneOn, LocalDate today, boolean excepted) {
        if (doneOn != null) {
            if (!doneOn.isAfter(deadline)) {
                return StepStatus.DONE_ON_TIME;
            }
            return excepted ? StepStatus.EXCEPTED : StepStatus.DONE_LATE;
        }
        if (!today.isAfter(deadline)) {
            return StepStatus.DUE;
        }
        return excepted ? StepStatus.EXCEPTED : StepStatus.OVERDUE;
    }

    /** "Within a period of X": the day before the same date one period later (Java clamps 29 February). */
    private static LocalDate within(LocalDate from, Period period) {
        return from.plus(period).minusDays(1);
    }
}
