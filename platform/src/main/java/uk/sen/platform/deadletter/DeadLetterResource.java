package uk.sen.platform.deadletter;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import uk.sen.platform.security.Roles;

/**
 * The API of the dead letters (DeadLetters): trust admins and integrations list them, trust admins replay them.
 */
@Path("/api/v1/dead-letters")
@Tag(name = "Dead letters")
@Blocking
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @GET
    @RolesAllowed({ Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listDeadLetters", summary = "Events this service could not apply, with their replays",
            description = """
                    Each consumer channel has a dead-letter topic (`<topic>.dlq.<service>`) for events it could not \
                    apply after its tries: newest first, at most 500 per topic, those of your trust with their content \
                    and every replay made of them.""")
    public List<DeadLetters.DeadLetter> list() {
        return deadLetters.list();
    }

    @POST
    @Path("/replays")
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayDeadLetters", summary = "Replays one dead letter, or every one of a topic not yet replayed",
            description = """
                    Sends the event again to the consumer that dead-lettered it, as it first arrived; the consumer \
                    applies it at most once however often it is replayed. Name the dead-letter topic, and a partition \
                    and offset for one event; without them every dead letter of your trust on that topic not yet \
                    replayed. Each replay is recorded and audited.""")
    @APIResponse(responseCode = "200", description = "The replays made, each with how it went")
    @APIResponse(responseCode = "404", description = "No dead letter of your trust at that topic, partition and offset")
    public List<DeadLetters.Replay> replay(DeadLetters.ReplayRequest request) {
        return deadLetters.replay(request);
    }
}
