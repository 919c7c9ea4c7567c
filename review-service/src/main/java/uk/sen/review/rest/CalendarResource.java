package uk.sen.review.rest;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import uk.sen.platform.security.Roles;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.service.CalendarFeeds.Issued;
import uk.sen.review.service.CalendarFeeds;

@Path("/api/v1/calendar")
@Tag(name = "Calendar feed")
public class CalendarResource {

    public static final String TEXT_CALENDAR = "text/calendar";

    public record FeedLink(String url, Instant issuedAt, String trustId, boolean trustWide, Set<String> schools,
            boolean replacedPrevious, String note) {
    }

    @Inject
    CalendarFeeds feeds;

    @Inject
    ReviewConfig config;

    @POST
    @Path("feed-token")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A secret URL of your deadlines and review meetings as a calendar to subscribe to; asking "
            + "again gives a new URL and the old one stops working")
    public Response issue(@Context HttpServerRequest request) {
        Issued issued = feeds.issue();
        // Without a configured public address, the link names the address this connection reached, never the
        // request's Host or X-Forwarded-Host, which a client (or anyone in between) could set to a site of theirs.
        String base = config.calendar().publicBaseUrl().map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
                .orElseGet(() -> (request.isSSL() ? "https://" : "http://") + hostOf(request.localAddress()));
        String url = base + "/api/v1/calendar/" + issued.token() + ".ics";
        FeedLink link = new FeedLink(url, issued.issuedAt(), issued.trustId(), issued.trustWide(), issued.schools(),
                issued.replacedPrevious(), "Keep this link private: anyone with it sees your schools' deadlines "
                        + "(no child names). It covers the schools you have now; ask again after a change.");
        return Response.created(URI.create(url)).entity(link).build();
    }

    private static String hostOf(SocketAddress local) {
        String host = local.hostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + local.port();
    }

    @DELETE
    @Path("feed-token")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "Revoke your calendar feed URL")
    public Response revoke() {
        feeds.revoke();
        return Response.noContent().build();
    }

    @GET
    @Path("{token: [A-Za-z0-9_-]{16,128}}.ics")
    @PermitAll
    @Produces(TEXT_CALENDAR)
    @SecurityRequirementsSet
    @Operation(summary = "The calendar feed (iCalendar) of the user the secret token was issued to; no bearer token")
    public Response feed(@PathParam("token") String token) {
        return Response.ok(feeds.render(token), TEXT_CALENDAR + "; charset=utf-8")
                .header("Cache-Control", "private, max-age=300")
                .header("Content-Disposition", "inline; filename=\"sen-calendar.ics\"")
                .build();
    }
}
