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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
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

    static final String PUPIL = "The pupil's id in the register";

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
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "getNotificationPupil",
            summary = "The pupil as this service knows them from the register, with their case reference",
            description = """
                    The pupil as the register last told this service: trust, school and SEN provision, and the random \
                    case reference that messages and agencies see instead of anything about the child. A pupil of \
                    another school, or one the register has not told this service about yet, is not found. Audited.""")
    public PupilView pupil(@Parameter(description = PUPIL) @PathParam("pupilId") UUID pupilId) {
        KnownPupil p = pupils.inScope(pupilId);
        audit.record(AuditLog.READ, "pupil", pupilId.toString(), p.trustId, p.schoolUrn);
        return PupilView.of(p);
    }

    @GET
    @Path("/contacts")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "listPupilContacts", summary = "The pupil's parents, carers and agency contacts",
            description = """
                    The pupil's parents and carers, then their agency contacts, each group in the order they were \
                    added; or only one kind. Paged (page from 0, size 1 to 200). Audited.""")
    public Page<ContactView> contacts(@Parameter(description = PUPIL) @PathParam("pupilId") UUID pupilId,
            @Parameter(description = "Only contacts of this kind", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "PARENT_CARER", "AGENCY" })) @QueryParam("kind") String kind,
            @Valid @BeanParam PageRequest page) {
        return Page.of(contacts.list(pupilId, kind), page, ContactView::of);
    }

    @POST
    @Path("/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "addContact", summary = "Add a parent, carer or agency contact",
            description = """
                    Adds a parent or carer (with their relationship and whether they have parental responsibility) or \
                    the named contact at an agency involved with the pupil. The preferred channel needs its address; \
                    email, UK mobile and postcode are checked. The new contact at once gets what recent events of the \
                    pupil still owe them (for example the news that SEN support started, or an invitation to a review \
                    meeting still to come); an agency contact only when a basis for sharing with the agency allows it. \
                    Send an Idempotency-Key so that a retry after a lost answer does not add the contact twice. \
                    Audited.""")
    @APIResponseSchema(value = ContactView.class, responseCode = "201", responseDescription = "The contact as added")
    public Response addContact(@Parameter(description = PUPIL) @PathParam("pupilId") UUID pupilId,
            @Parameter(description = Http.IDEMPOTENCY_KEY, schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = 200), example = "contact-3f0c8a52-1")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey, ContactInput body) {
        ContactInput input = Http.requireBody(body);
        return idempotency.create(idempotencyKey, List.of(pupilId, input), () -> {
            var c = contacts.create(pupilId, input);
            return new Idempotency.Created(URI.create("/api/v1/contacts/" + c.id), ContactView.of(c), c.version);
        });
    }

    @GET
    @Path("/sharing")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listPupilSharingBases",
            summary = "The basis for sharing with each agency (consent, legal obligation, public task), and whether "
                    + "it allows sharing today",
            description = """
                    For each agency a basis is recorded for, the UK GDPR basis on which the school shares the pupil's \
                    information with it, from when and until when, and whether it allows sharing today (with the \
                    reason when not). Nothing goes to an agency without one. Sorted by agency; not paged. Audited.""")
    @APIResponse(responseCode = "200", description = "The bases recorded, one per agency",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SharingView.class)))
    public List<SharingView> sharing(@Parameter(description = PUPIL) @PathParam("pupilId") UUID pupilId) {
        return sharing.list(pupilId).stream().map(b -> SharingView.of(b, clock.today())).toList();
    }

    @PUT
    @Path("/sharing/{agency}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "setPupilSharingBasis",
            summary = "Record or change the sharing basis for one agency",
            description = """
                    Records the basis for sharing the pupil's information with one agency (201 the first time; no \
                    If-Match is needed), or changes it (200; send the ETag you read as If-Match). Dates are facts \
                    already happened: neither may be in the future, and a withdrawal not before the basis was given. A \
                    withdrawal stops sharing at once: messages still waiting to go to that agency's contacts are \
                    suppressed (SUPPRESSED, SHARING_NOT_ALLOWED) and announced as events. Audited.""")
    @APIResponse(responseCode = "200", description = "The basis as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SharingView.class)))
    @APIResponse(responseCode = "201", description = "The basis as recorded for the first time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SharingView.class)))
    public Response putSharing(@Parameter(description = PUPIL) @PathParam("pupilId") UUID pupilId,
            @Parameter(description = "The agency", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "EDUCATIONAL_PSYCHOLOGIST", "SPEECH_AND_LANGUAGE_THERAPY", "OCCUPATIONAL_THERAPY",
                            "CAMHS", "HEALTH", "SOCIAL_CARE", "LA_SEN_OFFICER" })) @PathParam("agency") String agency,
            @Parameter(description = """
                    The ETag of the version you read; only when a basis is already recorded for this agency""",
                    example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            SharingService.SharingInput body) {
        SharingService.Saved saved = sharing.put(pupilId, agency, ifMatch, Http.requireBody(body));
        Response.ResponseBuilder response = saved.created()
                ? Response.created(URI.create("/api/v1/pupils/" + pupilId + "/sharing/" + saved.basis().agency))
                : Response.ok();
        return response.tag(Versions.etag(saved.basis().version)).entity(SharingView.of(saved.basis(), clock.today())).build();
    }

    @GET
    @Path("/messages")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listPupilMessages", summary = "The pupil's delivery log, newest first",
            description = """
                    Every message about the pupil, to their parents, carers and agency contacts, newest first, with \
                    what happened to each; or only those of one status (FAILED, UNCONFIRMED and SUPPRESSED are the \
                    ones to look at). Paged (page from 0, size 1 to 200). Audited.""")
    public Page<MessageView> messages(@Parameter(description = PUPIL) @PathParam("pupilId") UUID pupilId,
            @Parameter(description = "Only messages of this status", schema = @Schema(type = SchemaType.STRING,
                    enumeration = { "PENDING", "SENDING", "SENT", "DELIVERED", "FAILED", "SUPPRESSED",
                            "UNCONFIRMED" })) @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return Page.of(messages.forPupil(pupilId, status(status)), page, MessageView::of);
    }

    @GET
    @Path("/sharing-records")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listPupilSharingRecords",
            summary = "What was shared with which agency contact, when, why and on what basis",
            description = """
                    The record the school keeps to account for sharing (UK GDPR): each message sent to an agency \
                    contact about the pupil, with what it said, why it went and the basis it went on. Newest first, \
                    paged (page from 0, size 1 to 200). Audited.""")
    public Page<SharingRecordView> sharingRecords(@Parameter(description = PUPIL) @PathParam("pupilId") UUID pupilId,
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
}
