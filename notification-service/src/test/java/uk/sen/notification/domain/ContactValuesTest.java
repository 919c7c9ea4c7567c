package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Email addresses, UK mobile numbers and postcodes as contacts write them. */
class ContactValuesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "OK", value = {
            "sam.taylor@example.org                    | OK",
            "Sam.Taylor+school@Example.ORG             | OK",
            "o'brien@nhs.example.net                   | OK",
            "a@b.co                                    | OK",
            "x@xn--bcher-kva.xn--p1ai                  | OK",
            "sam.taylor.example.org                    | is not an email address (no @), e.g. name@example.org",
            "sam@@example.org                          | has more than one @",
            "@example.org                              | needs 1 to 64 characters before the @",
            ".sam@example.org                          | has characters before the @ that email does not allow",
            "sam..taylor@example.org                   | has characters before the @ that email does not allow",
            "sam(taylor)@example.org                   | has characters before the @ that email does not allow",
            "sam@                                      | needs a domain after the @, e.g. example.org",
            "sam@localhost                             | needs a full domain after the @, e.g. example.org",
            "sam@example..org                          | has a domain that is not valid (example..org)",
            "sam@-example.org                          | has a domain that is not valid (-example.org)",
            "sam@example.c                             | has a domain that does not end in a real top-level domain (example.c)",
            "sam@example.123                           | has a domain that does not end in a real top-level domain (example.123)",
            "'sam taylor@example.org'                  | must not contain spaces" })
    void emailAddresses(String address, String problem) {
        assertEquals(Optional.ofNullable(problem), EmailAddress.problem(address));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "' sam@Example.ORG '  | sam@example.org",
            "Sam.T@NHS.Example    | Sam.T@nhs.example" })
    void emailAddressesKeepTheMailboxAndLowerTheDomain(String address, String stored) {
        assertEquals(stored, EmailAddress.normalise(address));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NOT_MOBILE", value = {
            "07700 900123        | +447700900123",
            "07700900123         | +447700900123",
            "+44 7700 900123     | +447700900123",
            "+44 (0)7700 900123  | +447700900123",
            "0044 7700 900 123   | +447700900123",
            "447700900123        | +447700900123",
            "07123-456-789       | +447123456789",
            "07911 123456        | +447911123456",
            "07624 123456        | +447624123456",
            "07623 123456        | NOT_MOBILE",
            "07000 123456        | NOT_MOBILE",
            "01632 960123        | NOT_MOBILE",
            "020 7946 0123       | NOT_MOBILE",
            "0770 090 012        | NOT_MOBILE",
            "077009001234        | NOT_MOBILE",
            "+33 6 12 34 56 78   | NOT_MOBILE",
            "7700 900123         | NOT_MOBILE",
            "07700 9OO123        | NOT_MOBILE" })
    void ukMobileNumbers(String written, String e164) {
        assertEquals(Optional.ofNullable(e164), UkMobile.normalise(written));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "INVALID", value = {
            "nb1 2ab    | NB1 2AB",
            "SW1A1AA    | SW1A 1AA",
            "EC1A 1BB   | EC1A 1BB",
            "M1 1AE     | M1 1AE",
            "B33 8TH    | B33 8TH",
            "CR2 6XH    | CR2 6XH",
            "DN55 1PT   | DN55 1PT",
            "GIR 0AA    | GIR 0AA",
            "QA1 1AA    | INVALID",
            "NB1 2AC    | INVALID",
            "NB1        | INVALID",
            "12345      | INVALID" })
    void ukPostcodes(String written, String stored) {
        assertEquals(Optional.ofNullable(stored), UkPostcode.normalise(written));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "07700 900123", "07700 900 123" })
    void theExampleNumberInMessagesIsItselfValid(String example) {
        assertTrue(UkMobile.normalise(example).isPresent());
        assertTrue(UkMobile.normalise(UkMobile.EXAMPLE).isPresent());
    }
}
