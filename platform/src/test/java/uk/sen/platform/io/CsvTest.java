package uk.sen.platform.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one CSV writer: cells quoted as RFC 4180 asks, and never a formula for a spreadsheet to run. */
class CsvTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Khan            | Khan",
            "O'Neil, Jo      | \"O'Neil, Jo\"",
            "say \"hi\"      | \"say \"\"hi\"\"\"",
            "=HYPERLINK(1)   | '=HYPERLINK(1)",
            "-Smith          | '-Smith",
            "+44 7700        | '+44 7700",
            "@SUM(1,2)       | \"'@SUM(1,2)\"",
            "-1.5            | -1.5",
            "+2              | +2",
    })
    void writesCellsSafeForSpreadsheets(String value, String cell) {
        assertEquals(cell, Csv.cell(value.strip()));
    }

    @Test
    void aTabOrCarriageReturnFirstIsGuardedAndLineBreaksAreQuoted() {
        assertEquals("'\tcmd", Csv.cell("\tcmd"));
        assertEquals("\"'\rcmd\"", Csv.cell("\rcmd"));
        assertEquals("\"two\nlines\"", Csv.cell("two\nlines"));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void aRowIsCommaSeparatedAndCrlfTerminated() {
        assertEquals("a,\"b,c\",,'=1\r\n", Csv.line(java.util.Arrays.asList("a", "b,c", null, "=1")));
        StringBuilder out = new StringBuilder();
        Csv.row(out, List.of("x"));
        Csv.row(out, List.of("y"));
        assertEquals("x\r\ny\r\n", out.toString());
    }
}
