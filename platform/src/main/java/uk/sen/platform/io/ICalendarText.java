package uk.sen.platform.io;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The content lines of iCalendar (RFC 5545), written once for every calendar the platform produces (review's
 * deadline feed, notification's meeting invitations): CRLF line ends, lines folded at 75 octets without splitting a
 * UTF-8 character, TEXT values and parameter values escaped, dates and time stamps in the basic format.
 */
public final class ICalendarText {

    public static final String CRLF = "\r\n";
    static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendarText() {
    }

    /** Appends one content line, folded, with its CRLF. */
    public static void line(StringBuilder out, String contentLine) {
        out.append(fold(contentLine)).append(CRLF);
    }

    /**
     * Folds a content line so that no physical line is longer than 75 octets: each continuation starts with one
     * space (which counts), and a multi-byte UTF-8 character is never split.
     */
    public static String fold(String contentLine) {
        StringBuilder folded = new StringBuilder(contentLine.length() + 8);
        int octets = 0;
        for (int i = 0; i < contentLine.length();) {
            int cp = contentLine.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                folded.append(CRLF).append(' ');
                octets = 1;
            }
            folded.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        return folded.toString();
    }

    /** A TEXT value: backslash, semicolon and comma escaped, line breaks as \n, other control characters dropped. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                        out.append("\\n");
                    }
                }
                default -> {
                    if (c >= 0x20 && c != 0x7f || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A parameter value: quoted when it holds a colon, semicolon or comma; double quotes cannot appear in it. */
    public static String param(String value) {
        String clean = value.replace("\"", "'").replaceAll("[\\r\\n]", " ");
        return clean.matches(".*[:;,].*") ? "\"" + clean + "\"" : clean;
    }

    /** A DATE value, e.g. 20261209. */
    public static String date(LocalDate date) {
        return DATE.format(date);
    }

    /** A DATE-TIME value in UTC, e.g. 20261209T103000Z. */
    public static String stamp(Instant instant) {
        return STAMP.format(instant);
    }
}
