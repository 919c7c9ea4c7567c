package uk.sen.notification.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it (quoted fields with doubled quotes, commas and line breaks inside quotes), and as
 * spreadsheets save it (a byte order mark, LF or CRLF line ends, a last line with or without a line end). Blank
 * lines are skipped. Each record keeps the line it starts on, for the import report. Records are read one at a time
 * from a {@link Reader}, so a file is never held whole in memory; a record with more fields than {@code maxFields}
 * is refused rather than kept, as a line of nothing but commas would otherwise become millions of strings.
 */
public final class Csv {

    public record Record(int line, List<String> fields) {
    }

    public static class CsvException extends RuntimeException {
        public final int line;

        CsvException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }
    }

    private static final int END = -1;

    private final Reader in;
    private final int maxFields;
    private final char[] buffer = new char[8192];
    private int position;
    private int length;
    private int line = 1;
    private boolean started;

    public Csv(Reader in, int maxFields) {
        this.in = in;
        this.maxFields = maxFields;
    }

    /** All records of a text. */
    public static List<Record> parse(String text) {
        Csv csv = new Csv(new StringReader(text), Integer.MAX_VALUE);
        List<Record> records = new ArrayList<>();
        try {
            for (Record r = csv.next(); r != null; r = csv.next()) {
                records.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** The line being read: after an error of the reader (bytes that are not text, say), the line holding it. */
    public int line() {
        return line;
    }

    /** The next record, or null at the end. */
    public Record next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int recordLine = line;
        int quoteLine = line;
        while (true) {
            int c = read();
            if (c == 0) {
                // PostgreSQL cannot store it, and no contact's details hold it: the file is not what it claims
                throw new CsvException(line, "holds the NUL character (0x00)");
            }
            if (c == END) {
                if (quoted) {
                    throw new CsvException(quoteLine, "a quoted field is not closed");
                }
                if (field.length() > 0 || fieldWasQuoted || !fields.isEmpty()) {
                    return record(recordLine, fields, field);
                }
                return null;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append((char) c);
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || fieldWasQuoted) {
                        throw new CsvException(line, "a quote inside a field that does not start with a quote");
                    }
                    quoted = true;
                    fieldWasQuoted = true;
                    quoteLine = line;
                }
                case ',' -> {
                    if (fields.size() + 1 >= maxFields) {
                        throw new CsvException(recordLine, "has more than " + maxFields + " fields");
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    line++;
                    if (!fields.isEmpty() || field.length() > 0 || fieldWasQuoted) {
                        return record(recordLine, fields, field);
                    }
                    recordLine = line;
                }
                default -> {
                    if (fieldWasQuoted) {
                        throw new CsvException(line, "text after the closing quote of a field");
                    }
                    field.append((char) c);
                }
            }
        }
    }

    private static Record record(int line, List<String> fields, StringBuilder last) {
        fields.add(last.toString());
        return new Record(line, List.copyOf(fields));
    }

    private int peek() throws IOException {
        if (position == length) {
            int n = in.read(buffer, 0, buffer.length);
            while (n == 0) {
                n = in.read(buffer, 0, buffer.length);
            }
            if (n < 0) {
                return END;
            }
            position = 0;
            length = n;
        }
        return buffer[position];
    }

    private int read() throws IOException {
        int c = peek();
        if (c != END) {
            position++;
        }
        return c;
    }
}
