package uk.sen.review.domain;

import static uk.sen.platform.io.ICalendarText.date;
import static uk.sen.platform.io.ICalendarText.escape;
import static uk.sen.platform.io.ICalendarText.line;
import static uk.sen.platform.io.ICalendarText.stamp;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import uk.sen.platform.io.ICalendarText;

/**
 * Writes an iCalendar (RFC 5545) feed of all-day events with the properties every VEVENT needs (UID, DTSTAMP,
 * DTSTART); the content lines are written by the platform's {@link ICalendarText} (folding, escaping, CRLF).
 */
public final class ICalendar {

    /** An all-day event on one date; UID stays the same across feeds so a calendar updates it in place. */
    public record AllDayEvent(String uid, LocalDate date, String summary, String description, List<String> categories) {
    }


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
        String dtstamp = stamp(stamp);
        for (AllDayEvent e : events) {
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + escape(e.uid()));
            line(out, "DTSTAMP:" + dtstamp);
            line(out, "DTSTART;VALUE=DATE:" + date(e.date()));
            // the end of an all-day event is exclusive: the next day
            line(out, "DTEND;VALUE=DATE:" + date(e.date().plusDays(1)));
            line(out, "SUMMARY:" + escape(e.summary()));
            if (e.description() != null && !e.description().isEmpty()) {
                line(out, "DESCRIPTION:" + escape(e.description()));
            }
            if (e.categories() != null && !e.categories().isEmpty()) {
                line(out, "CATEGORIES:" + String.join(",", e.categories().stream().map(ICalendarText::escape).toList()));
            }
            line(out, "TRANSP:TRANSPARENT");
            line(out, "STATUS:CONFIRMED");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }
}
