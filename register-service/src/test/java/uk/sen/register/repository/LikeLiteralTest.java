package uk.sen.register.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikeLiteralTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "o'brien    | o'brien",
            "%          | !%",
            "_          | !_",
            "!          | !!",
            "a%b_c!d    | a!%b!_c!!d",
            "!%         | !!!%",
            "\\         | \\",
    })
    void escapesTheWildcardsAndTheEscapeCharacter(String text, String pattern) {
        assertEquals(pattern, PupilRepository.likeLiteral(text));
    }
}
