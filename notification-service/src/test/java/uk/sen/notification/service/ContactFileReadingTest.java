package uk.sen.notification.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.sen.notification.domain.Csv;
import uk.sen.platform.io.LimitedInputStream;
import uk.sen.platform.io.Utf8Reader;

/** How an uploaded contacts file is read: strict UTF-8, counted bytes, records one at a time. */
class ContactFileReadingTest {

    static List<Csv.Record> readAll(Csv csv) throws IOException {
        List<Csv.Record> records = new ArrayList<>();
        for (Csv.Record r = csv.next(); r != null; r = csv.next()) {
            records.add(r);
        }
        return records;
    }

    static Csv csv(byte[] bytes, long limit) {
        return new Csv(new Utf8Reader(new LimitedInputStream(new ByteArrayInputStream(bytes), limit)), 100);
    }

    @ParameterizedTest(name = "bad bytes on line {1}")
    @CsvSource({ "'a,b\nZo\u00e9,2\n', 2", "'a,b\n1,2\n3,\"Zo\u00e9\nx\"\n', 3", "'Zo\u00e9\n', 1" })
    void failsOnTheLineHoldingBytesThatAreNotUtf8(String text, int line) {
        Csv csv = csv(text.getBytes(StandardCharsets.ISO_8859_1), Long.MAX_VALUE);
        assertThrows(MalformedInputException.class, () -> readAll(csv));
        assertEquals(line, csv.line());
    }

    @Test
    void readsUtf8WhateverTheChunksItArrivesIn() throws IOException {
        // multi-byte characters across every read boundary, a byte at a time
        String name = "Zoé Ōkubo Ørsted 😀".repeat(2000);
        byte[] bytes = ("name\n" + name + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        Csv csv = new Csv(new Utf8Reader(trickle), 100);
        assertEquals(List.of(new Csv.Record(1, List.of("name")), new Csv.Record(2, List.of(name))), readAll(csv));
        // and the same as the JDK's decoder reads it
        try (Reader jdk = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            assertEquals(readAll(csv(bytes, Long.MAX_VALUE)), readAll(new Csv(jdk, 100)));
        }
    }

    @Test
    void aTruncatedCharacterAtTheEndIsNotUtf8() {
        byte[] bytes = { 'a', '\n', (byte) 0xC3 };
        Csv csv = csv(bytes, Long.MAX_VALUE);
        assertThrows(MalformedInputException.class, () -> readAll(csv));
        assertEquals(2, csv.line());
    }

    @ParameterizedTest(name = "{0} bytes, limit {1}")
    @CsvSource({ "100, 100, false", "101, 100, true", "20000, 8192, true", "0, 0, false" })
    void countsTheBytesAsTheyAreRead(int size, long limit, boolean refused) throws IOException {
        byte[] bytes = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
        if (refused) {
            assertThrows(LimitedInputStream.TooLarge.class, () -> readAll(csv(bytes, limit)));
        } else {
            readAll(csv(bytes, limit));
        }
    }

    @Test
    void refusesALineWithMoreFieldsThanAnyContactsFileHas() throws IOException {
        Csv csv = new Csv(new StringReader("a,b\n" + ",".repeat(100) + "\n"), 100);
        Csv.CsvException e = assertThrows(Csv.CsvException.class, () -> readAll(csv));
        assertEquals(2, e.line);
        assertEquals(100, readAll(new Csv(new StringReader(",".repeat(99)), 100)).get(0).fields().size());
    }
}
