package uk.sen.register.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import uk.sen.platform.testing.EventSchemas;

/** The published schemas accept the register's events and refuse what consumers could not rely on. */
class RegisterEventSchemaTest {

    static final String SNAPSHOT = """
            {"pupilId":"7c1e4a55-5d0e-4c9a-9a51-4a1f3e2b6c10","upn":"H801200001001","trustId":"northbridge","schoolUrn":"900101","laCode":"801",
             "schoolPhase":"PRIMARY","schoolHighestAge":11,
             "dateOfBirth":"2016-03-14","ncYear":"4","provision":"%s","provisionStartDate":%s,"issuingLa":null,
             "planIssueDate":null,"needs":%s,"previousProvision":%s,"endDate":%s,"endReason":%s,"changedFields":%s}""";

    static String event(String provision, String start, String needs, String previous, String end, String reason,
            String changed) {
        return SNAPSHOT.formatted(provision, start, needs, previous, end, reason, changed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pupil-added | N | null | [] | null | null | null | []",
            "pupil-registered | K | \"2026-09-07\" | [{\"rank\":1,\"code\":\"SLCN\",\"area\":\"COMMUNICATION_AND_INTERACTION\"}] | \"N\" | null | null | []",
            "provision-changed | E | \"2026-11-02\" | [{\"rank\":1,\"code\":\"ASD\",\"area\":\"COMMUNICATION_AND_INTERACTION\"}] | \"K\" | null | null | []",
            "needs-changed | K | \"2026-09-07\" | [{\"rank\":1,\"code\":\"DS\",\"area\":\"COGNITION_AND_LEARNING\"}] | null | null | null | [\"needs\"]",
            "pupil-left-register | N | null | [] | \"K\" | \"2026-11-20\" | \"Needs met\" | []",
            "pupil-details-changed | K | \"2026-09-07\" | [] | null | null | null | [\"ncYear\"]",
    })
    void acceptsEachEventType(String type, String provision, String start, String needs, String previous, String end,
            String reason, String changed) {
        EventSchemas.assertValid("register", type, event(provision, start, needs, previous, end, reason, changed));
    }

    @Test
    void refusesEventsConsumersCouldNotRelyOn() {
        String unknownNeed = event("K", "\"2026-09-07\"", "[{\"rank\":1,\"code\":\"XYZ\",\"area\":\"NONE\"}]", "\"N\"",
                "null", "null", "[]");
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid("register", "pupil-registered", unknownNeed));
        String leftWithNeeds = event("N", "null", "[{\"rank\":1,\"code\":\"ASD\",\"area\":\"NONE\"}]", "\"K\"",
                "\"2026-11-20\"", "\"x\"", "[]");
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid("register", "pupil-left-register", leftWithNeeds));
        String addedWithProvision = event("K", "\"2026-09-07\"", "[]", "null", "null", "null", "[]");
        assertThrows(AssertionError.class,
                () -> EventSchemas.assertValid("register", "pupil-added", addedWithProvision));
        String badDate = event("K", "\"07/09/2026\"", "[]", "\"N\"", "null", "null", "[]");
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid("register", "pupil-registered", badDate));
        String badUpn = event("K", "\"2026-09-07\"", "[]", "\"N\"", "null", "null", "[]")
                .replace("H801200001001", "Jo Sample");
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid("register", "pupil-registered", badUpn));
    }
}
