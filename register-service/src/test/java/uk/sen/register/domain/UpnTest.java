package uk.sen.register.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpnTest {

    private static boolean englishOrWelshLa(int code) {
        return code >= 200 && code <= 999;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "VALID", value = {
            // valid examples from docs/domain.md, including a temporary UPN
            "H801200001001 | VALID",
            "B801200005001 | VALID",
            "G80120000101A | VALID",
            "A950000178301 | VALID",
            // invalid examples from docs/domain.md
            "Z801200001001 | UPN invalid (wrong check letter at character 1)",
            "A801200005001 | UPN invalid (wrong check letter at character 1)",
            "R247962919251 | UPN invalid (wrong check letter at character 1)",
            // each DfE message
            "''            | UPN missing",
            "H80120000100  | UPN invalid (must be 13 characters)",
            "H8012000010011| UPN invalid (must be 13 characters)",
            "H8012000X1001 | UPN invalid (characters 5-12 not all numeric)",
            "H801200001 01 | UPN invalid (characters 5-12 not all numeric)",
            "H80120000100I | UPN invalid (character 13 not a recognised value)",
            "H80120000100O | UPN invalid (character 13 not a recognised value)",
            "H80120000100S | UPN invalid (character 13 not a recognised value)",
            "H80120000100a | UPN invalid (character 13 not a recognised value)",
            "H1A1200001001 | UPN invalid (characters 2-4 not a recognised LA code)",
            "H101200001001 | UPN invalid (characters 2-4 not a recognised LA code)",
    })
    void validatesWithDfeMessages(String upn, String expected) {
        assertEquals(Optional.ofNullable(expected), Upn.validate(upn, UpnTest::englishOrWelshLa));
    }

    @ParameterizedTest
    @CsvSource({ "H801200001001, H", "B801200005001, B", "G80120000101A, G", "A950000178301, A" })
    void computesTheCheckLetter(String upn, char letter) {
        assertEquals(letter, Upn.checkLetter(upn));
    }

    @ParameterizedTest
    @CsvSource({ "G80120000101A, true", "H801200001001, false" })
    void recognisesTemporaryUpns(String upn, boolean temporary) {
        assertEquals(temporary, Upn.isTemporary(upn));
    }
}
