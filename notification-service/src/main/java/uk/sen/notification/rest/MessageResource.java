package uk.sen.notification.rest;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.notification.domain.Message;
import uk.sen.notification.rest.Views.MessageView;
import uk.sen.notification.service.MessageService;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;

/** One message of the delivery log, and resending it. */
@Path("/api/v1/messages")
@Tag(name = "Messages")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    @Inject
    MessageService messages;

    @Inject
    Idempotency idempotency;

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "One message: to whom, by which channel, what, and what happened to it")
    public MessageView get(@PathParam("id") UUID id) {
        return MessageView.of(messages.get(id));
    }

    @POST
    @Path("/{id}/resend")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Send a message again, as a new message linked to this one, to the recipient's current "
            + "address (Idempotency-Key accepted); the sharing basis is checked again")
    public Response resend(@PathParam("id") UUID id,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, Map.of("resend", id), () -> {
            Message m = messages.resend(id);
            return new Idempotency.Created(URI.create("/api/v1/messages/" + m.id), MessageView.of(m), 0);
        });
    }
}
