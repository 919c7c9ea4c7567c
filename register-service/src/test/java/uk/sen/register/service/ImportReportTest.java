package uk.sen.register.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.RegisterSync.Outcome;

class ImportReportTest {

    /** Rows offered (a row's errors as row.n), the cap, and the rows listed. */
    @ParameterizedTest(name = "{0} capped at {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "2 3 4             | 5 | 2 3 4",
            "2 3 4 5 6 7       | 3 | 2 3 4",
            "9 7 5 3 1         | 3 | 1 3 5",
            "4.a 2 4.b 3 4.c 1 | 4 | 1 2 3 4.a",
            "2.a 2.b 2.c 1     | 3 | 1 2.a 2.b",
            "5 6 7             | 0 | ''",
    })
    void listsTheFirstErrorsByRowAndCountsThemAll(String offered, int cap, String listed) {
        ImportReport.Builder report = new ImportReport.Builder("mis", "900101", false, cap);
        String[] items = offered.split(" ");
        for (String item : items) {
            String[] rowAndName = item.split("\\.");
            report.invalid(Long.parseLong(rowAndName[0]), null, List.of(new Violation("UPN", item)));
        }
        ImportReport built = report.build();
        assertEquals(listed, String.join(" ", built.errors().stream().map(ImportReport.RowError::message).toList()));
        assertEquals(items.length, built.errorCount());
        assertEquals(items.length, built.invalid());
        assertEquals(items.length > cap, built.truncated());
    }

    @org.junit.jupiter.api.Test
    void warningsAreCappedAndCountedAsErrorsAre() {
        ImportReport.Builder report = new ImportReport.Builder("ctf", "900101", false, 2);
        report.applied(Outcome.CREATED);
        report.warn(3, "U3", List.of("third"));
        report.warn(1, "U1", List.of("first", "also first"));
        report.warn(2, "U2", List.of("second"));
        ImportReport built = report.build();
        assertEquals(List.of("first", "also first"),
                built.warnings().stream().map(ImportReport.RowWarning::message).toList());
        assertEquals(4, built.warningCount());
        assertEquals(0, built.errorCount());
        assertTrue(built.truncated());
        assertFalse(new ImportReport.Builder("ctf", "900101", false, 2).build().truncated());
    }

    @org.junit.jupiter.api.Test
    void everyLeaverIsListedAndThoseMissingFromTheFileCounted() {
        LocalDate day = LocalDate.of(2026, 11, 23);
        ImportReport.Builder report = new ImportReport.Builder("mis", "900101", true, 1);
        report.roll("full", day, 10);
        report.left(new UUID(0, 1), "U1", day.minusDays(3), 7L);
        report.left(new UUID(0, 2), "U2", day, null);
        report.left(new UUID(0, 3), "U3", day, null);
        ImportReport built = report.build();
        assertEquals(3, built.left());
        assertEquals(2, built.notInFile());
        assertEquals(List.of("U1", "U2", "U3"), built.leavers().stream().map(ImportReport.Leaver::upn).toList());
        assertEquals(7L, built.leavers().get(0).row());
        assertEquals(null, built.leavers().get(1).row());
        assertEquals("full", built.mode());
        assertEquals(day, built.asOf());
        assertEquals(10L, built.onRoll());
        assertFalse(built.leaversNeedConfirming());
    }
}
