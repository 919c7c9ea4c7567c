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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getMessage", summary = "One message: to whom, by which channel, what, and what happened to it",
            description = """
                    One message of the delivery log of your schools: the recipient and the address used, the channel \
                    and provider, the text as sent, its status with the reason when it failed or was suppressed, the \
                    attempts, and the message it resends if it is a resend. Audited.""")
    public MessageView get(@Parameter(description = "The message's id") @PathParam("id") UUID id) {
        return MessageView.of(messages.get(id));
    }

    @POST
    @Path("/{id}/resend")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "resendMessage",
            summary = "Send a message again, as a new message linked to this one, to the recipient's current address",
            description = """
                    Writes the message again as a new message (resendOf names this one), with the same content, to the \
                    recipient as the contacts hold them now: a corrected address or a changed preference is used. The \
                    sharing basis of an agency recipient is checked again, so a resend after consent was withdrawn is \
                    SUPPRESSED, not sent. The old message stays as it was. A message still PENDING or SENDING has not \
                    been tried yet, and one whose recipient has been removed has no one to go to: both are refused \
                    (409). Send an Idempotency-Key so that a retry after a lost answer does not send it twice. \
                    Audited.""")
    @APIResponse(responseCode = "201", description = """
            The new message, waiting to be sent (or FAILED or SUPPRESSED at once, with the reason)""",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MessageView.class)),
            headers = @Header(name = "ETag", description = "Always \"0\": a message has no versions to change",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = """
            The message is still PENDING or SENDING (nothing to resend yet), or its recipient has been removed from \
            the contacts""")
    public Response resend(@Parameter(description = "The id of the message to send again") @PathParam("id") UUID id,
            @Parameter(description = Http.IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING, minLength = 1,
                    maxLength = 200), example = "resend-2f6b1c2e-1")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.create(idempotencyKey, Map.of("resend", id), () -> {
            Message m = messages.resend(id);
            return new Idempotency.Created(URI.create("/api/v1/messages/" + m.id), MessageView.of(m), 0);
        });
    }
}
