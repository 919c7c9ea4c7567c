package uk.sen.notification.support;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

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

    /** Waits until the address has received {@code count} mails and returns them. */
    public static List<Mail> await(String address, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> of(address).size() >= count);
        return of(address);
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
