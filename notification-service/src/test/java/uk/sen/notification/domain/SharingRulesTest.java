package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.sen.platform.problem.Violation;

/** When the school may share with an agency, and what a recorded basis must be. */
class SharingRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} given {1} withdrawn {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-                | -          | -          | no consent or other basis is recorded for sharing with CAMHS",
            "CONSENT          | 2026-01-10 | -          | -",
            "CONSENT          | 2026-11-23 | -          | -",
            "CONSENT          | 2026-11-24 | -          | sharing with CAMHS starts on 2026-11-24",
            "CONSENT          | 2026-01-10 | 2026-11-23 | consent for sharing with CAMHS was withdrawn on 2026-11-23",
            "CONSENT          | 2026-01-10 | 2026-06-01 | consent for sharing with CAMHS was withdrawn on 2026-06-01",
            "CONSENT          | 2026-01-10 | 2026-11-24 | -",
            "PUBLIC_TASK      | 2025-09-01 | -          | -",
            "LEGAL_OBLIGATION | 2025-09-01 | 2026-11-01 | sharing with CAMHS (LEGAL_OBLIGATION) ended on 2026-11-01" })
    void whyNotShare(LawfulBasis basis, LocalDate given, LocalDate withdrawn, String expected) {
        SharingRules.Basis recorded = basis == null ? null : new SharingRules.Basis(basis, given, withdrawn);
        assertEquals(Optional.ofNullable(expected), SharingRules.whyNot(Agency.CAMHS, recorded, TODAY));
    }

    @ParameterizedTest(name = "{0} given {1} withdrawn {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "CONSENT     | 2026-01-10 | 2026-02-01 | -          | -",
            "CONSENT     | 2026-03-01 | 2026-02-01 | withdrawnOn | consent cannot be withdrawn (2026-02-01) before it was given (2026-03-01)",
            "PUBLIC_TASK | 2026-03-01 | 2026-02-01 | withdrawnOn | sharing cannot be withdrawn (2026-02-01) before it was given (2026-03-01)",
            "CONSENT     | 2026-12-01 | -          | givenOn     | cannot be in the future",
            "CONSENT     | 2026-01-10 | 2026-12-01 | withdrawnOn | cannot be in the future: record a withdrawal when it happens",
            "CONSENT     | -          | -          | givenOn     | is required: the date consent was given or the basis applies from",
            "-           | 2026-01-10 | -          | basis       | is required (one of CONSENT, LEGAL_OBLIGATION, PUBLIC_TASK)" })
    void validatesWhatIsRecorded(LawfulBasis basis, LocalDate given, LocalDate withdrawn, String field, String reason) {
        List<Violation> expected = field == null ? List.of() : List.of(new Violation(field, reason));
        assertEquals(expected, SharingRules.validate(basis, given, withdrawn, TODAY));
    }
}
