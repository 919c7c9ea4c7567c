package uk.sen.notification.support;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

import io.restassured.response.Response;

/**
 * What the local GreenMail server received, read through its API (GET /api/user/{email}/messages). Each test uses
 * its own addresses, so nothing is purged and other tests' mail is never touched.
 */
public final class Mailbox {

    public static final String API = System.getenv().getOrDefault("GREENMAIL_API", "http://127.0.0.1:8025");

    /** One received mail: subject, headers, and its MIME parts decoded. */
    public record Mail(String subject, Map<String, String> headers, List<Part> parts) {

        public String text() {
            return parts.stream().filter(p -> p.contentType().startsWith("text/plain")).map(Part::content)
                    .findFirst().orElse("");
        }

        public Optional<Part> calendar() {
            return parts.stream().filter(p -> p.contentType().startsWith("text/calendar")).findFirst();
        }
    }

    public record Part(String contentType, String content) {
    }

    private Mailbox() {
    }

    public static List<Mail> of(String address) {
        // GreenMail's API is not this service's: its /api/ paths are kept from the service's contract check
        Response response = given().noFilters().baseUri(API).get("/api/user/" + address + "/messages");
        if (response.statusCode() == 400) {
            // GreenMail knows an address once mail arrived for it
            return List.of();
        }
        List<Mail> mails = new ArrayList<>();
        for (Map<String, Object> m : response.then().statusCode(200).extract().jsonPath().<Map<String, Object>> getList("$")) {
            mails.add(parse((String) m.get("subject"), (String) m.get("mimeMessage")));
        }
        return mails;
    }

    /**
     * How long a test waits for a mail. It asserts that the mail comes, not how fast (speed is the benchmarks'):
     * usually within a second or two, but a shared 2-core machine can stall for tens of seconds (one CI run waited in
     * vain for 30 s in two tests running one after the other).
     */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** Waits until the address has received {@code count} mails and returns them. */
    public static List<Mail> await(String address, int count) {
        try {
            Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                    .until(() -> of(address).size() >= count);
        } catch (ConditionTimeoutException e) {
            String diagnosis = diagnosis(address);
            System.err.println(diagnosis);
            throw new AssertionError(count + " mail(s) for a test address did not arrive in " + PATIENCE.toSeconds()
                    + " s; " + diagnosis, e);
        }
        return of(address);
    }

    /**
     * Why a mail did not come, for the test report: the service's messages to the address, what else is due or being
     * sent, and where the senders' threads are.
     */
    static String diagnosis(String address) {
        StringBuilder out = new StringBuilder("messages to it: ");
        try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection()) {
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT status, reason_code, status_reason, attempts, next_attempt_at, claimed_at, created_at
                    FROM message WHERE address = ? ORDER BY created_at""")) {
                q.setString(1, address);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.append('[');
                        for (int i = 1; i <= 7; i++) {
                            out.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(' ');
                        }
                        out.append("] ");
                    }
                }
            }
            out.append("; all messages by status: ");
            try (ResultSet r = c.createStatement().executeQuery("""
                    SELECT status, count(*), count(*) FILTER (WHERE next_attempt_at <= now()), min(next_attempt_at)
                    FROM message GROUP BY status""")) {
                while (r.next()) {
                    out.append(r.getString(1)).append(' ').append(r.getLong(2)).append(" (due ").append(r.getLong(3))
                            .append(", first ").append(r.getString(4)).append(") ");
                }
            }
            try (ResultSet r = c.createStatement().executeQuery("""
                    SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*) FROM pg_stat_activity
                    WHERE datname = current_database()""")) {
                r.next();
                out.append("; sessions waiting on a lock: ").append(r.getLong(1)).append(" of ").append(r.getLong(2));
            }
        } catch (Exception e) {
            out.append("(not readable: ").append(e).append(')');
        }
        out.append("; sender threads: ");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (Arrays.stream(stack).anyMatch(f -> f.getClassName().contains("MessageSender")
                    || f.getClassName().contains("MessagePlanner"))) {
                out.append('\n').append(thread.getName()).append(' ').append(thread.getState());
                Arrays.stream(stack).limit(25).forEach(f -> out.append("\n    at ").append(f));
            }
        });
        return out.toString();
    }

    static Mail parse(String subject, String mime) {
        String[] split = mime.split("\r\n\r\n", 2);
        Map<String, String> headers = headers(split[0]);
        String body = split.length > 1 ? split[1] : "";
        List<Part> parts = new ArrayList<>();
        collect(headers, body, parts);
        return new Mail(subject, headers, parts);
    }

    private static void collect(Map<String, String> headers, String body, List<Part> parts) {
        String type = headers.getOrDefault("content-type", "text/plain");
        if (type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
            if (!b.find()) {
                return;
            }
            String boundary = "--" + b.group(1);
            for (String chunk : body.split(Pattern.quote(boundary))) {
                if (chunk.startsWith("--") || chunk.isBlank()) {
                    continue;
                }
                String trimmed = chunk.startsWith("\r\n") ? chunk.substring(2) : chunk;
                String[] partSplit = trimmed.split("\r\n\r\n", 2);
                collect(headers(partSplit[0]), partSplit.length > 1 ? partSplit[1] : "", parts);
            }
            return;
        }
        String encoding = headers.getOrDefault("content-transfer-encoding", "7bit").toLowerCase(Locale.ROOT);
        String content = switch (encoding) {
            case "base64" -> new String(Base64.getMimeDecoder().decode(body.trim()), StandardCharsets.UTF_8);
            case "quoted-printable" -> quotedPrintable(body);
            default -> body;
        };
        parts.add(new Part(type, content));
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        String unfolded = block.replaceAll("\r\n[ \t]+", " ");
        for (String line : unfolded.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String quotedPrintable(String text) {
        String joined = text.replace("=\r\n", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
