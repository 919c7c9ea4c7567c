package uk.sen.register.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.sen.platform.io.Utf8Reader;

class CsvReaderTest {

    /** Each record as its fields joined by "|", or "!" + its problem. */
    static List<String> read(Reader in) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvReader csv = new CsvReader(in)) {
            CsvReader.Record r;
            while ((r = csv.next()) != null) {
                out.add(r.number() + ":" + (r.problem() != null ? "!" + r.problem() : String.join("|", r.fields())));
            }
        }
        return out;
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("plain, LF", "a,b,c\n1,2,3\n", List.of("1:a|b|c", "2:1|2|3")),
                Arguments.of("CRLF and no final line end", "a,b\r\n1,2", List.of("1:a|b", "2:1|2")),
                Arguments.of("lone CR ends a line", "a,b\r1,2\r", List.of("1:a|b", "2:1|2")),
                Arguments.of("empty fields", ",x,\n", List.of("1:|x|")),
                Arguments.of("quoted comma, quote and line break", "\"Smith, Jo\",\"say \"\"hi\"\"\",\"two\nlines\"\n",
                        List.of("1:Smith, Jo|say \"hi\"|two\nlines")),
                Arguments.of("empty quoted field", "\"\",a\n", List.of("1:|a")),
                Arguments.of("byte order mark dropped", "\uFEFFUPN,DOB\n", List.of("1:UPN|DOB")),
                Arguments.of("blank line is a record of one empty field", "a\n\nb\n", List.of("1:a", "2:", "3:b")),
                Arguments.of("spaces kept", " a , b \n", List.of("1: a | b ")),
                Arguments.of("text after a closing quote", "\"ab\"c,d\n1,2\n",
                        List.of("1:!value 1 has characters next to its quotes; put the whole value in quotes and "
                                + "double any quote inside it", "2:1|2")),
                Arguments.of("quote inside an unquoted value", "ab\"c,d\n",
                        List.of("1:!value 1 has characters next to its quotes; put the whole value in quotes and "
                                + "double any quote inside it")),
                Arguments.of("unterminated quote", "a,\"bc\n1,2\n",
                        List.of("1:!a quoted value is not closed before the end of the file")),
                Arguments.of("nothing", "", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void readsRecords(String name, String input, List<String> expected) throws IOException {
        assertEquals(expected, read(new StringReader(input)));
    }

    @Test
    void aRecordLongerThanTheLimitIsReportedAndReadingGoesOn() throws IOException {
        String longValue = "x".repeat(CsvReader.MAX_RECORD_CHARS + 10);
        List<String> records = read(new StringReader("a,b\n" + longValue + ",1\n3,4\n"));
        assertEquals(List.of("1:a|b", "2:!the row is longer than 65536 characters", "3:3|4"), records);
    }

    @Test
    void aValueHoldingNulIsReportedAndReadingGoesOn() throws IOException {
        List<String> records = read(new StringReader("a,b\n1,Zo\u0000e\n\"x\u0000\",2\n3,4\n"));
        assertEquals(List.of("1:a|b", "2:!value 2 holds the NUL character (0x00)",
                "3:!value 1 holds the NUL character (0x00)", "4:3|4"), records);
    }

    @Test
    void readsMoreThanOneBufferAcrossQuotedLineBreaks() throws IOException {
        StringBuilder file = new StringBuilder("n,text\n");
        for (int i = 0; i < 5000; i++) {
            file.append(i).append(",\"line one\nline, two\"\n");
        }
        List<String> records = read(new StringReader(file.toString()));
        assertEquals(5001, records.size());
        assertEquals("5001:4999|line one\nline, two", records.get(5000));
    }

    @Test
    void bytesThatAreNotUtf8FailTheRead() {
        byte[] latin1 = "UPN,Surname\nH801200001001,Bront\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvReader csv = new CsvReader(new Utf8Reader(new ByteArrayInputStream(latin1)));
        assertThrows(CharacterCodingException.class, () -> {
            while (csv.next() != null) {
                // reads until the bytes that are not UTF-8
            }
        });
        assertEquals(2, csv.row(), "the row holding the bad bytes");
    }
}
