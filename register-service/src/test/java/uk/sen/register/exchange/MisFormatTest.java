package uk.sen.register.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.RegisterSync.Incoming;
import uk.sen.register.domain.SenRules.RankedNeed;

class MisFormatTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final String SCHOOL = "900101";
    static final List<String> COLUMNS = List.of("UPN", "Surname", "Forename", "DOB", "Sex", "NCYear", "SchoolURN",
            "SENProvision", "SENStartDate", "PrimaryNeed", "SecondaryNeed", "IssuingLA", "PlanIssueDate");
    static final MisFormat.Header HEADER = MisFormat.header(COLUMNS);

    /** A valid K row, with some columns replaced: "Column=value" pairs. */
    static MisFormat.Row row(String... changes) {
        String[] values = { "H801200001001", "Khan", "Amira", "2016-03-14", "F", "4", "900101", "K", "2025-09-08",
                "SLCN", "", "", "" };
        for (String change : changes) {
            String[] kv = change.split("=", -1);
            values[COLUMNS.indexOf(kv[0])] = kv[1];
        }
        return MisFormat.row(HEADER, new CsvReader.Record(7, Arrays.asList(values), null), SCHOOL, TODAY, TODAY,
                la -> la >= 200 && la <= 999);
    }

    static Stream<Arguments> invalidRows() {
        return Stream.of(
                Arguments.of("wrong check letter", new String[] { "UPN=A801200005001" },
                        List.of("UPN: UPN invalid (wrong check letter at character 1)")),
                Arguments.of("UPN missing", new String[] { "UPN=" }, List.of("UPN: UPN missing")),
                Arguments.of("LA not recognised", new String[] { "UPN=H101200001001" },
                        List.of("UPN: UPN invalid (characters 2-4 not a recognised LA code)")),
                Arguments.of("no surname", new String[] { "Surname= " }, List.of("Surname: is required")),
                Arguments.of("date not ISO", new String[] { "DOB=14/03/2016" },
                        List.of("DOB: '14/03/2016' is not a date (yyyy-MM-dd)")),
                Arguments.of("born in the future", new String[] { "DOB=2027-01-01", "SENStartDate=2026-09-01" },
                        List.of("DOB: must not be in the future",
                                "SENStartDate: must not be before the date of birth")),
                Arguments.of("unknown sex", new String[] { "Sex=X" }, List.of("Sex: must be M or F (census codes)")),
                Arguments.of("unknown year group", new String[] { "NCYear=15" },
                        List.of("NCYear: must be a national curriculum year: E1, E2, N1, N2, R, 1 to 14 or X")),
                Arguments.of("another school's URN", new String[] { "SchoolURN=900102" },
                        List.of("SchoolURN: must be 900101 (the school you import for) or left empty")),
                Arguments.of("unknown provision", new String[] { "SENProvision=Q" },
                        List.of("SENProvision: 'Q' is not a provision code: N, K or E (legacy S, A or P from old records)")),
                Arguments.of("K without a start", new String[] { "SENStartDate=" }, List.of("SENStartDate: is required")),
                Arguments.of("K without a primary need", new String[] { "PrimaryNeed=" },
                        List.of("PrimaryNeed: SEN support and EHC plans need a primary need (rank 1)")),
                Arguments.of("secondary without primary", new String[] { "PrimaryNeed=", "SecondaryNeed=ASD" },
                        List.of("PrimaryNeed: SEN support and EHC plans need a primary need (rank 1)")),
                Arguments.of("unknown need", new String[] { "SecondaryNeed=XYZ" },
                        List.of("SecondaryNeed: 'XYZ' is not a need type code")),
                Arguments.of("same need twice", new String[] { "SecondaryNeed=slcn" },
                        List.of("SecondaryNeed: SLCN is given more than once")),
                Arguments.of("NSA with a plan", new String[] { "SENProvision=E", "PrimaryNeed=NSA", "IssuingLA=801",
                        "PlanIssueDate=2025-09-08" }, List.of("PrimaryNeed: NSA is allowed only with SEN support (K)")),
                Arguments.of("E without plan details", new String[] { "SENProvision=E" },
                        List.of("IssuingLA: an EHC plan needs the issuing LA's 3-digit code",
                                "PlanIssueDate: an EHC plan needs its issue date")),
                Arguments.of("K with plan details", new String[] { "IssuingLA=801" },
                        List.of("IssuingLA: only an EHC plan (E) has an issuing LA")),
                Arguments.of("start in the future", new String[] { "SENStartDate=2026-12-01" },
                        List.of("SENStartDate: must not be in the future")),
                Arguments.of("N with a need", new String[] { "SENProvision=N", "SENStartDate=" },
                        List.of("PrimaryNeed: a pupil without SEN provision (N) has no recorded needs")),
                Arguments.of("N with a start date", new String[] { "SENProvision=N", "PrimaryNeed=" },
                        List.of("SENStartDate: only a pupil on the SEN register has an SEN start date")),
                Arguments.of("several problems, one per column", new String[] { "UPN=Z801200001001", "Sex=", "NCYear=" },
                        List.of("UPN: UPN invalid (wrong check letter at character 1)",
                                "Sex: must be M or F (census codes)",
                                "NCYear: must be a national curriculum year: E1, E2, N1, N2, R, 1 to 14 or X")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRows")
    void reportsEachProblemByColumn(String name, String[] changes, List<String> expected) {
        MisFormat.Row row = row(changes);
        List<String> problems = new ArrayList<>();
        for (Violation v : row.violations()) {
            problems.add(v.field() + ": " + v.reason());
        }
        assertEquals(expected, problems);
        assertNull(row.incoming());
    }

    static Stream<Arguments> validRows() {
        return Stream.of(
                Arguments.of("K with primary and secondary", new String[] { "SecondaryNeed=semh" }, Provision.K,
                        "2025-09-08", List.of(new RankedNeed(1, "SLCN"), new RankedNeed(2, "SEMH")), null),
                Arguments.of("E with plan", new String[] { "SENProvision=e", "PrimaryNeed=ASD", "IssuingLA=801",
                        "PlanIssueDate=2025-09-08" }, Provision.E, "2025-09-08", List.of(new RankedNeed(1, "ASD")), "801"),
                Arguments.of("N", new String[] { "SENProvision=N", "SENStartDate=", "PrimaryNeed=" }, Provision.N, null,
                        List.of(), null),
                Arguments.of("legacy S, accepted on import", new String[] { "SENProvision=S" }, Provision.S,
                        "2025-09-08", List.of(new RankedNeed(1, "SLCN")), null),
                Arguments.of("lower case UPN and no SchoolURN", new String[] { "UPN=h801200001001", "SchoolURN=" },
                        Provision.K, "2025-09-08", List.of(new RankedNeed(1, "SLCN")), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRows")
    void readsValidRows(String name, String[] changes, Provision provision, String start, List<RankedNeed> needs,
            String issuingLa) {
        MisFormat.Row row = row(changes);
        assertEquals(List.of(), row.violations());
        Incoming in = row.incoming();
        assertEquals("H801200001001", in.upn());
        assertEquals(provision, in.current());
        assertEquals(start == null ? null : LocalDate.parse(start), in.currentSince());
        assertEquals(needs, in.needs());
        assertEquals(issuingLa, in.issuingLa());
        assertEquals(LocalDate.of(2016, 3, 14), in.dateOfBirth());
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsReportedWhole() {
        MisFormat.Row row = MisFormat.row(HEADER, new CsvReader.Record(3, List.of("H801200001001", "Khan"), null),
                SCHOOL, TODAY, TODAY, la -> true);
        assertEquals(List.of(new Violation(null, "the row has 2 values; the header row has 13 columns")),
                row.violations());
        assertFalse(row.namesPupil());
    }

    @Test
    void aRowNamesItsPupilWhenItsUpnPassesTheCheck() {
        assertTrue(row().namesPupil());
        assertTrue(row("DOB=14/03/2016").namesPupil());
        assertFalse(row("UPN=A801200005001").namesPupil());
        assertFalse(row("UPN=").namesPupil());
    }

    static final MisFormat.Header WITH_DATES = MisFormat.header(List.of("UPN", "Surname", "Forename", "DOB", "Sex",
            "NCYear", "SENProvision", "SENStartDate", "PrimaryNeed", "EntryDate", "LeavingDate"));

    /** An N row with this EntryDate and LeavingDate, from a file of {@code fileDate}: left on, and what is said. */
    @ParameterizedTest(name = "entry {0}, leaving {1}, file of {2}: left on {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-          | -          | 2026-11-23 | - | -",
            "-          | 2026-11-20 | 2026-11-23 | 2026-11-20 | -",
            "-          | 2026-11-23 | 2026-11-23 | 2026-11-23 | -",
            "2026-09-01 | 2026-11-20 | 2026-11-23 | 2026-11-20 | -",
            "-          | 2026-11-24 | 2026-11-23 | - | warning: LeavingDate 2026-11-24 is after the file's date (2026-11-23): "
                    + "the pupil stays on roll until a file of that day or later says they have left",
            "-          | 2026-11-20 | 2026-11-19 | - | warning: LeavingDate 2026-11-20 is after the file's date (2026-11-19): "
                    + "the pupil stays on roll until a file of that day or later says they have left",
            "2026-09-01 | 2026-08-31 | 2026-11-23 | - | LeavingDate: must not be before the EntryDate (2026-09-01)",
            "-          | 20/11/2026 | 2026-11-23 | - | LeavingDate: '20/11/2026' is not a date (yyyy-MM-dd)",
    })
    void readsTheLeavingDate(String entry, String leaving, LocalDate fileDate, LocalDate leftOn, String said) {
        MisFormat.Row row = MisFormat.row(WITH_DATES, new CsvReader.Record(2, Arrays.asList("H801200001001", "Khan",
                "Amira", "2016-03-14", "F", "4", "N", "", "", entry == null ? "" : entry, leaving == null ? "" : leaving),
                null), SCHOOL, TODAY, fileDate, la -> true);
        List<String> remarks = new ArrayList<>();
        row.violations().forEach(v -> remarks.add(v.field() + ": " + v.reason()));
        row.warnings().forEach(w -> remarks.add("warning: " + w));
        assertEquals(said == null ? List.of() : List.of(said), remarks);
        assertEquals(leftOn, row.valid() ? row.incoming().leftOn() : null);
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of(List.of("upn", "SURNAME", "forename", "dob", "sex", "ncyear", "senprovision",
                        "senstartdate", "primaryneed"), List.of()),
                Arguments.of(List.of("UPN", "Surname", "Forename", "DOB", "Sex", "NCYear", "SENProvision"),
                        List.of("SENStartDate: required column is missing from the header row",
                                "PrimaryNeed: required column is missing from the header row")),
                Arguments.of(List.of("UPN", "UPN", "Surname", "Forename", "DOB", "Sex", "NCYear", "SENProvision",
                        "SENStartDate", "PrimaryNeed"), List.of("UPN: the column is given more than once")));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void checksTheHeaderRow(List<String> names, List<String> problems) {
        if (problems.isEmpty()) {
            MisFormat.Header header = MisFormat.header(names);
            assertEquals(names.size(), header.width());
            return;
        }
        ProblemException e = assertThrows(ProblemException.class, () -> MisFormat.header(names));
        assertEquals(400, e.status());
        assertEquals(problems, e.violations().stream().map(v -> v.field() + ": " + v.reason()).toList());
    }

    @Test
    void unknownColumnsAreListedAndIgnored() {
        List<String> names = new ArrayList<>(COLUMNS);
        names.add(2, "Ethnicity");
        MisFormat.Header header = MisFormat.header(names);
        assertEquals(List.of("Ethnicity"), header.ignored());
        assertTrue(header.positions().get(MisFormat.Column.FORENAME) == 3);
    }
}
