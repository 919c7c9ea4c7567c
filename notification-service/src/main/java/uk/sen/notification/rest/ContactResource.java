package uk.sen.notification.rest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.ContactInput;
import uk.sen.notification.rest.Views.ContactView;
import uk.sen.notification.rest.Views.MessageView;
import uk.sen.notification.service.ContactImportService;
import uk.sen.notification.service.ContactService;
import uk.sen.notification.service.MessageService;
import uk.sen.platform.jobs.ImportJobs;
import uk.sen.platform.jobs.ImportProgress;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;

/** One contact: read, change (If-Match), remove, its delivery log; and the CSV import. */
@Path("/api/v1/contacts")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    static final String ID = "The contact's id";

    @Inject
    ImportJobs jobs;

    @Inject
    ContactService contacts;

    @Inject
    MessageService messages;

    @Inject
    ContactImportService importer;

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "getContact", summary = "One contact, with its ETag",
            description = """
                    One parent, carer or agency contact of a pupil in your schools, with its ETag to send as If-Match \
                    when you change or remove it. Reading a contact is recorded in the audit trail.""")
    @APIResponseSchema(value = ContactView.class, responseCode = "200", responseDescription = "The contact")
    public Response get(@Parameter(description = ID) @PathParam("id") UUID id) {
        Contact c = contacts.get(id);
        return Http.okWithETag(ContactView.of(c), c.version);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "updateContact", summary = "Change a contact; the kind cannot change",
            description = """
                    Replaces a contact's details with those sent, checked by the same rules as when it was added (the \
                    preferred channel needs its address). A parent or carer stays one, and an agency contact stays \
                    one: to change the kind, add a new contact and remove this one (422). Messages still waiting go to \
                    the new address; one already sent is not sent again (resend it). Audited.""")
    @APIResponseSchema(value = ContactView.class, responseCode = "200", responseDescription = "The contact as changed")
    public Response update(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch,
            ContactInput body) {
        Contact c = contacts.update(id, ifMatch, Http.requireBody(body));
        return Http.okWithETag(ContactView.of(c), c.version);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "removeContact", summary = "Remove a contact; messages to them still waiting are not sent",
            description = """
                    Removes a parent, carer or agency contact of a pupil. Messages to them that are still waiting are \
                    not sent (they become SUPPRESSED, CONTACT_REMOVED); the delivery log and the sharing records of \
                    what was sent to them are kept. Audited.""")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@Parameter(description = ID) @PathParam("id") UUID id,
            @Parameter(description = Http.IF_MATCH, example = "\"3\"") @HeaderParam("If-Match") String ifMatch) {
        contacts.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listContactMessages", summary = "The delivery log of one contact, newest first",
            description = """
                    Every message written to one contact (or, with a staff contact's id, to that member of staff), \
                    newest first, paged (page from 0, size 1 to 200), with what happened to each. Audited.""")
    public Page<MessageView> messages(@Parameter(description = ID) @PathParam("id") UUID id,
            @Valid @BeanParam PageRequest page) {
        return Page.of(messages.forRecipient(id), page, MessageView::of);
    }

    @POST
    @Path("/import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.INTEGRATION })
    @Operation(operationId = "importContacts", summary = "Import parent, carer and agency contacts from a CSV file",
            description = """
                    Adds the contacts of a CSV file (UTF-8, at most 5 MB by default, and 5,000 rows) with a header row \
                    naming its columns: the pupil, by pupil_id (the register's id) or upn (the UPN, as the school's MIS \
                    names pupils), and kind, name and preferred_channel are required; relationship, \
                    parental_responsibility (yes/no), agency, organisation, email, mobile, address_line1, \
                    address_line2, town and postcode are optional; the codes are those of a contact sent as JSON. Each \
                    row is checked by the same rules as addContact: valid rows are added, bad rows reported per line \
                    with the column and reason (the first 100 listed, all counted), rows matching a contact already \
                    held (same pupil, kind, name and relationship or agency) reported as duplicates and left alone, so \
                    importing the same file twice adds nothing. Each contact added gets what recent events still owe \
                    it, as when added one by one. A file that is not UTF-8 (400), has a broken quote or too many rows \
                    (400), or is too large (413) changes nothing. Audited. With Prefer: respond-async the file is read and \
                    answered 202 at once, and the import runs as a job (GET its Location for progress and, at the \
                    end, this same report).""")
    @APIResponseSchema(value = ContactImportService.ImportReport.class, responseCode = "200",
            responseDescription = "The file was read: what became of each row")
    @RequestBody(required = true, description = "The CSV file, UTF-8, with a header row", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "two contacts", value = """
            pupil_id,kind,name,relationship,parental_responsibility,agency,organisation,email,mobile,preferred_channel
            3f0c8a52-3d4e-4d8e-9a57-0b1c2d3e4f50,PARENT_CARER,Sam Taylor,MOTHER,yes,,,sam.taylor@example.org,07700 900123,EMAIL
            3f0c8a52-3d4e-4d8e-9a57-0b1c2d3e4f50,AGENCY,Dr Priya Shah,,,SPEECH_AND_LANGUAGE_THERAPY,Northbridge NHS Trust,p.shah@nhs.example,,EMAIL
            """)),
            @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "202", description = """
            Sent with Prefer: respond-async: the import runs as a job; follow its Location for progress and report""",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportJobs.Job.class)))
    public Response importCsv(@HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            @Parameter(description = "respond-async to run the import as a job (202 with its Location)",
                    example = "respond-async") @HeaderParam(ImportJobs.PREFER) String prefer,
            InputStream csv) {
        importer.refuseIfAnnouncedLarger(contentLength);
        if (ImportJobs.asked(prefer)) {
            byte[] file = importer.readWhole(csv);
            return jobs.start("contacts", null,
                    progress -> importer.importCsv(new ByteArrayInputStream(file), progress));
        }
        return Response.ok(importer.importCsv(csv, ImportProgress.NONE)).build();
    }
}
