package uk.sen.notification.delivery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.sen.notification.config.NotificationConfig;

/**
 * The outbound side of webhooks: which endpoints may be called, and the call. An endpoint is HTTPS to a public
 * address (plain HTTP only to this machine's loopback when allowed, for tests and the local stack); its name is
 * resolved again before every call, so a name that later points inside the network is refused then. Redirects are
 * never followed (a 3xx is a failed attempt), and connecting and answering each have a time limit.
 */
@ApplicationScoped
public class WebhookTarget {

    /** What became of one call: the HTTP status, or why there was none. */
    public record Outcome(Integer status, String error) {
        public boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Inject
    NotificationConfig config;

    private volatile HttpClient client;

    /** Why this URL may not be a webhook endpoint, in the user's words; empty when it may. */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > 2000) {
            return Optional.of("must be at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null || !uri.isAbsolute()) {
            return Optional.of("must be an absolute https URL with a host, and no user name or fragment");
        }
        boolean http = scheme.equals("http");
        if (!http && !scheme.equals("https")) {
            return Optional.of("must be an https URL");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        boolean loopbackAllowed = config.webhooks().allowLoopbackHttp();
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() && loopbackAllowed) {
                continue;
            }
            if (!isPublic(address)) {
                return Optional.of("must reach a public address (private, loopback and link-local addresses are "
                        + "refused)");
            }
            if (http) {
                return Optional.of("must be an https URL");
            }
        }
        return Optional.empty();
    }

    /** Posts the body with the headers; never follows a redirect; checks the address again first. */
    public Outcome post(String url, Map<String, String> headers, String body) {
        Optional<String> refused = refusal(url);
        if (refused.isPresent()) {
            return new Outcome(null, "endpoint refused: " + refused.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.webhooks().timeout())
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client().send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(status, status >= 300 && status < 400 ? "redirects are not followed" : null);
        } catch (IOException e) {
            return new Outcome(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(config.webhooks().timeout()).version(HttpClient.Version.HTTP_1_1).build();
            client = c;
        }
        return c;
    }

    /** Not loopback, private, link-local, shared (CGNAT), unique-local, multicast or unspecified. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 192 && second == 0)
                    && !(first == 198 && (second == 18 || second == 19)) && first < 224;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        }
        return false;
    }
}
