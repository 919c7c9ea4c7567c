package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV as RFC 4180 and spreadsheets write it. */
class CsvTest {

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("simple, LF", "a,b\n1,2\n",
                        List.of(new Csv.Record(1, List.of("a", "b")), new Csv.Record(2, List.of("1", "2")))),
                Arguments.of("CRLF, no final line end", "a,b\r\n1,2",
                        List.of(new Csv.Record(1, List.of("a", "b")), new Csv.Record(2, List.of("1", "2")))),
                Arguments.of("byte order mark", "\uFEFFa,b\n1,2\n",
                        List.of(new Csv.Record(1, List.of("a", "b")), new Csv.Record(2, List.of("1", "2")))),
                Arguments.of("quoted comma and doubled quote", "a,b\n\"Taylor, Sam\",\"say \"\"hi\"\"\"\n",
                        List.of(new Csv.Record(1, List.of("a", "b")),
                                new Csv.Record(2, List.of("Taylor, Sam", "say \"hi\"")))),
                Arguments.of("line break inside quotes keeps line numbers", "a,b\n\"1 High St\nFlat 2\",x\n3,4\n",
                        List.of(new Csv.Record(1, List.of("a", "b")), new Csv.Record(2, List.of("1 High St\nFlat 2", "x")),
                                new Csv.Record(4, List.of("3", "4")))),
                Arguments.of("empty fields", "a,b,c\n,,\n",
                        List.of(new Csv.Record(1, List.of("a", "b", "c")), new Csv.Record(2, List.of("", "", "")))),
                Arguments.of("blank lines skipped", "a\n\n1\n\n",
                        List.of(new Csv.Record(1, List.of("a")), new Csv.Record(3, List.of("1")))),
                Arguments.of("quoted empty field", "\"\"\n", List.of(new Csv.Record(1, List.of("")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void parses(String name, String text, List<Csv.Record> expected) {
        assertEquals(expected, Csv.parse(text));
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("a,b\n\"open,2\n", 2, "a quoted field is not closed"),
                Arguments.of("a,b\n1,x\"y\n", 2, "a quote inside a field that does not start with a quote"),
                Arguments.of("a,b\n\"1\"x,2\n", 2, "text after the closing quote of a field"),
                Arguments.of("a,b\n1,Zo\u0000e\n", 2, "holds the NUL character (0x00)"),
                Arguments.of("a,b\n\"1\",\"x\u0000\"\n", 2, "holds the NUL character (0x00)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("broken")
    void refusesBrokenCsvWithTheLine(String text, int line, String reason) {
        Csv.CsvException e = assertThrows(Csv.CsvException.class, () -> Csv.parse(text));
        assertEquals(line, e.line);
        assertEquals("line " + line + ": " + reason, e.getMessage());
    }
}
