package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trigger rule conditions, evaluated against an event's fields. */
class RuleConditionTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Map<String, String> EVENT = Map.of("provision", "K", "previousProvision", "N", "statutory", "true",
            "threshold", "14", "daysLeft", "3", "meetingDate", "2026-12-09", "heldOn", "2026-11-23");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "EMPTY", value = {
            "EMPTY                                  | true",
            "provision=K                            | true",
            "provision=k                            | true",
            "provision=E                            | false",
            "provision!=E                           | true",
            "provision=K and previousProvision=N    | true",
            "provision=K AND previousProvision=E    | false",
            "statutory=true                         | true",
            "statutory=false                        | false",
            "daysLeft<=3                            | true",
            "daysLeft<3                             | false",
            "threshold>3                            | true",
            "meetingDate>=today                     | true",
            "heldOn>=today                          | true",
            "heldOn>today                           | false",
            "meetingDate<=today+16                  | true",
            "meetingDate<=today+15                  | false",
            "heldOn>=today-30                       | true",
            "heldOn>today-0                         | false",
            "provisionStartDate>=today-30           | false",
            "meetingDate<2026-12-01                 | false",
            "decision=MAINTAIN                      | false",
            "decision!=CEASE                        | true",
            "'  provision = K  and  daysLeft >= 1 ' | true" })
    void matches(String condition, boolean expected) {
        assertEquals(expected, RuleCondition.parse(condition).matches(EVENT, TODAY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "provision", "provision==K", "provision=K or provision=E", "'=K'", "provision=K and" })
    void refusesWhatIsNotACondition(String condition) {
        assertThrows(IllegalArgumentException.class, () -> RuleCondition.parse(condition));
    }
}
