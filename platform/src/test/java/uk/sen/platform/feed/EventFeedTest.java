package uk.sen.platform.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.sen.platform.outbox.OutboxRelay;
import uk.sen.platform.outbox.OutboxWriter;
import uk.sen.platform.testing.Tokens;

/**
 * The event feed: a service's published events, in publication order, for a cursor; limited to the caller's trust and
 * schools; refused with 410 when the cursor is older than the events kept.
 */
@QuarkusTest
class EventFeedTest {

    static final String TOPIC = "test.sen.platform.v1";

    @Inject
    OutboxWriter writer;

    @Inject
    OutboxRelay relay;

    @Inject
    DataSource database;

    /** A type of this test run, so events of other tests and runs never count. */
    final String type = "uk.sen.platform.feed-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void emptyOutbox() throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement("DELETE FROM outbox_event")) {
            st.executeUpdate();
        }
    }

    private String publish(String trust, String school) {
        String subject = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> writer.publish(TOPIC, type, subject, trust, school,
                Map.of("pupilId", subject, "n", 1)));
        return subject;
    }

    private void relayAll() {
        while (relay.relayBatch() > 0) {
            // until the outbox is empty
        }
    }

    private JsonPath feed(String token, String after, int size, int status) {
        var request = given().auth().oauth2(token).queryParam("type", type).queryParam("size", size);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.get("/api/v1/events").then().statusCode(status).extract().jsonPath();
    }

    private static List<String> subjects(JsonPath page) {
        return page.getList("items.subject");
    }

    @Test
    void aCallerReadsItsScopesEventsInPublicationOrderPageByPage() {
        String harbour1 = publish("northbridge", "900101");
        String meadow = publish("northbridge", "900102");
        String riverside = publish("riverside", "900201");
        relayAll();
        String harbour2 = publish("northbridge", "900101"); // a later batch
        relayAll();

        String admin = Tokens.of("trust.admin");
        assertEquals(List.of(harbour1, meadow, harbour2), subjects(feed(admin, null, 100, 200)));
        assertEquals(List.of(harbour1, harbour2), subjects(feed(Tokens.of("senco.harbour"), null, 100, 200)));
        assertEquals(List.of(riverside), subjects(feed(Tokens.of("senco.riverside"), null, 100, 200)));

        // page by page with the cursor; the last answer gives back the cursor it was asked with
        JsonPath first = feed(admin, null, 2, 200);
        assertEquals(List.of(harbour1, meadow), subjects(first));
        assertTrue(first.getBoolean("more"));
        JsonPath second = feed(admin, first.getString("next"), 2, 200);
        assertEquals(List.of(harbour2), subjects(second));
        assertFalse(second.getBoolean("more"));
        String last = second.getString("next");
        JsonPath nothingNew = feed(admin, last, 2, 200);
        assertEquals(List.of(), subjects(nothingNew));
        assertFalse(nothingNew.getBoolean("more"));

        // an event published after the client's last read comes next, from either cursor
        String harbour3 = publish("northbridge", "900101");
        relayAll();
        assertEquals(List.of(harbour3), subjects(feed(admin, last, 2, 200)));
        assertEquals(List.of(harbour3), subjects(feed(admin, nothingNew.getString("next"), 2, 200)));

        // the CloudEvent as on Kafka
        JsonPath one = feed(Tokens.of("senco.harbour"), null, 1, 200);
        assertEquals("1.0", one.getString("items[0].specversion"));
        assertEquals(type, one.getString("items[0].type"));
        assertEquals("northbridge", one.getString("items[0].trustid"));
        assertEquals("900101", one.getString("items[0].schoolurn"));
        assertEquals(harbour1, one.getString("items[0].data.pupilId"));
        assertEquals(1, one.getInt("items[0].data.n"));
    }

    @Test
    void unsentEventsAreNotInTheFeedUntilPublished() {
        String subject = publish("northbridge", "900101");
        assertEquals(List.of(), subjects(feed(Tokens.of("trust.admin"), null, 10, 200)));
        relayAll();
        assertEquals(List.of(subject), subjects(feed(Tokens.of("trust.admin"), null, 10, 200)));
    }

    @Test
    void onlyRolesThatMaySeeTheirTrustsRecordsReadTheFeed() {
        feed(Tokens.la(), null, 10, 403);
        feed(Tokens.of("teacher.harbour"), null, 10, 403);
        given().queryParam("type", type).get("/api/v1/events").then().statusCode(401);
        feed(Tokens.mis(), null, 10, 200);
    }

    @Test
    void aClientThatIsCaughtUpKeepsAFreshCursorHoweverQuietItsSchoolIs() {
        String caughtUp = feed(Tokens.of("senco.harbour"), new FeedCursor(0, 0,
                Instant.now().minus(Duration.ofDays(6))).token(), 10, 200).getString("next");
        FeedCursor stamped = FeedCursor.of(caughtUp);
        assertTrue(stamped.sentAt().isAfter(Instant.now().minus(Duration.ofMinutes(6))), stamped.toString());
    }

    @Test
    void aCursorOlderThanTheEventsKeptIsGoneAndAForgedOneIsRefused() {
        String old = new FeedCursor(1, 1, Instant.now().minus(Duration.ofDays(8))).token();
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("after", old).get("/api/v1/events").then()
                .statusCode(410).contentType("application/problem+json").body("detail", containsString("7 days"));
        String recent = new FeedCursor(1, 1, Instant.now().minus(Duration.ofDays(6))).token();
        feed(Tokens.of("trust.admin"), recent, 10, 200);
        for (String bad : List.of("abc", "not base64!", recent.substring(1), "A".repeat(80))) {
            given().auth().oauth2(Tokens.of("trust.admin")).queryParam("after", bad).get("/api/v1/events").then()
                    .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("after"));
        }
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("type", "Not A Type").get("/api/v1/events").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("trust.admin")).queryParam("size", 501).get("/api/v1/events").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theRecordsTheFeedNamesAreAudited() throws Exception {
        String subject = publish("northbridge", "900101");
        relayAll();
        assertEquals(List.of(subject), subjects(feed(Tokens.of("senco.harbour"), null, 10, 200)));
        List<String> actors = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT actor FROM audit_record WHERE ? = ANY(subject_ids) AND subject_type = 'event-subject'")) {
            st.setString(1, subject);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    actors.add(rs.getString(1));
                }
            }
        }
        assertEquals(List.of("senco.harbour"), actors);
    }
}
