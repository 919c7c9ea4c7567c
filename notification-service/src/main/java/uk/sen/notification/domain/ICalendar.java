package uk.sen.notification.domain;

import static uk.sen.platform.io.ICalendarText.date;
import static uk.sen.platform.io.ICalendarText.escape;
import static uk.sen.platform.io.ICalendarText.line;
import static uk.sen.platform.io.ICalendarText.param;
import static uk.sen.platform.io.ICalendarText.stamp;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An iCalendar (RFC 5545) meeting request (RFC 5546 METHOD:REQUEST) for a review meeting, as an all-day event on the
 * meeting date: review events carry the date only. The UID stays the same for one review, and the sequence grows
 * each time the meeting is set again, so calendars move the entry instead of adding a second one. The content lines
 * are written by the platform's {@link uk.sen.platform.io.ICalendarText} (folding, escaping, CRLF).
 */
public final class ICalendar {

    /** What goes into one invitation. Names and addresses are the organiser's and the attendee's own. */
    public record Meeting(String uid, int sequence, Instant stamp, LocalDate date, String summary, String description,
            String url, String organiserName, String organiserEmail, String attendeeName, String attendeeEmail) {
    }

    public static final String CONTENT_TYPE = "text/calendar; method=REQUEST; charset=UTF-8";

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
        line(out, "DTSTAMP:" + stamp(m.stamp()));
        line(out, "DTSTART;VALUE=DATE:" + date(m.date()));
        line(out, "DTEND;VALUE=DATE:" + date(m.date().plusDays(1)));
        line(out, "SUMMARY:" + escape(m.summary()));
        if (m.description() != null) {
            line(out, "DESCRIPTION:" + escape(m.description()));
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
}
