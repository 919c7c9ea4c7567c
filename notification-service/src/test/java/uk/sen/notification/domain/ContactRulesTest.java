package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.platform.problem.Violation;

/** What a contact must be, with the field and reason for each refusal. */
class ContactRulesTest {

    static ContactInput parent(String relationship, Boolean pr, String email, String mobile, String channel) {
        return new ContactInput("PARENT_CARER", "Sam Taylor", relationship, pr, null, null, email, mobile, null, null,
                null, null, channel);
    }

    static ContactInput agency(String agency, String relationship, String email, String channel) {
        return new ContactInput("AGENCY", "Dr Priya Shah", relationship, null, agency, "Northbridge NHS Trust", email,
                null, null, null, null, null, channel);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("unknown relationship", parent("AUNTIE", true, "sam@example.org", null, "EMAIL"),
                        List.of(new Violation("relationship", "unknown value 'AUNTIE' (one of "
                                + ContactRules.allowed(Relationship.class) + ")"))),
                Arguments.of("parental responsibility missing", parent("MOTHER", null, "sam@example.org", null, "EMAIL"),
                        List.of(new Violation("parentalResponsibility", "is required for a parent or carer (true or false)"))),
                Arguments.of("invalid email", parent("MOTHER", true, "sam.example.org", null, "EMAIL"),
                        List.of(new Violation("email", "is not an email address (no @), e.g. name@example.org"))),
                Arguments.of("landline as mobile", parent("FATHER", false, null, "020 7946 0123", "SMS"),
                        List.of(new Violation("mobile", "is not a UK mobile number (e.g. 07700 900123 or +44 7700 900123)"))),
                Arguments.of("SMS preferred without a mobile", parent("CARER", true, "sam@example.org", null, "SMS"),
                        List.of(new Violation("preferredChannel", "SMS needs a mobile number"))),
                Arguments.of("unknown channel", parent("CARER", true, "sam@example.org", null, "PIGEON"),
                        List.of(new Violation("preferredChannel", "unknown value 'PIGEON' (one of EMAIL, SMS, POST)"))),
                Arguments.of("agency with a relationship", agency("CAMHS", "MOTHER", "c@nhs.example", "EMAIL"),
                        List.of(new Violation("relationship", "is only for PARENT_CARER contacts"))),
                Arguments.of("unknown agency", agency("POLICE", null, "c@nhs.example", "EMAIL"),
                        List.of(new Violation("agency", "unknown value 'POLICE' (one of "
                                + ContactRules.allowed(Agency.class) + ")"))),
                Arguments.of("no kind", new ContactInput(null, "Sam", null, null, null, null, "s@example.org", null,
                        null, null, null, null, "EMAIL"),
                        List.of(new Violation("kind", "is required (one of PARENT_CARER, AGENCY)"))),
                Arguments.of("address without postcode", new ContactInput("PARENT_CARER", "Sam", "MOTHER", true, null,
                        null, null, null, "1 High Street", null, "Northbridge", null, "POST"),
                        List.of(new Violation("postcode", "is required when an address is given"))),
                Arguments.of("bad postcode", new ContactInput("PARENT_CARER", "Sam", "MOTHER", true, null, null, null,
                        null, "1 High Street", null, null, "NB1 2AC", "POST"),
                        List.of(new Violation("postcode", "is not a UK postcode (e.g. NB1 2AB)"))),
                Arguments.of("name with a line break", new ContactInput("PARENT_CARER", "Sam\nTaylor", "MOTHER", true,
                        null, null, "s@example.org", null, null, null, null, null, "EMAIL"),
                        List.of(new Violation("name", "must not contain control characters or line breaks"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithTheFieldAndReason(String why, ContactInput input, List<Violation> expected) {
        ContactRules.Checked checked = ContactRules.check(input);
        assertEquals(expected, checked.violations());
        assertEquals(null, checked.contact());
    }

    @Test
    void normalisesWhatItStores() {
        ContactRules.Checked checked = ContactRules.check(new ContactInput(" parent_carer ", "  Sam Taylor ", "step parent",
                false, null, null, "Sam@Example.ORG", "07700 900123", "1 High Street", null, "Northbridge", "nb1 2ab",
                "sms"));
        assertTrue(checked.valid(), checked.violations().toString());
        ContactRules.ValidContact c = checked.contact();
        assertEquals(ContactKind.PARENT_CARER, c.kind());
        assertEquals("Sam Taylor", c.name());
        assertEquals(Relationship.STEP_PARENT, c.relationship());
        assertEquals(false, c.parentalResponsibility());
        assertEquals("Sam@example.org", c.email());
        assertEquals("+447700900123", c.mobile());
        assertEquals("NB1 2AB", c.postcode());
        assertEquals(Channel.SMS, c.preferredChannel());
        assertTrue(c.reachableBy(Channel.POST));
    }

    @Test
    void anAgencyContactNeedsNoParentalFields() {
        ContactRules.Checked checked = ContactRules.check(agency("speech and language therapy", null,
                "p.shah@nhs.example", "EMAIL"));
        assertTrue(checked.valid(), checked.violations().toString());
        assertEquals(Agency.SPEECH_AND_LANGUAGE_THERAPY, checked.contact().agency());
        assertEquals(null, checked.contact().parentalResponsibility());
    }
}
