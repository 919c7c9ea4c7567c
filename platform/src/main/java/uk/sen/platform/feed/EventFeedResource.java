package uk.sen.platform.feed;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;

/** The service's events for systems outside the platform: a trust's integrations and apps that sync. */
@Path("/api/v1/events")
@Tag(name = "Event feed")
public class EventFeedResource {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");

    @Inject
    EventFeed feed;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listEvents", summary = "What changed: this service's events after a cursor, in order",
            description = """
                    The events this service published (the CloudEvents its AsyncAPI document describes), oldest first \
                    in the order they were published, limited to your trust (trust administrators and integrations \
                    without a school list) or your schools. Start without after to read from the oldest event kept; \
                    then pass the next of each answer as after. When more is true, ask again at once; otherwise poll \
                    now and then. Events are kept for 7 days by default: a cursor older than that answers 410, and \
                    the client reads the current state from the lists before following the feed again. An event may \
                    come twice (use its id to drop the repeat); a pupil's events come in the order they happened. \
                    The pupils and records the events name are recorded in the audit log.""")
    @APIResponse(responseCode = "200", description = "The events after the cursor and the cursor to use next")
    @APIResponse(responseCode = "410", description = "The cursor is older than the events kept: resync from the lists")
    public FeedPage list(
            @Parameter(description = "The next of the previous answer; leave out to start from the oldest event kept")
            @QueryParam("after") String after,
            @Parameter(description = """
                    Only events of these types, such as uk.sen.register.pupil-registered (repeat the parameter for \
                    several)""") @QueryParam("type") List<String> types,
            @Parameter(description = "Events per answer, 1 to " + EventFeed.MAX_SIZE)
            @QueryParam("size") @DefaultValue("100") @Min(value = 1, message = "must be between 1 and "
                    + EventFeed.MAX_SIZE) @Max(value = EventFeed.MAX_SIZE, message = "must be between 1 and "
                            + EventFeed.MAX_SIZE) int size) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String type : types == null ? List.<String> of() : types) {
            if (type == null || !TYPE.matcher(type).matches()) {
                throw ProblemException.invalid("type", "must be an event type such as uk.sen.register.pupil-registered");
            }
            wanted.add(type);
        }
        if (after != null && (after.isEmpty() || after.length() > 64)) {
            throw ProblemException.invalid("after", "is not a cursor this feed gave (pass the next of a feed page)");
        }
        return feed.after(after, wanted, size);
    }
}
