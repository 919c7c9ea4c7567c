package uk.sen.review.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes an iCalendar (RFC 5545) feed of all-day events: CRLF line ends, content lines folded at 75 octets without
 * splitting a UTF-8 character, TEXT values escaped, and the properties every VEVENT needs (UID, DTSTAMP, DTSTART).
 */
public final class ICalendar {

    /** An all-day event on one date; UID stays the same across feeds so a calendar updates it in place. */
    public record AllDayEvent(String uid, LocalDate date, String summary, String description, List<String> categories) {
    }

    static final String CRLF = "\r\n";
    static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    /**
     * @param prodId  who produced the feed, e.g. {@code -//SEN coordination platform//review-service//EN}
     * @param name    the calendar's display name
     * @param stamp   when the feed was produced (DTSTAMP of every event)
     */
    public static String render(String prodId, String name, Instant stamp, List<AllDayEvent> events) {
        StringBuilder out = new StringBuilder(256 + events.size() * 320);
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:" + prodId);
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + escape(name));
        // calendar apps that honour these refresh hourly rather than daily
        line(out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        line(out, "X-PUBLISHED-TTL:PT1H");
        String dtstamp = STAMP.format(stamp);
        for (AllDayEvent e : events) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + escape(e.uid()));
            line(out, "DTSTAMP:" + dtstamp);
            line(out, "DTSTART;VALUE=DATE:" + DATE.format(e.date()));
            // the end of an all-day event is exclusive: the next day
            line(out, "DTEND;VALUE=DATE:" + DATE.format(e.date().plusDays(1)));
            line(out, "SUMMARY:" + escape(e.summary()));
            if (e.description() != null && !e.description().isEmpty()) {
                line(out, "DESCRIPTION:" + escape(e.description()));
            }
            if (e.categories() != null && !e.categories().isEmpty()) {
                line(out, "CATEGORIES:" + String.join(",", e.categories().stream().map(ICalendar::escape).toList()));
            }
            line(out, "TRANSP:TRANSPARENT");
            line(out, "STATUS:CONFIRMED");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void line(StringBuilder out, String contentLine) {
        out.append(fold(contentLine)).append(CRLF);
    }

    /**
     * Folds a content line so that no physical line is longer than 75 octets: each continuation starts with one
     * space (which counts), and a multi-byte UTF-8 character is never split.
     */
    static String fold(String contentLine) {
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
    static String escape(String text) {
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
}
