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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.security.Roles;
import uk.sen.review.service.Contributions;
import uk.sen.review.service.Contributions.OutcomeComment;
import uk.sen.review.service.Contributions.RequestView;

/** Requests for views addressed to a teacher, their answer, and an agency's report. See {@link ContributionResource}. */
@Path("/api/v1")
@Tag(name = "Views and advice")
@Produces(MediaType.APPLICATION_JSON)
public class ContributionRequestResource {

    @Schema(description = "A teacher's contribution: general comments and a comment on each outcome")
    public record TeacherInput(
            @Size(max = Contributions.MAX_TEXT) @Schema(nullable = true, description = "General comments")
            String comments,
            @Size(max = Contributions.MAX_OUTCOMES) @Schema(nullable = true, description = "A comment per outcome of the plan")
            List<OutcomeComment> outcomes) {
    }

    static final String STAFF = "Staff of the pupil's school and trust administrators; any other review is not found.";

    @Inject
    Contributions contributions;

    @GET
    @Path("contribution-requests")
    @RolesAllowed({ Roles.TEACHER, Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT })
    @Operation(operationId = "listMyContributionRequests",
            summary = "The requests for your views still awaiting your answer, soonest due first",
            description = "A teacher's to-do list: the requests addressed to your account, at your schools, that you "
                    + "have not answered while their meeting is to come. Audited.")
    @APIResponse(responseCode = "200", description = "Your open requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RequestView.class)))
    public List<RequestView> mine() {
        return contributions.mine();
    }

    @POST
    @Path("contribution-requests/{id}/contribution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.TEACHER, Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT })
    @Operation(operationId = "submitContribution", summary = "Give your views on a request addressed to you",
            description = """
                    The teacher a request names answers it once, while the meeting is to come: general comments and, \
                    for each outcome of the plan, progress, what helps and what next (each text at most 4,000 \
                    characters). Announces `uk.sen.review.contribution-received`. A request addressed to someone else \
                    is 403; after the meeting, 410.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "201", responseDescription = "Received")
    @APIResponse(responseCode = "403", description = "The request is addressed to someone else")
    @APIResponse(responseCode = "404", description = "No such request in your schools")
    @APIResponse(responseCode = "409", description = "You have already answered it")
    @APIResponse(responseCode = "410", description = "The meeting has been held or its day has passed")
    public Response contribute(@Parameter(description = "The request's id") @PathParam("id") UUID id,
            @NotNull @Valid TeacherInput in) {
        RequestView r = contributions.teacherContributes(id, new Contributions.TeacherInput(in.comments(),
                in.outcomes()));
        return Response.status(201).entity(r).build();
    }

    @GET
    @Path("contributions/{id}/report.pdf")
    @Produces(PupilProfileResource.PDF)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getContributionReport", summary = "The report an agency sent with its advice (PDF)",
            description = STAFF + " Recorded in the audit log as an export.")
    @APIResponse(responseCode = "200", description = "The report",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = PupilProfileResource.PDF,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such contribution with a report in your schools")
    public Response report(@Parameter(description = "The contribution's id") @PathParam("id") UUID id) {
        return Response.ok(contributions.report(id), PupilProfileResource.PDF)
                .header("Content-Disposition", "attachment; filename=\"agency-report.pdf\"")
                .header("Cache-Control", "no-store").build();
    }
}
