package uk.sen.workload.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import uk.sen.workload.domain.SencoQualification.Stage;

/** The three-year limit for the NPQ for SENCOs and the alert stages, worked out by hand. */
class SencoQualificationTest {

    static final Period SIX_MONTHS = Period.ofMonths(6);
    static final LocalDate APPOINTED = LocalDate.parse("2024-06-01");

    static Optional<Stage> on(String day) {
        return SencoQualification.stage(SencoQualification.IN_PROGRESS, APPOINTED, null, LocalDate.parse(day),
                SIX_MONTHS);
    }

    @Test
    void theLimitIsThreeYearsFromTakingUpThePost() {
        assertEquals(LocalDate.parse("2027-06-01"), SencoQualification.deadline(APPOINTED));
        // appointed on 29 February: three years on, there is no 29 February; the limit is the 28th
        assertEquals(LocalDate.parse("2027-02-28"), SencoQualification.deadline(LocalDate.parse("2024-02-29")));
    }

    @Test
    void dueSoonFromSixMonthsBeforeTheLimitAndOverdueTheDayAfterIt() {
        assertEquals(Optional.empty(), on("2026-11-30"));
        assertEquals(Optional.of(Stage.DUE_SOON), on("2026-12-01"));
        assertEquals(Optional.of(Stage.DUE_SOON), on("2027-06-01"));
        assertEquals(Optional.of(Stage.OVERDUE), on("2027-06-02"));
    }

    @Test
    void noAlertOnceQualifiedForAnExemptSencoOrAfterThePostEnded() {
        LocalDate late = LocalDate.parse("2028-01-01");
        for (SencoQualification done : new SencoQualification[] { SencoQualification.NPQ_ACHIEVED,
                SencoQualification.NASENCO }) {
            assertEquals(Optional.empty(), SencoQualification.stage(done, APPOINTED, null, late, SIX_MONTHS));
        }
        assertEquals(Optional.of(Stage.OVERDUE),
                SencoQualification.stage(SencoQualification.NOT_STARTED, APPOINTED, null, late, SIX_MONTHS));
        assertEquals(Optional.empty(), SencoQualification.stage(SencoQualification.NOT_STARTED, APPOINTED,
                LocalDate.parse("2027-12-31"), late, SIX_MONTHS));
    }
}
