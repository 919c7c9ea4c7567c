package uk.sen.platform.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8ReaderTest {

    /** Delivers one byte per read, so every multi-byte character is split across reads. */
    static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(1, len));
            }
        };
    }

    /** Reads everything, a few characters at a time; what was read before a failure, then "!" and the failure. */
    static String readAll(InputStream in) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[3];
        try (Reader reader = new Utf8Reader(in)) {
            int n;
            while ((n = reader.read(buffer, 0, buffer.length)) >= 0) {
                text.append(buffer, 0, n);
            }
        } catch (CharacterCodingException e) {
            text.append("!not UTF-8");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name                          | bytes (hex)                  | read
            "ASCII                           | 4b68616e                     | Khan",
            "two-byte letter                 | 42726f6e74c3ab               | Brontë",
            "three-byte character            | e282ac31                     | €1",
            "four-byte character             | f09f9982                     | \uD83D\uDE42",
            "Latin-1 byte: text before kept  | 42726f6e74eb                 | Bront!not UTF-8",
            "cut-off character at the end    | 4142c3                       | AB!not UTF-8",
            "overlong encoding               | 41c0af                       | A!not UTF-8",
            "empty                           | ''                           | ''",
    })
    void decodesStrictUtf8(String name, String hex, String expected) {
        byte[] bytes = HexFormat.of().parseHex(hex == null ? "" : hex);
        assertEquals(expected == null ? "" : expected, readAll(new ByteArrayInputStream(bytes)));
        assertEquals(expected == null ? "" : expected, readAll(trickle(bytes)), "one byte at a time");
    }

    @ParameterizedTest
    @CsvSource({ "8190", "8191", "8192", "8193" })
    void aCharacterAcrossTheBufferBoundaryIsKept(int asciiBefore) {
        String text = "a".repeat(asciiBefore) + "ë€" + "z";
        assertEquals(text, readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @CsvSource({ "1", "5000", "8191", "8192", "20000" })
    void failsOnlyAfterHandingOverEverythingBefore(int validBefore) {
        byte[] valid = "x".repeat(validBefore).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[valid.length + 2];
        System.arraycopy(valid, 0, bytes, 0, valid.length);
        bytes[valid.length] = (byte) 0xff;
        bytes[valid.length + 1] = 'y';
        assertEquals("x".repeat(validBefore) + "!not UTF-8", readAll(new ByteArrayInputStream(bytes)));
        assertThrows(CharacterCodingException.class, () -> {
            try (Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes))) {
                reader.skip(Long.MAX_VALUE);
            }
        });
    }
}
