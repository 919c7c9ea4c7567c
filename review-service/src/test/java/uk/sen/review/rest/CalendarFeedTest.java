package uk.sen.review.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.sen.platform.testing.Tokens;

/** The calendar feed a SENCO subscribes to from a phone: a secret URL, valid iCalendar, their schools only. */
@QuarkusTest
class CalendarFeedTest {

    static final String SENCO = "senco.harbour";
    static final LocalDate TODAY = AnnualReviewLifecycleTest.TODAY;

    static String issue(String user) {
        return given().auth().oauth2(Tokens.of(user)).post("/api/v1/calendar/feed-token").then().statusCode(201)
                .body("url", containsString("/api/v1/calendar/")).body("url", endsWith(".ics"))
                .extract().path("url");
    }

    /** The path of a feed URL, fetched with no Authorization header at all, as a phone would. */
    static Response fetch(String url) {
        return given().get(URI.create(url).getPath());
    }

    @Test
    void aSencoSubscribesToTheirSchoolsDeadlinesAndMeetings() {
        String pupil = UUID.randomUUID().toString();
        AnnualReviewLifecycleTest.registerEvent(pupil, "uk.sen.register.pupil-registered", "E", "4", "PRIMARY",
                TODAY.minusMonths(10));
        String review = AnnualReviewLifecycleTest.awaitOpenReview(pupil);
        LocalDate meeting = TODAY.plusDays(21);
        given().auth().oauth2(Tokens.of(SENCO)).contentType(ContentType.JSON)
                .header("If-Match", AnnualReviewLifecycleTest.etag(review))
                .body("{\"meetingDate\":\"" + meeting + "\",\"invitees\":" + AnnualReviewLifecycleTest.INVITEES + "}")
                .put("/api/v1/reviews/" + review + "/meeting").then().statusCode(200);
        String deadline = given().auth().oauth2(Tokens.of(SENCO)).queryParam("within", 366).queryParam("size", 200)
                .get("/api/v1/deadlines").then().statusCode(200)
                .extract().path("items.find { it.sourceId == '" + review + "' && it.step == 'INVITATIONS' }.deadlineId");

        String url = issue(SENCO);
        Response feed = fetch(url);
        feed.then().statusCode(200).contentType(startsWith("text/calendar"));
        String ics = feed.asString();
        List<Map<String, String>> events = parse(ics);

        Map<String, String> invitations = find(events, deadline + "@review-service.sen");
        assertEquals(date(meeting.minusWeeks(2)), invitations.get("DTSTART;VALUE=DATE"));
        assertEquals(date(meeting.minusWeeks(2).plusDays(1)), invitations.get("DTEND;VALUE=DATE"));
        assertTrue(invitations.get("SUMMARY").startsWith("Review invitations due"), invitations.get("SUMMARY"));
        assertTrue(invitations.get("SUMMARY").endsWith("ref " + pupil.substring(0, 8)), invitations.get("SUMMARY"));
        Map<String, String> meetingEvent = find(events, "meeting-" + review + "@review-service.sen");
        assertEquals(date(meeting), meetingEvent.get("DTSTART;VALUE=DATE"));
        assertEquals("Annual review meeting - ref " + pupil.substring(0, 8), meetingEvent.get("SUMMARY"));
        // the invitee named "Parent" in the meeting is not in the feed; only references and steps are
        assertFalse(ics.contains("Parent"));

        // Meadow's SENCO gets a feed of Meadow only
        String meadow = fetch(issue("senco.meadow")).then().statusCode(200).extract().asString();
        assertFalse(meadow.contains(review));
        parse(meadow);

        // a wrong token is 404; a new token revokes the old one; revoking leaves none
        fetch(url.replaceAll("/[A-Za-z0-9_-]+\\.ics$", "/" + "A".repeat(43) + ".ics")).then().statusCode(404)
                .contentType("application/problem+json");
        fetch(url.replace(".ics", "x.ics")).then().statusCode(404);
        String rotated = issue(SENCO);
        assertNotEquals(url, rotated);
        fetch(url).then().statusCode(404);
        fetch(rotated).then().statusCode(200).body(containsString(review));
        given().auth().oauth2(Tokens.of(SENCO)).delete("/api/v1/calendar/feed-token").then().statusCode(204);

        // the link names this server, whatever Host or X-Forwarded-Host the request claims
        String link = given().auth().oauth2(Tokens.of(SENCO)).header("Host", "evil.example")
                .header("X-Forwarded-Host", "evil.example").post("/api/v1/calendar/feed-token").then()
                .statusCode(201).extract().path("url");
        assertFalse(link.contains("evil.example"), link);
        fetch(link).then().statusCode(200);
        given().auth().oauth2(Tokens.of(SENCO)).delete("/api/v1/calendar/feed-token").then().statusCode(204);
        fetch(rotated).then().statusCode(404);

        // who may have a feed
        given().post("/api/v1/calendar/feed-token").then().statusCode(401);
        given().auth().oauth2(Tokens.of("teacher.harbour")).post("/api/v1/calendar/feed-token").then().statusCode(403);
        String admin = issue("trust.admin");
        fetch(admin).then().statusCode(200).body(containsString(review));

        // reading the feed is audited against the user it belongs to
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("subjectId", pupil).queryParam("size", 200)
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.actor", org.hamcrest.Matchers.hasItem("trust.admin (calendar feed)"));
    }

    static String date(LocalDate d) {
        return d.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    static Map<String, String> find(List<Map<String, String>> events, String uid) {
        return events.stream().filter(e -> uid.equals(e.get("UID"))).findFirst()
                .orElseThrow(() -> new AssertionError("No event " + uid));
    }

    /**
     * A strict reading of RFC 5545 as far as this feed uses it: CRLF line ends, lines of at most 75 octets, folded
     * lines unfolded, BEGIN/END properly nested, and each VEVENT with UID, DTSTAMP and an all-day DTSTART/DTEND.
     */
    static List<Map<String, String>> parse(String ics) {
        assertTrue(ics.endsWith("\r\n"), "ends with CRLF");
        assertFalse(ics.replace("\r\n", "").contains("\n") || ics.replace("\r\n", "").contains("\r"), "bare LF or CR");
        for (String physical : ics.split("\r\n")) {
            assertTrue(physical.getBytes(StandardCharsets.UTF_8).length <= 75, "line over 75 octets: " + physical);
        }
        List<String> lines = List.of(ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"));
        assertEquals("BEGIN:VCALENDAR", lines.get(0));
        assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
        assertTrue(lines.contains("VERSION:2.0"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("PRODID:")));
        Deque<String> open = new ArrayDeque<>();
        List<Map<String, String>> events = new ArrayList<>();
        Map<String, String> event = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            assertTrue(colon > 0, "not a content line: " + line);
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1);
            if (name.equals("BEGIN")) {
                open.push(value);
                if (value.equals("VEVENT")) {
                    event = new HashMap<>();
                }
            } else if (name.equals("END")) {
                assertEquals(open.pop(), value, "END does not match BEGIN");
                if (value.equals("VEVENT")) {
                    for (String required : List.of("UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY")) {
                        assertTrue(event.containsKey(required), "VEVENT without " + required + ": " + event);
                    }
                    assertTrue(event.get("DTSTAMP").matches("\\d{8}T\\d{6}Z"), event.get("DTSTAMP"));
                    assertTrue(event.get("DTSTART;VALUE=DATE").matches("\\d{8}"));
                    events.add(event);
                    event = null;
                }
            } else if (event != null) {
                event.put(name, value);
            }
        }
        assertTrue(open.isEmpty(), "unclosed " + open);
        assertEquals(events.size(), events.stream().map(e -> e.get("UID")).distinct().count(), "UIDs are unique");
        return events;
    }
}
