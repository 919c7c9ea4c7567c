package uk.sen.register.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.platform.problem.Violation;
import uk.sen.register.domain.SenRules.RankedNeed;

class SenRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final LocalDate DOB = LocalDate.of(2016, 3, 14);

    static List<RankedNeed> needs(String spec) {
        List<RankedNeed> list = new ArrayList<>();
        if (!spec.isBlank()) {
            for (String part : spec.split(" ")) {
                String[] rankCode = part.split(":");
                list.add(new RankedNeed(Integer.valueOf(rankCode[0]), rankCode[1]));
            }
        }
        return list;
    }

    static Stream<Arguments> provisions() {
        LocalDate start = LocalDate.of(2026, 9, 1);
        return Stream.of(
                Arguments.of("K with a primary need", Provision.K, start, "1:SLCN", null, null, false, List.of()),
                Arguments.of("K with primary and secondary", Provision.K, start, "1:ASD 2:SEMH", null, null, false, List.of()),
                Arguments.of("K with NSA", Provision.K, start, "1:NSA", null, null, false, List.of()),
                Arguments.of("K with DS", Provision.K, start, "1:DS", null, null, false, List.of()),
                Arguments.of("E with plan details", Provision.E, start, "1:ASD", "801", start, false, List.of()),
                Arguments.of("K without a need", Provision.K, start, "", null, null, false,
                        List.of("needs")),
                Arguments.of("E without a primary need", Provision.E, start, "2:ASD", "801", start, false,
                        List.of("needs", "needs")),
                Arguments.of("NSA with E", Provision.E, start, "1:NSA", "801", start, false,
                        List.of("needs[0].code")),
                Arguments.of("duplicate ranks", Provision.K, start, "1:SLCN 1:ASD", null, null, false,
                        List.of("needs[1].rank")),
                Arguments.of("rank 3", Provision.K, start, "1:SLCN 3:ASD", null, null, false,
                        List.of("needs[1].rank")),
                Arguments.of("unknown need code", Provision.K, start, "1:XYZ", null, null, false,
                        List.of("needs[0].code")),
                Arguments.of("same need twice", Provision.K, start, "1:ASD 2:ASD", null, null, false,
                        List.of("needs[1].code")),
                Arguments.of("E without LA and issue date", Provision.E, start, "1:ASD", null, null, false,
                        List.of("issuingLa", "planIssueDate")),
                Arguments.of("K with plan details", Provision.K, start, "1:ASD", "801", start, false,
                        List.of("issuingLa", "planIssueDate")),
                Arguments.of("start in the future", Provision.K, TODAY.plusDays(1), "1:ASD", null, null, false,
                        List.of("startDate")),
                Arguments.of("start before birth", Provision.K, DOB.minusDays(1), "1:ASD", null, null, false,
                        List.of("startDate")),
                Arguments.of("N is never opened", Provision.N, start, "", null, null, false,
                        List.of("provision")),
                Arguments.of("legacy S by a user", Provision.S, start, "1:ASD", null, null, false,
                        List.of("provision")),
                Arguments.of("legacy S on import", Provision.S, start, "1:ASD", null, null, true, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("provisions")
    void checksProvisionRules(String name, Provision provision, LocalDate start, String needSpec, String la,
            LocalDate issue, boolean fromImport, List<String> fields) {
        List<Violation> violations = SenRules.checkProvision(provision, start, needs(needSpec), la, issue, DOB, TODAY,
                fromImport);
        assertEquals(fields, violations.stream().map(Violation::field).toList(), violations.toString());
    }

    static Stream<Arguments> pupils() {
        return Stream.of(
                Arguments.of("valid", DOB, "F", "4", List.of()),
                Arguments.of("born tomorrow", TODAY.plusDays(1), "F", "4", List.of("dateOfBirth")),
                Arguments.of("born today", TODAY, "M", "N1", List.of()),
                Arguments.of("older than 25", TODAY.minusYears(27), "M", "14", List.of("dateOfBirth")),
                Arguments.of("unknown sex", DOB, "Q", "4", List.of("sex")),
                Arguments.of("unknown year", DOB, "F", "15", List.of("ncYear")),
                Arguments.of("reception", DOB, "F", "R", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pupils")
    void checksPupilDetails(String name, LocalDate dob, String sex, String year, List<String> fields) {
        List<Violation> violations = SenRules.checkPupil(dob, sex, year, LocalDate.of(2025, 9, 1), null, TODAY);
        assertEquals(fields, violations.stream().map(Violation::field).toList(), violations.toString());
    }
}
