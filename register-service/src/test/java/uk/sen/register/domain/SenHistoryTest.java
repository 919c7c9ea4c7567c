package uk.sen.register.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.platform.problem.Violation;

class SenHistoryTest {

    /** "K 2020-09-01;N 2021-07-01" as entries. */
    static List<SenHistory.Entry> entries(String spec) {
        List<SenHistory.Entry> list = new ArrayList<>();
        if (!spec.isBlank()) {
            for (String e : spec.split(";")) {
                String[] f = e.trim().split(" ");
                list.add(new SenHistory.Entry(list.size() + 1, LocalDate.parse(f[1]), Provision.valueOf(f[0])));
            }
        }
        return list;
    }

    /** "K 2020-09-01 2021-07-01" (closed) or "E 2022-01-10" (open) as periods. */
    static List<ProvisionPeriod> periods(String spec) {
        List<ProvisionPeriod> list = new ArrayList<>();
        if (!spec.isBlank()) {
            for (String p : spec.split(";")) {
                String[] f = p.trim().split(" ");
                list.add(new ProvisionPeriod(Provision.valueOf(f[0]), LocalDate.parse(f[1]),
                        f.length > 2 ? LocalDate.parse(f[2]) : null, null, null, null));
            }
        }
        return list;
    }

    static String describe(List<SenHistory.Entry> entries) {
        return String.join(";", entries.stream().map(e -> e.provision() + " " + e.startDate()).toList());
    }

    static String describe(SenHistory.Transferred t) {
        List<String> parts = new ArrayList<>();
        t.closed().forEach(p -> parts.add(p.code() + " " + p.start() + " " + p.end() + " (" + p.endReason() + ")"));
        parts.add("now " + t.current() + (t.currentSince() == null ? "" : " since " + t.currentSince()));
        return String.join("; ", parts);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "                                          | now N",
            "K 2020-09-01                              | now K since 2020-09-01",
            "K 2020-09-01;E 2022-01-10                 | K 2020-09-01 2022-01-10 (Changed to E); now E since 2022-01-10",
            "K 2020-09-01;N 2021-07-01                 | K 2020-09-01 2021-07-01 (No longer on the SEN register); now N since 2021-07-01",
            "E 2022-01-10;K 2020-09-01                 | K 2020-09-01 2022-01-10 (Changed to E); now E since 2022-01-10",
            "K 2020-09-01;K 2021-09-01                 | now K since 2020-09-01",
            "K 2020-09-01;N 2021-07-01;N 2022-01-01    | K 2020-09-01 2021-07-01 (No longer on the SEN register); now N since 2021-07-01",
            "N 2019-09-01;K 2020-09-01                 | now K since 2020-09-01",
            "A 2012-09-03;P 2013-09-02;K 2015-09-01    | A 2012-09-03 2013-09-02 (Changed to P); P 2013-09-02 2015-09-01 (Changed to K); now K since 2015-09-01",
    })
    void readsCtfEntriesAsPeriods(String entries, String expected) {
        assertEquals(expected, describe(SenHistory.fromEntries(entries(entries == null ? "" : entries))));
    }

    static Stream<Arguments> exports() {
        return Stream.of(
                Arguments.of("open provision", "K 2020-09-01", null, "K 2020-09-01"),
                Arguments.of("changed K to E", "K 2020-09-01 2022-01-10;E 2022-01-10", null, "K 2020-09-01;E 2022-01-10"),
                Arguments.of("came off the register while on roll", "K 2020-09-01 2021-07-01", null,
                        "K 2020-09-01;N 2021-07-01"),
                Arguments.of("closed when the pupil left: taken to the next school", "K 2020-09-01 2026-07-22",
                        LocalDate.of(2026, 7, 22), "K 2020-09-01"),
                Arguments.of("came off before leaving", "K 2020-09-01 2025-07-01", LocalDate.of(2026, 7, 22),
                        "K 2020-09-01;N 2025-07-01"),
                Arguments.of("a gap, then E, closed at leaving",
                        "K 2020-09-01 2021-07-01;E 2022-01-10 2026-07-22", LocalDate.of(2026, 7, 22),
                        "K 2020-09-01;N 2021-07-01;E 2022-01-10"),
                Arguments.of("a period of no days left out", "K 2022-01-10 2022-01-10;E 2022-01-10", null,
                        "E 2022-01-10"),
                Arguments.of("unordered input", "E 2022-01-10;K 2020-09-01 2022-01-10", null, "K 2020-09-01;E 2022-01-10"),
                Arguments.of("no provision", "", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void writesPeriodsAsCtfEntries(String name, String periods, LocalDate left, String expected) {
        assertEquals(expected, describe(SenHistory.toEntries(periods(periods), left)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void anExportReadBackGivesTheSameHistory(String name, String periods, LocalDate left, String expected) {
        List<SenHistory.Entry> written = SenHistory.toEntries(periods(periods), left);
        SenHistory.Transferred read = SenHistory.fromEntries(written);
        assertEquals(written, SenHistory.toEntries(all(read), null));
    }

    private static List<ProvisionPeriod> all(SenHistory.Transferred t) {
        List<ProvisionPeriod> list = new ArrayList<>(t.closed());
        if (t.current() != Provision.N) {
            list.add(ProvisionPeriod.open(t.current(), t.currentSince(), null, null));
        }
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "K 2020-09-01;E 2022-01-10 | ''",
            "K 2027-01-01              | SENhistory/SEN[1]/StartDate: must not be in the future",
            "K 2009-09-01              | SENhistory/SEN[1]/StartDate: must not be before the date of birth",
            "K 2020-09-01;E 2020-09-01 | SENhistory/SEN[2]/StartDate: SEN[1] starts on the same day (2020-09-01)",
    })
    void checksEntries(String entries, String expected) {
        List<Violation> v = SenHistory.check(entries(entries), LocalDate.of(2016, 3, 14), LocalDate.of(2026, 11, 23));
        assertEquals(expected, String.join("; ", v.stream().map(x -> x.field() + ": " + x.reason()).toList()));
    }
}
