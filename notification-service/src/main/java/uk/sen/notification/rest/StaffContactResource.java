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

import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.rest.Views.MessageView;
import uk.sen.notification.rest.Views.StaffContactView;
import uk.sen.notification.service.MessageService;
import uk.sen.notification.service.StaffContactService;
import uk.sen.notification.service.StaffContactService.StaffInput;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;

/** Each school's SENCO and senior leadership contacts, who receive deadline and workload alerts. */
@Path("/api/v1")
@Tag(name = "Staff contacts")
@Produces(MediaType.APPLICATION_JSON)
public class StaffContactResource {

    static final String URN = "The school's URN (6 digits)";
    static final String ID = "The staff contact's id";

    @Inject
    StaffContactService staff;

    @Inject
    MessageService messages;

    @Inject
    Idempotency idempotency;

    @GET
    @Path("/schools/{urn}/staff-contacts")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listStaffContacts", summary = "The school's staff who receive alerts (role SENCO or SLT)",
            description = """
                    The members of a school's staff the service writes to: its SENCO contacts (deadlines approaching \
                    or missed) and senior leadership contacts (statutory deadlines missed, SENCO time over \
                    allocation). SENCO contacts first, each role in the order they were added; paged (page from 0, \
                    size 1 to 200).""")
    public Page<StaffContactView> list(@Parameter(description = URN, example = "900101",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{6}$")) @PathParam("urn") String urn,
            @Valid @BeanParam PageRequest page) {
        return Page.of(staff.list(urn), page, StaffContactView::of);
    }

    @POST
    @Path("/schools/{urn}/staff-contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TRUST_ADMIN })
    @Operation(operationId = "addStaffContact", summary = "Add a staff contact",
            description = """
                    Adds a member of the school's staff who receives alerts from now on: a SENCO contact or a senior \
                    leadership (SLT) contact. A SENCO adds them for their own schools, a trust administrator for any \
                    school of the trust. Send an Idempotency-Key so that a retry after a lost answer does not add them \
                    twice.""")
    @APIResponseSchema(value = StaffContactView.class, responseCode = "201",
            responseDescription = "The staff contact as added")
    public Response create(@Parameter(description = URN, example = "900101",
            schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{6}$")) @PathParam("urn") String urn,
            @Parameter(description = Http.IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = 200), example = "staff-900101-1")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            StaffInput body) {
        StaffInput input = Http.requireBody(body);
        return idempotency.create(idempotencyKey, List.of(urn, input), () -> {
            StaffContact s = staff.create(urn, input);
            return new Idempotency.Created(URI.create("/api/v1/staff-contacts/" + s.id), StaffContactView.of(s),
                    s.version);
        });
    }

    @GET
    @Path("/staff-contacts/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getStaffContact", summary = "One staff contact, with its ETag",
            description = """
                    One member of staff who receives alerts, with the ETag to send as If-Match when you change or \
                    remove them.""")
    @APIResponseSchema(value = StaffContactView.class, responseCode = "200", responseDescription = "The staff contact")
    public Response get(@Parameter(description = ID) @PathParam("id") UUID id) {
        StaffContact s = staff.get(id);
        return Http.okWithETag(StaffContactView.of(s), s.version);
    }

    @PUT
    @Path("/staff-contacts/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TRUST_ADMIN })
    @Operation(operationId = "updateStaffContact", summary = "Change a staff contact",
            description = """
                    Replaces a staff contact's role, name and email address. Alerts not yet sent go to the new \
                    address.""")
    @APIResponseSchema(value = StaffContactView.class, responseCode = "200",
            responseDescription = "The staff contact as changed")
    public Response update(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match")
            String ifMatch, StaffInput body) {
        StaffContact s = staff.update(id, ifMatch, Http.requireBody(body));
        return Http.okWithETag(StaffContactView.of(s), s.version);
    }

    @DELETE
    @Path("/staff-contacts/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TRUST_ADMIN })
    @Operation(operationId = "removeStaffContact", summary = "Remove a staff contact",
            description = """
                    Removes a member of staff from the alerts: alerts to them still waiting are not sent (SUPPRESSED, \
                    CONTACT_REMOVED); the delivery log of what was sent to them is kept.""")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match")
            String ifMatch) {
        staff.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/staff-contacts/{id}/messages")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listStaffContactMessages", summary = "The delivery log of one staff contact, newest first",
            description = """
                    Every alert written to one member of staff, newest first, with what happened to each; paged (page \
                    from 0, size 1 to 200).""")
    public Page<MessageView> messages(@Parameter(description = ID) @PathParam("id") UUID id,
            @Valid @BeanParam PageRequest page) {
        return Page.of(messages.forRecipient(id), page, MessageView::of);
    }
}
