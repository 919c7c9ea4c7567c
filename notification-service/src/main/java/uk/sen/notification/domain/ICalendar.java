package uk.sen.notification.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An iCalendar (RFC 5545) meeting request (RFC 5546 METHOD:REQUEST) for a review meeting, as an all-day event on the
 * meeting date: review events carry the date only. The UID stays the same for one review, and the sequence grows
 * each time the meeting is set again, so calendars move the entry instead of adding a second one.
 */
public final class ICalendar {

    /** What goes into one invitation. Names and addresses are the organiser's and the attendee's own. */
    public record Meeting(String uid, int sequence, Instant stamp, LocalDate date, String summary, String description,
            String url, String organiserName, String organiserEmail, String attendeeName, String attendeeEmail) {
    }

    public static final String CONTENT_TYPE = "text/calendar; method=REQUEST; charset=UTF-8";
    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ICalendar() {
    }

    public static String request(Meeting m) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "PRODID:-//SEN coordination platform//notification-service//EN");
        line(out, "VERSION:2.0");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:REQUEST");
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + m.uid());
        line(out, "SEQUENCE:" + m.sequence());
        line(out, "DTSTAMP:" + STAMP.format(m.stamp()));
        line(out, "DTSTART;VALUE=DATE:" + DATE.format(m.date()));
        line(out, "DTEND;VALUE=DATE:" + DATE.format(m.date().plusDays(1)));
        line(out, "SUMMARY:" + text(m.summary()));
        if (m.description() != null) {
            line(out, "DESCRIPTION:" + text(m.description()));
        }
        if (m.url() != null) {
            line(out, "URL:" + m.url());
        }
        line(out, "ORGANIZER;CN=" + param(m.organiserName()) + ":mailto:" + m.organiserEmail());
        line(out, "ATTENDEE;CN=" + param(m.attendeeName())
                + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:" + m.attendeeEmail());
        line(out, "STATUS:CONFIRMED");
        line(out, "TRANSP:TRANSPARENT");
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** A TEXT value: backslash, semicolon, comma and line breaks escaped. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n").replace("\r", "\\n");
    }

    /** A parameter value: quoted when it holds a colon, semicolon or comma; double quotes cannot appear in it. */
    static String param(String value) {
        String clean = value.replace("\"", "'").replaceAll("[\\r\\n]", " ");
        return clean.matches(".*[:;,].*") ? "\"" + clean + "\"" : clean;
    }

    /** Appends one content line, folded at 75 octets without splitting a UTF-8 character. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length();) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append(CRLF);
    }
}
