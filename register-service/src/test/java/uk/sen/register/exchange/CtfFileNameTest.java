package uk.sen.register.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CtfFileNameTest {

    @ParameterizedTest(name = "{4}")
    @CsvSource(nullValues = "null", value = {
            "801, 2001, 801, 4001, 1, 8012001_CTF_8014001_001.xml",
            "801, 2001, null, null, 12, 8012001_CTF_MMMMMMM_012.xml",
            "380, 2093, 935, 7003, 999, 3802093_CTF_9357003_999.xml",
    })
    void followsTheDfePattern(String la, String estab, String destLa, String destEstab, int number, String name) {
        assertEquals(name, CtfFileName.of(la, estab, destLa, destEstab, number));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "80, 2001, null, null, 1",
            "801, 2001, 801, 40, 1",
            "801, 2001, null, null, 0",
            "801, 2001, null, null, 1000",
    })
    void refusesWhatCannotBeAName(String la, String estab, String destLa, String destEstab, int number) {
        assertThrows(IllegalArgumentException.class, () -> CtfFileName.of(la, estab, destLa, destEstab, number));
    }
}
