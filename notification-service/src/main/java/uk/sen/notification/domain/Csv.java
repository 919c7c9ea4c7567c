package uk.sen.notification.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it (quoted fields with doubled quotes, commas and line breaks inside quotes), and as
 * spreadsheets save it (a byte order mark, LF or CRLF line ends, a last line with or without a line end). Blank
 * lines are skipped. Each record keeps the line it starts on, for the import report.
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

    private Csv() {
    }

    public static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int quoteLine = 1;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                i++;
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
                    i++;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                    i++;
                }
                case '\r', '\n' -> {
                    boolean blankLine = fields.isEmpty() && field.length() == 0 && !fieldWasQuoted;
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                    if (!blankLine) {
                        records.add(new Record(recordLine, List.copyOf(fields)));
                    }
                    fields.clear();
                    i += (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
                    line++;
                    recordLine = line;
                }
                default -> {
                    if (fieldWasQuoted) {
                        throw new CsvException(line, "text after the closing quote of a field");
                    }
                    field.append(c);
                    i++;
                }
            }
        }
        if (quoted) {
            throw new CsvException(quoteLine, "a quoted field is not closed");
        }
        if (field.length() > 0 || fieldWasQuoted || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }
}
