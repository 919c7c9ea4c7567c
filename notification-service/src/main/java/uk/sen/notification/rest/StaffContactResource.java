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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.rest.Views.MessageView;
import uk.sen.notification.rest.Views.StaffContactView;
import uk.sen.notification.service.MessageService;
import uk.sen.notification.service.StaffContactService;
import uk.sen.notification.service.StaffContactService.StaffInput;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;

/** Each school's SENCO and senior leadership contacts, who receive deadline and workload alerts. */
@Path("/api/v1")
@Tag(name = "Staff contacts")
@Produces(MediaType.APPLICATION_JSON)
public class StaffContactResource {

    @Inject
    StaffContactService staff;

    @Inject
    MessageService messages;

    @Inject
    Idempotency idempotency;

    @GET
    @Path("/schools/{urn}/staff-contacts")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The school's staff who receive alerts (role SENCO or SLT)")
    public Page<StaffContactView> list(@PathParam("urn") String urn, @Valid @BeanParam PageRequest page) {
        return Page.of(staff.list(urn), page, StaffContactView::of);
    }

    @POST
    @Path("/schools/{urn}/staff-contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.TRUST_ADMIN })
    @Operation(summary = "Add a staff contact (Idempotency-Key accepted)")
    public Response create(@PathParam("urn") String urn, @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            StaffInput body) {
        StaffInput input = body(body);
        return idempotency.create(idempotencyKey, List.of(urn, input), () -> {
            StaffContact s = staff.create(urn, input);
            return new Idempotency.Created(URI.create("/api/v1/staff-contacts/" + s.id), StaffContactView.of(s),
                    s.version);
        });
    }

    @GET
    @Path("/staff-contacts/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "One staff contact, with its ETag")
    public Response get(@PathParam("id") UUID id) {
        StaffContact s = staff.get(id);
        return Response.ok(StaffContactView.of(s)).tag(Versions.etag(s.version)).build();
    }

    @PUT
    @Path("/staff-contacts/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.TRUST_ADMIN })
    @Operation(summary = "Change a staff contact (If-Match)")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, StaffInput body) {
        StaffContact s = staff.update(id, ifMatch, body(body));
        return Response.ok(StaffContactView.of(s)).tag(Versions.etag(s.version)).build();
    }

    @DELETE
    @Path("/staff-contacts/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.TRUST_ADMIN })
    @Operation(summary = "Remove a staff contact (If-Match)")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        staff.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/staff-contacts/{id}/messages")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The delivery log of one staff contact, newest first")
    public Page<MessageView> messages(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return Page.of(messages.forRecipient(id), page, MessageView::of);
    }

    private static StaffInput body(StaffInput body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        return body;
    }
}
