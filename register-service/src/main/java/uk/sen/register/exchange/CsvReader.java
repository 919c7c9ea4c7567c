package uk.sen.register.exchange;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: comma separated, fields optionally in double quotes with {@code ""} for a quote, CRLF or LF
 * line ends, line breaks allowed inside quotes) one record at a time, so a file of any length is read in constant
 * memory. A record longer than {@link #MAX_RECORD_CHARS} or with stray characters around a quoted field is
 * returned with a problem instead of fields, and reading carries on with the next record.
 */
public final class CsvReader implements AutoCloseable {

    /** A record: its 1-based number in the file (the header is 1), and its fields or what is wrong with it. */
    public record Record(long number, List<String> fields, String problem) {

        public boolean isBlank() {
            return problem == null && fields.size() == 1 && fields.get(0).isBlank();
        }
    }

    public static final int MAX_RECORD_CHARS = 65_536;

    private static final int EOF = -1;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long number;
    private long current;
    private boolean started;
    private boolean finished;

    public CsvReader(Reader in) {
        this.in = in;
    }

    /**
     * The number of the record being read, or of the last one returned: after a decoding error, the row holding
     * the bytes that could not be decoded.
     */
    public long row() {
        return current;
    }

    /** The next record, or null at the end of the input. Decoding errors of the reader surface as IOException. */
    public Record next() throws IOException {
        if (finished) {
            return null;
        }
        current = number + 1;
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        if (peek() == EOF) {
            finished = true;
            current = number;
            return null;
        }
        number = current;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String problem = null;
        int length = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            int c = read();
            if (c == EOF) {
                if (quoted) {
                    problem = "a quoted value is not closed before the end of the file";
                }
                finished = true;
                break;
            }
            if (++length > MAX_RECORD_CHARS && problem == null) {
                problem = "the row is longer than " + MAX_RECORD_CHARS + " characters";
            }
            if (c == 0 && problem == null) {
                // PostgreSQL cannot store it and no MIS writes it: the row is refused, the rest of the file goes on
                problem = "value " + (fields.size() + 1) + " holds the NUL character (0x00)";
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append(field, '"', problem);
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    append(field, (char) c, problem);
                }
                continue;
            }
            if (c == ',') {
                if (problem == null) {
                    fields.add(field.toString());
                }
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                break;
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
            } else if (afterQuote || c == '"') {
                if (problem == null) {
                    problem = "value " + (fields.size() + 1) + " has characters next to its quotes; "
                            + "put the whole value in quotes and double any quote inside it";
                }
            } else {
                append(field, (char) c, problem);
            }
        }
        fields.add(field.toString());
        if (problem != null) {
            return new Record(number, List.of(), problem);
        }
        return new Record(number, fields, null);
    }

    private static void append(StringBuilder field, char c, String problem) {
        if (problem == null) {
            field.append(c);
        }
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
