package uk.sen.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP endpoint on this machine's loopback (for webhook tests) that keeps what it is sent and answers the status it is told. */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /**
         * Whether one of the {@code webhook-signature} values is the Standard Webhooks signature with this secret:
         * {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} with the key in {@code whsec_<base64>}
         * (written here from the specification, not from the sender's code).
         */
        public boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                String signed = header("webhook-id") + "." + header("webhook-timestamp") + "." + body;
                String expected = "v1," + Base64.getEncoder().encodeToString(
                        mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
                return List.of(header("webhook-signature").split(" ")).contains(expected);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                headers.put("method", exchange.getRequestMethod());
                received.add(new Received(headers, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** From now on, answer with this status. */
    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
