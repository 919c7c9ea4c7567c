package uk.sen.notification.rest;

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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.ContactInput;
import uk.sen.notification.rest.Views.ContactView;
import uk.sen.notification.rest.Views.MessageView;
import uk.sen.notification.service.ContactImportService;
import uk.sen.notification.service.ContactService;
import uk.sen.notification.service.MessageService;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;

/** One contact: read, change (If-Match), remove, its delivery log; and the CSV import. */
@Path("/api/v1/contacts")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    @Inject
    ContactService contacts;

    @Inject
    MessageService messages;

    @Inject
    ContactImportService importer;

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Operation(summary = "One contact, with its ETag")
    public Response get(@PathParam("id") UUID id) {
        Contact c = contacts.get(id);
        return Response.ok(ContactView.of(c)).tag(Versions.etag(c.version)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Change a contact (If-Match with its ETag); the kind cannot change")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, ContactInput body) {
        Contact c = contacts.update(id, ifMatch, PupilResource.requireBody(body));
        return Response.ok(ContactView.of(c)).tag(Versions.etag(c.version)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Remove a contact (If-Match); messages to them still waiting are not sent")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        contacts.delete(id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/messages")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The delivery log of one contact, newest first")
    public Page<MessageView> messages(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return Page.of(messages.forRecipient(id), page, MessageView::of);
    }

    @POST
    @Path("/import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @RolesAllowed({ Roles.SENCO, Roles.INTEGRATION })
    @Operation(summary = "Import contacts from CSV (UTF-8, at most sen.notification.contacts-import.max-bytes, 5 MB "
            + "by default, and 5,000 rows): valid rows are added, bad rows reported per line with the column and "
            + "reason (the first 100 listed, all counted), rows matching a contact already held reported as "
            + "duplicates. A file that is not UTF-8 (400) or too large (413) changes nothing")
    @RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "two contacts", value = """
            pupil_id,kind,name,relationship,parental_responsibility,agency,organisation,email,mobile,preferred_channel
            3f0c8a52-3d4e-4d8e-9a57-0b1c2d3e4f50,PARENT_CARER,Sam Taylor,MOTHER,yes,,,sam.taylor@example.org,07700 900123,EMAIL
            3f0c8a52-3d4e-4d8e-9a57-0b1c2d3e4f50,AGENCY,Dr Priya Shah,,,SPEECH_AND_LANGUAGE_THERAPY,Northbridge NHS Trust,p.shah@nhs.example,,EMAIL
            """)))
    public ContactImportService.ImportReport importCsv(@HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream csv) {
        importer.refuseIfAnnouncedLarger(contentLength);
        return importer.importCsv(csv);
    }
}
