package uk.sen.notification.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.notification.domain.ContactInput;
import uk.sen.notification.domain.ContactRules;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.notification.domain.MessageStatus;
import uk.sen.notification.rest.Views.ContactView;
import uk.sen.notification.rest.Views.MessageView;
import uk.sen.notification.rest.Views.PupilView;
import uk.sen.notification.rest.Views.SharingRecordView;
import uk.sen.notification.rest.Views.SharingView;
import uk.sen.notification.service.ContactService;
import uk.sen.notification.service.MessageService;
import uk.sen.notification.service.PupilDirectory;
import uk.sen.notification.service.SharingService;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.Roles;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;

/** A pupil as this service knows them: contacts, sharing basis per agency, delivery log and sharing records. */
@Path("/api/v1/pupils/{pupilId}")
@Tag(name = "Pupils: contacts, consent and messages")
@Produces(MediaType.APPLICATION_JSON)
public class PupilResource {

    @Inject
    PupilDirectory pupils;

    @Inject
    EnglandClock clock;

    @Inject
    ContactService contacts;

    @Inject
    SharingService sharing;

    @Inject
    MessageService messages;

    @Inject
    Idempotency idempotency;

    @Inject
    AuditLog audit;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "The pupil as this service knows them from the register, with their case reference")
    public PupilView pupil(@PathParam("pupilId") UUID pupilId) {
        KnownPupil p = pupils.inScope(pupilId);
        audit.record(AuditLog.READ, "pupil", pupilId.toString(), p.trustId, p.schoolUrn);
        return PupilView.of(p);
    }

    @GET
    @Path("/contacts")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "The pupil's parents, carers and agency contacts (filter kind=PARENT_CARER or AGENCY)")
    public Page<ContactView> contacts(@PathParam("pupilId") UUID pupilId, @QueryParam("kind") String kind,
            @Valid @BeanParam PageRequest page) {
        return Page.of(contacts.list(pupilId, kind), page, ContactView::of);
    }

    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Add a parent, carer or agency contact (Idempotency-Key accepted)")
    public Response addContact(@PathParam("pupilId") UUID pupilId,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, ContactInput body) {
        ContactInput input = requireBody(body);
        return idempotency.create(idempotencyKey, List.of(pupilId, input), () -> {
            var c = contacts.create(pupilId, input);
            return new Idempotency.Created(URI.create("/api/v1/contacts/" + c.id), ContactView.of(c), c.version);
        });
    }

    @GET
    @Path("/sharing")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The basis for sharing with each agency (consent, legal obligation, public task), and "
            + "whether it allows sharing today")
    public List<SharingView> sharing(@PathParam("pupilId") UUID pupilId) {
        return sharing.list(pupilId).stream().map(b -> SharingView.of(b, clock.today())).toList();
    }

    @PUT
    @Path("/sharing/{agency}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record or change the sharing basis for one agency; If-Match when it exists. A withdrawal "
            + "stops sharing at once: waiting messages to that agency are suppressed")
    public Response putSharing(@PathParam("pupilId") UUID pupilId, @PathParam("agency") String agency,
            @HeaderParam("If-Match") String ifMatch, SharingService.SharingInput body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        SharingService.Saved saved = sharing.put(pupilId, agency, ifMatch, body);
        Response.ResponseBuilder response = saved.created()
                ? Response.created(URI.create("/api/v1/pupils/" + pupilId + "/sharing/" + saved.basis().agency))
                : Response.ok();
        return response.tag(Versions.etag(saved.basis().version)).entity(SharingView.of(saved.basis(), clock.today())).build();
    }

    @GET
    @Path("/messages")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The pupil's delivery log, newest first (filter by status)")
    public Page<MessageView> messages(@PathParam("pupilId") UUID pupilId, @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return Page.of(messages.forPupil(pupilId, status(status)), page, MessageView::of);
    }

    @GET
    @Path("/sharing-records")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "What was shared with which agency contact, when, why and on what basis")
    public Page<SharingRecordView> sharingRecords(@PathParam("pupilId") UUID pupilId,
            @Valid @BeanParam PageRequest page) {
        return Page.of(sharing.records(pupilId), page, SharingRecordView::of);
    }

    static MessageStatus status(String text) {
        if (text == null) {
            return null;
        }
        List<Violation> violations = new ArrayList<>();
        MessageStatus s = ContactRules.parse(MessageStatus.class, text, "status", violations, false);
        if (s == null) {
            throw ProblemException.invalid(violations);
        }
        return s;
    }

    static ContactInput requireBody(ContactInput body) {
        if (body == null) {
            throw ProblemException.invalid("body", "is required");
        }
        return body;
    }
}
