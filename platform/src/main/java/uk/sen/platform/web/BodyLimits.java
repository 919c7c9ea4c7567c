package uk.sen.platform.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import uk.sen.platform.problem.Problem;

/**
 * Request sizes, each refused with a problem the client can read before anything else happens. A JSON body is a
 * form's worth of data: one larger than {@code sen.http.max-json-body} (1 MB unless set) is a 413 before a byte of it
 * is read. File uploads (CSV, XML) have limits of their own, per import, in the service that reads them; the
 * server-wide {@code quarkus.http.limits.max-body-size} stays the ceiling of all. An address (path and query) over
 * {@code sen.http.max-uri} is a 414 and headers over {@code sen.http.max-headers} a 431. The HTTP server's own limits
 * sit above these (64 KB each, in the platform's configuration), so the server's bare answer without a body is left
 * for requests no client makes by mistake.
 */
@ApplicationScoped
public class BodyLimits {

    @ConfigProperty(name = "sen.http.max-json-body", defaultValue = "1M")
    MemorySize maxJsonBody;

    @ConfigProperty(name = "sen.http.max-uri", defaultValue = "8K")
    MemorySize maxUri;

    @ConfigProperty(name = "sen.http.max-headers", defaultValue = "16K")
    MemorySize maxHeaders;

    void register(@Observes Filters filters, ObjectMapper json) {
        long limit = maxJsonBody.asLongValue();
        long uriLimit = maxUri.asLongValue();
        long headerLimit = maxHeaders.asLongValue();
        filters.register(rc -> {
            if (rc.request().uri().length() > uriLimit) {
                refuse(rc, json, 414, "URI too long", "The address (path and query) may be at most " + uriLimit / 1024
                        + " KB.");
                return;
            }
            if (headerBytes(rc) > headerLimit) {
                refuse(rc, json, 431, "Request headers too large", "The request's headers may be at most "
                        + headerLimit / 1024 + " KB together.");
                return;
            }
            String type = rc.request().getHeader("Content-Type");
            String length = rc.request().getHeader("Content-Length");
            if (type != null && type.contains("json") && length != null && declaredOver(length, limit)) {
                refuse(rc, json, 413, "Body too large", "A JSON body may be at most " + limit / 1024 + " KB.");
                return;
            }
            rc.next();
        }, 200);
    }

    private static long headerBytes(RoutingContext rc) {
        long bytes = 0;
        for (var header : rc.request().headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private static boolean declaredOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext rc, ObjectMapper json, int status, String title, String detail) {
        // the instance is left out: an address too long to take is not one to echo back
        Problem body = new Problem("urn:uk-sen:problem:too-large", title, status, detail,
                status == 414 ? null : rc.request().path(), List.of(), null);
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Connection", "close").end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(status).end();
        }
    }
}
