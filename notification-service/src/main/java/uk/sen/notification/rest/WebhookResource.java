package uk.sen.notification.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.notification.domain.WebhookSubscription;
import uk.sen.notification.rest.Views.WebhookDeliveryView;
import uk.sen.notification.rest.Views.WebhookView;
import uk.sen.notification.service.WebhookService;
import uk.sen.notification.service.WebhookService.WebhookInput;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;

/** Webhooks for a trust's systems: the register's, reviews' and workload's events, signed, to their endpoints. */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.TRUST_ADMIN, Roles.INTEGRATION })
public class WebhookResource {

    static final String ID = "The subscription's id";

    @Inject
    WebhookService webhooks;

    @Inject
    Idempotency idempotency;

    @GET
    @Operation(operationId = "listWebhooks", summary = "The trust's webhook subscriptions",
            description = """
                    The webhook subscriptions of your trust (an integration limited to some schools sees the ones it \
                    made), oldest first, without their secrets; paged (page from 0, size 1 to 200).""")
    public Page<WebhookView> list(@Valid @BeanParam PageRequest page) {
        return Page.of(webhooks.list(), page, WebhookView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe an endpoint to events (the secret is shown once)",
            description = """
                    Subscribes your endpoint (https, on a public address) to event types of the register, reviews and \
                    workload of your trust (of your schools, for an integration limited to some). Each event is \
                    POSTed as a CloudEvent in JSON, signed as Standard Webhooks asks: webhook-id (the event's id: drop \
                    repeats by it), webhook-timestamp and webhook-signature (v1, HMAC-SHA256 of id.timestamp.body with \
                    the secret in this answer, shown only now). Answer 2xx within 10 seconds; anything else is tried \
                    again, waiting longer each time, for a day; an endpoint that fails for a day has its subscription \
                    disabled and the alert address is told. A pupil's events arrive in order. Redirects are not \
                    followed. Send an Idempotency-Key so that a retry after a lost answer does not subscribe twice.""")
    @APIResponseSchema(value = WebhookView.class, responseCode = "201",
            responseDescription = "The subscription, with its secret (shown this once)")
    public Response create(@Parameter(description = Http.IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING,
            minLength = 1, maxLength = 200), example = "warehouse-hook-1") @HeaderParam(Idempotency.HEADER)
            String idempotencyKey, WebhookInput body) {
        WebhookInput input = Http.requireBody(body);
        return idempotency.create(idempotencyKey, List.of(input), () -> {
            WebhookSubscription s = webhooks.create(input);
            return new Idempotency.Created(URI.create("/api/v1/webhooks/" + s.id), WebhookView.withSecret(s),
                    s.version);
        });
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "One webhook subscription, with its ETag",
            description = """
                    One subscription (without its secret): its endpoint, event types, whether it is enabled and why \
                    not, with the ETag to send as If-Match when you change it.""")
    @APIResponseSchema(value = WebhookView.class, responseCode = "200", responseDescription = "The subscription")
    public Response get(@Parameter(description = ID) @PathParam("id") UUID id) {
        WebhookSubscription s = webhooks.get(id);
        return Http.okWithETag(WebhookView.of(s), s.version);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateWebhook", summary = "Change, disable or enable a webhook subscription",
            description = """
                    Replaces the endpoint, event types, description and alert address; enabled false disables it, \
                    true enables it again (after it was disabled for failing, once the endpoint works): the deliveries \
                    waiting are then sent, in order. The secret stays; rotate it separately.""")
    @APIResponseSchema(value = WebhookView.class, responseCode = "200",
            responseDescription = "The subscription as changed")
    public Response update(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            WebhookInput body) {
        WebhookSubscription s = webhooks.update(id, ifMatch, Http.requireBody(body));
        return Http.okWithETag(WebhookView.of(s), s.version);
    }

    @POST
    @Path("{id}/secret-rotations")
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret (shown once); the old one overlaps",
            description = """
                    Makes a new secret and answers it, this once. For a day (the overlap) each delivery carries two \
                    signatures, one with the new secret and one with the old, so your endpoint verifies with either \
                    while you change it; after that only the new one signs.""")
    @APIResponseSchema(value = WebhookView.class, responseCode = "200",
            responseDescription = "The subscription, with its new secret (shown this once)")
    public Response rotate(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        WebhookSubscription s = webhooks.rotateSecret(id, ifMatch);
        return Http.okWithETag(WebhookView.withSecret(s), s.version);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "removeWebhook", summary = "Remove a webhook subscription and its delivery log",
            description = "Nothing more is sent to the endpoint; deliveries waiting are dropped with the log.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        webhooks.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log of a subscription, newest first",
            description = """
                    Each event sent or being sent to the endpoint: status (PENDING, SENDING, DELIVERED, FAILED), \
                    attempts, the endpoint's last answer, when it is tried next; paged (page from 0, size 1 to 200). \
                    The records the events name are recorded in the audit log.""")
    public Page<WebhookDeliveryView> deliveries(@Parameter(description = ID) @PathParam("id") UUID id,
            @Valid @BeanParam PageRequest page) {
        List<WebhookDeliveryView> items = webhooks.deliveries(id, page.page, page.size).stream()
                .map(WebhookDeliveryView::of).toList();
        return Page.of(items, page, webhooks.countDeliveries(id));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliveries")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send one delivery again",
            description = """
                    Sends the event again, whatever became of it (the same webhook-id and body, newly signed), with a \
                    fresh day of retries: for an event your endpoint lost, or one given up while it was down.""")
    @APIResponseSchema(value = WebhookDeliveryView.class, responseCode = "202",
            responseDescription = "The delivery, due to be sent again")
    public Response redeliver(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = "The delivery's id") @PathParam("deliveryId") UUID deliveryId) {
        return Response.accepted(WebhookDeliveryView.of(webhooks.redeliver(id, deliveryId))).build();
    }
}
