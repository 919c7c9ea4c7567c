package uk.sen.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.sen.platform.io.ICalendarText;

/** The meeting request sent with review invitations (RFC 5545 / RFC 5546 METHOD:REQUEST). */
class ICalendarTest {

    static final ICalendar.Meeting MEETING = new ICalendar.Meeting("r-1@review-meetings.sen-platform", 2,
            Instant.parse("2026-11-23T10:15:30Z"), LocalDate.of(2026, 12, 9), "Annual review meeting (SEN-7KQ29FXD)",
            "Annual review meeting, reference SEN-7KQ29FXD. Details: https://sen.example.test/reviews/r-1",
            "https://sen.example.test/reviews/r-1", "Ms Jo Patel, SENCO", "senco@harbour.example", "Sam Taylor",
            "sam@example.org");

    @Test
    void rendersAnAllDayMeetingRequest() {
        String ics = ICalendar.request(MEETING);
        assertEquals(String.join("\r\n",
                "BEGIN:VCALENDAR",
                "PRODID:-//SEN coordination platform//notification-service//EN",
                "VERSION:2.0",
                "CALSCALE:GREGORIAN",
                "METHOD:REQUEST",
                "BEGIN:VEVENT",
                "UID:r-1@review-meetings.sen-platform",
                "SEQUENCE:2",
                "DTSTAMP:20261123T101530Z",
                "DTSTART;VALUE=DATE:20261209",
                "DTEND;VALUE=DATE:20261210",
                "SUMMARY:Annual review meeting (SEN-7KQ29FXD)",
                "DESCRIPTION:Annual review meeting\\, reference SEN-7KQ29FXD. Details: https:",
                " //sen.example.test/reviews/r-1",
                "URL:https://sen.example.test/reviews/r-1",
                "ORGANIZER;CN=\"Ms Jo Patel, SENCO\":mailto:senco@harbour.example",
                "ATTENDEE;CN=Sam Taylor;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
                " :mailto:sam@example.org",
                "STATUS:CONFIRMED",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
                "END:VCALENDAR", ""), ics);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "plain                   | plain",
            "a, b; c                 | a\\, b\\; c",
            "back\\slash             | back\\\\slash" })
    void escapesText(String value, String escaped) {
        assertEquals(escaped, ICalendarText.escape(value));
    }

    @Test
    void escapesLineBreaksInText() {
        assertEquals("one\\ntwo\\nthree", ICalendarText.escape("one\ntwo\r\nthree"));
    }

    @Test
    void foldsLongLinesAtSeventyFiveOctetsWithoutSplittingCharacters() {
        StringBuilder out = new StringBuilder();
        String content = "SUMMARY:" + "é".repeat(60);
        ICalendarText.line(out, content);
        String[] lines = out.toString().split("\r\n");
        for (String line : lines) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        StringBuilder unfolded = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(" "));
            unfolded.append(lines[i].substring(1));
        }
        assertEquals(content, unfolded.toString());
    }
}
