package uk.sen.review.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import uk.sen.platform.io.ICalendarText;
import uk.sen.review.domain.ICalendar.AllDayEvent;

class ICalendarTest {

    static final Instant STAMP = Instant.parse("2026-11-23T09:05:07Z");

    @Test
    void escapesText() {
        assertEquals("plain text", ICalendarText.escape("plain text"));
        assertEquals("a\\, b\\; c", ICalendarText.escape("a, b; c"));
        assertEquals("back\\\\slash", ICalendarText.escape("back\\slash"));
        assertEquals("line one\\nline two", ICalendarText.escape("line one\nline two"));
        assertEquals("windows\\nline", ICalendarText.escape("windows\r\nline"));
        assertEquals("old mac\\nline", ICalendarText.escape("old mac\rline"));
        assertEquals("tab\tkept\\, bell dropped", ICalendarText.escape("tab\tkept, bell\u0007 dropped"));
        assertEquals("", ICalendarText.escape(null));
    }

    @Test
    void foldsLongLinesAtSeventyFiveOctetsWithoutSplittingCharacters() {
        String ascii = "SUMMARY:" + "x".repeat(200);
        String folded = ICalendarText.fold(ascii);
        String[] lines = folded.split("\r\n");
        assertEquals(75, lines[0].getBytes(StandardCharsets.UTF_8).length);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(" "), "continuation starts with a space");
            assertTrue(lines[i].getBytes(StandardCharsets.UTF_8).length <= 75);
        }
        assertEquals(ascii, unfold(folded));

        // 'é' is two octets and '€' three: a line may end short rather than cut one in half
        String multi = "DESCRIPTION:" + "é€".repeat(40);
        String foldedMulti = ICalendarText.fold(multi);
        for (String line : foldedMulti.split("\r\n")) {
            byte[] octets = line.getBytes(StandardCharsets.UTF_8);
            assertTrue(octets.length <= 75, "line of " + octets.length + " octets");
            assertEquals(line, new String(octets, StandardCharsets.UTF_8), "a character was split");
        }
        assertEquals(multi, unfold(foldedMulti));

        assertEquals("SUMMARY:short", ICalendarText.fold("SUMMARY:short"));
        String exactly75 = "X".repeat(75);
        assertEquals(exactly75, ICalendarText.fold(exactly75));
        assertEquals("X".repeat(75) + "\r\n X", ICalendarText.fold("X".repeat(76)));
    }

    @Test
    void rendersAllDayEventsWithEverythingACalendarNeeds() {
        String ics = ICalendar.render("-//SEN//test//EN", "SEN deadlines", STAMP, List.of(
                new AllDayEvent("d1@review-service.sen", LocalDate.of(2026, 12, 31), "Annual review meeting due - ref 3f2a9c1e",
                        "Pupil reference: 3f2a9c1e-0000-4000-8000-000000000000\nSchool URN: 900101", List.of("SEN", "Deadline")),
                new AllDayEvent("d2@review-service.sen", LocalDate.of(2028, 2, 28), "Final EHC plan due", null, List.of())));

        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        assertFalse(ics.replace("\r\n", "").contains("\n"), "every line ends in CRLF");
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, line);
        }
        List<String> lines = List.of(unfold(ics).split("\r\n"));
        assertEquals(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SEN//test//EN", "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH", "X-WR-CALNAME:SEN deadlines"), lines.subList(0, 6));
        assertEquals(2, lines.stream().filter("BEGIN:VEVENT"::equals).count());
        assertEquals(2, lines.stream().filter("END:VEVENT"::equals).count());
        assertEquals(2, lines.stream().filter("DTSTAMP:20261123T090507Z"::equals).count());
        // all-day: DATE values, and the end is the next day (exclusive), across a year end and a leap day
        assertTrue(lines.contains("DTSTART;VALUE=DATE:20261231"));
        assertTrue(lines.contains("DTEND;VALUE=DATE:20270101"));
        assertTrue(lines.contains("DTSTART;VALUE=DATE:20280228"));
        assertTrue(lines.contains("DTEND;VALUE=DATE:20280229"));
        assertTrue(lines.contains("UID:d1@review-service.sen"));
        assertTrue(lines.contains("SUMMARY:Annual review meeting due - ref 3f2a9c1e"));
        assertTrue(lines.contains("DESCRIPTION:Pupil reference: 3f2a9c1e-0000-4000-8000-000000000000\\nSchool URN: 900101"));
        assertTrue(lines.contains("CATEGORIES:SEN,Deadline"));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("DESCRIPTION")).count(), "no empty DESCRIPTION");
    }

    @Test
    void anEmptyFeedIsStillACalendar() {
        String ics = ICalendar.render("-//SEN//test//EN", "Empty", STAMP, List.of());
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
        assertFalse(ics.contains("VEVENT"));
    }

    /** RFC 5545 unfolding: a CRLF followed by one space or tab is removed. */
    static String unfold(String text) {
        return text.replaceAll("\r\n[ \t]", "");
    }
}
