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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
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

    @Schema(description = "Your new calendar feed link: keep it private")
    public record FeedLink(@Schema(description = "The secret URL to subscribe to in a calendar app",
            examples = "https://review.sen.example/api/v1/calendar/example-token-not-a-real-one-000000000000.ics") String url,
            @Schema(description = "When it was issued") Instant issuedAt,
            @Schema(description = "Your trust", examples = "northbridge") String trustId,
            @Schema(description = "It covers every school of the trust") boolean trustWide,
            @Schema(description = "The URNs of the schools it covers (empty when trust-wide)") Set<String> schools,
            @Schema(description = "An earlier link of yours stopped working") boolean replacedPrevious,
            @Schema(description = "How to treat the link") String note) {
    }

    @Inject
    CalendarFeeds feeds;

    @Inject
    ReviewConfig config;

    @POST
    @Path("feed-token")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueCalendarFeedToken",
            summary = "A secret URL of your deadlines and review meetings as a calendar to subscribe to; asking "
                    + "again gives a new URL and the old one stops working",
            description = """
                    Issues you a secret link to a calendar (iCalendar) of your schools' open deadlines and review \
                    meetings, for a phone or calendar app that cannot sign in. It covers the schools you have now (ask \
                    again after a change); asking again replaces the link and the old one stops working. The events \
                    name no child, only a pupil reference. Only a hash of the token is kept. The answer's Location is \
                    the link itself.""")
    @APIResponse(responseCode = "201", description = "Your new feed link",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedLink.class)))
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
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "revokeCalendarFeedToken", summary = "Revoke your calendar feed URL",
            description = "Stops your calendar feed link from working, at once. Answers the same when you had none.")
    @APIResponse(responseCode = "204", description = "Your feed link, if you had one, no longer works")
    public Response revoke() {
        feeds.revoke();
        return Response.noContent().build();
    }

    @GET
    @Path("{token: [A-Za-z0-9_-]{16,128}}.ics")
    @PermitAll
    @Produces(TEXT_CALENDAR)
    @SecurityRequirements
    @Operation(operationId = "getCalendarFeed",
            summary = "The calendar feed (iCalendar) of the user the secret token was issued to; no bearer token",
            description = """
                    The calendar (iCalendar, RFC 5545) behind a feed link: the open deadlines of the schools the \
                    link's user had when it was issued (by default from 90 days overdue to 400 days ahead) and the \
                    review meetings set, as all-day events. No sign-in: the secret token in the path is the key, so \
                    treat the link as a password. A token that is unknown, replaced or revoked answers 404. Each pupil \
                    in the feed is recorded in the audit log against the link's user.""")
    @APIResponse(responseCode = "200", description = "The calendar", content = @Content(mediaType = TEXT_CALENDAR,
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No feed has this token (unknown, replaced or revoked)")
    public Response feed(@Parameter(description = "The secret token of the link") @PathParam("token") String token) {
        return Response.ok(feeds.render(token), TEXT_CALENDAR + "; charset=utf-8")
                .header("Cache-Control", "private, max-age=300")
                .header("Content-Disposition", "inline; filename=\"sen-calendar.ics\"")
                .build();
    }
}
