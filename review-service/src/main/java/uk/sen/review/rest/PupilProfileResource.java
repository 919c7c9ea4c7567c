package uk.sen.review.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.security.Roles;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.Versions;
import uk.sen.review.service.ProfilePdf;
import uk.sen.review.service.PupilProfiles;
import uk.sen.review.service.PupilProfiles.OnePageProfile;

/** A pupil's one-page profile: read by the staff of the pupil's school, written by the SENCO, printable as a PDF. */
@Path("/api/v1/pupils/{id}")
@Tag(name = "One-page profiles")
public class PupilProfileResource {

    static final String PDF = "application/pdf";
    static final String READERS = """
            Staff of the pupil's school (SENCO, SEN administrator, teachers, SLT) and trust administrators read it; \
            any other pupil is not found. The read is recorded in the audit log.""";

    @Schema(description = "The pupil's own words for their one-page profile; each may be left out")
    public record ProfileInput(
            @Size(max = 60) @Schema(description = "The name the pupil likes to be called (printed on the page)", examples = "Sam") String knownAs,
            @Size(max = 1500) @Schema(description = "What the pupil wants people to know about them", examples = "I love drawing and football. I find noisy rooms hard.") String aboutMe,
            @Size(max = 1500) @Schema(description = "What helps them", examples = "A visual timetable; a warning before things change") String whatHelps,
            @Size(max = 1500) @Schema(description = "What does not help them", examples = "Being asked to read aloud without warning") String whatDoesNotHelp) {
    }

    @Inject
    PupilProfiles profiles;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock clock;

    @GET
    @Path("profile")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getPupilProfile", summary = "A pupil's one-page profile",
            description = """
                    What the pupil wants people to know, what helps and what does not (in their words, as the SENCO \
                    recorded them; empty until then), with their needs, the SEN support plan's outcomes and \
                    interventions, and the next review. The ETag (once the words are written) is what a change \
                    sends back. """ + READERS)
    @APIResponseSchema(value = OnePageProfile.class, responseCode = "200", responseDescription = "The profile")
    public Response get(@PathParam("id") @Parameter(description = "The pupil's id (the register's)") UUID id) {
        return answer(profiles.read(id));
    }

    @PUT
    @Path("profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "writePupilProfile", summary = "Write the pupil's words on their one-page profile",
            description = """
                    The SENCO records the pupil's words: the first time without `If-Match`, after that with the ETag \
                    read (428 without it, 412 when someone changed it since). What is sent replaces what was there; \
                    each text is at most 1,500 characters, so the page stays one page.""")
    @APIResponseSchema(value = OnePageProfile.class, responseCode = "200",
            responseDescription = "Written: the profile as it is now, with its ETag")
    @APIResponse(responseCode = "404", description = "No such pupil in your schools")
    public Response put(@PathParam("id") @Parameter(description = "The pupil's id (the register's)") UUID id,
            @NotNull @Valid ProfileInput in,
            @HeaderParam("If-Match") @Parameter(description = "The ETag you read; none the first time", example = "\"0\"") String ifMatch) {
        return answer(profiles.write(id, new PupilProfiles.ProfileText(in.knownAs(), in.aboutMe(), in.whatHelps(),
                in.whatDoesNotHelp()), ifMatch));
    }

    @GET
    @Path("profile.pdf")
    @Produces(PDF)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "printPupilProfile", summary = "A pupil's one-page profile as a PDF to print",
            description = "The same profile on one A4 page, to print for the pupil's teachers. " + READERS)
    @APIResponse(responseCode = "200", description = "The profile as a one-page PDF",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response pdf(@PathParam("id") @Parameter(description = "The pupil's id (the register's)") UUID id) {
        OnePageProfile profile = profiles.read(id);
        byte[] pdf = ProfilePdf.render(profile, clock.today());
        audit.record(AuditLog.EXPORT, "pupil", List.of(id.toString()), profile.trustId(), profile.schoolUrn(),
                "one-page profile printed as a PDF");
        return Response.ok(pdf, PDF).header("Content-Disposition", "attachment; filename=\"one-page-profile.pdf\"")
                .header("Cache-Control", "no-store").build();
    }

    private static Response answer(OnePageProfile p) {
        Response.ResponseBuilder r = Response.ok(p, MediaType.APPLICATION_JSON);
        if (p.version() != null) {
            r.tag(Versions.etag(p.version()));
        }
        return r.build();
    }
}
