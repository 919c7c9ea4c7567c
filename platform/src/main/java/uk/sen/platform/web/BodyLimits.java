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
 * A JSON body is a form's worth of data: one larger than {@code sen.http.max-json-body} (1 MB unless set) is refused
 * with a 413 problem before a byte of it is read. File uploads (CSV, XML) have limits of their own, per import, in
 * the service that reads them; the server-wide {@code quarkus.http.limits.max-body-size} stays the ceiling of all.
 */
@ApplicationScoped
public class BodyLimits {

    @ConfigProperty(name = "sen.http.max-json-body", defaultValue = "1M")
    MemorySize maxJsonBody;

    void register(@Observes Filters filters, ObjectMapper json) {
        long limit = maxJsonBody.asLongValue();
        filters.register(rc -> {
            String type = rc.request().getHeader("Content-Type");
            String length = rc.request().getHeader("Content-Length");
            if (type != null && type.contains("json") && length != null && declaredOver(length, limit)) {
                refuse(rc, json, limit);
                return;
            }
            rc.next();
        }, 200);
    }

    private static boolean declaredOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext rc, ObjectMapper json, long limit) {
        Problem body = new Problem("urn:uk-sen:problem:too-large", "Body too large", 413,
                "A JSON body may be at most " + limit / 1024 + " KB.", rc.request().path(), List.of(), null);
        try {
            rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Connection", "close").end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(413).end();
        }
    }
}
