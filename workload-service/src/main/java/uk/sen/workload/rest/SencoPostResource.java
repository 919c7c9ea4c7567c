package uk.sen.workload.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Versions;
import uk.sen.workload.domain.SencoPost;
import uk.sen.workload.domain.SencoQualification;
import uk.sen.workload.service.SencoPostService;

/** The SENCO role per school: who holds it from when, a seat on SLT or not, and the mandatory qualification. */
@Path("/api/v1/senco-posts")
@Tag(name = "SENCO posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SencoPostResource {

    static final String QUALIFICATION = """
            The mandatory qualification: NOT_STARTED or IN_PROGRESS (the NPQ for SENCOs, due within three years of \
            taking up the post), NPQ_ACHIEVED, or NASENCO (the award it replaced in September 2024; its holders are \
            exempt)""";

    @Schema(description = "A SENCO's post at a school")
    public record PostInput(
            @Schema(examples = "900101", description = "The school's 6-digit URN (required to record a post; fixed after)") String schoolUrn,
            @Schema(examples = "senco.new", description = "The SENCO's username (required to record a post; fixed after)") String senco,
            @NotNull @Schema(examples = "2025-09-01", description = "When the SENCO took up the post") LocalDate appointedOn,
            @Schema(description = "The last day in post, once it ends") LocalDate endedOn,
            @NotNull @Schema(description = "Whether the SENCO sits on the senior leadership team") Boolean onSlt,
            @NotNull @Schema(description = QUALIFICATION) SencoQualification qualification,
            @Schema(description = "When the NPQ is expected (only IN_PROGRESS)") LocalDate qualificationExpectedOn,
            @Schema(description = "When it was achieved (only NPQ_ACHIEVED or NASENCO)") LocalDate qualificationAchievedOn) {

        SencoPostService.PostDetails details() {
            return new SencoPostService.PostDetails(schoolUrn, senco, appointedOn, endedOn, onSlt, qualification,
                    qualificationExpectedOn, qualificationAchievedOn);
        }
    }

    @Schema(description = "A SENCO's post at a school, with the qualification's deadline")
    public record PostView(UUID id, @Schema(examples = "900101") String schoolUrn,
            @Schema(description = "The SENCO's username", examples = "senco.harbour") String senco,
            LocalDate appointedOn, @Schema(nullable = true, description = "The last day in post; null while held") LocalDate endedOn,
            boolean onSlt, @Schema(description = QUALIFICATION) SencoQualification qualification,
            @Schema(nullable = true) LocalDate qualificationExpectedOn,
            @Schema(nullable = true) LocalDate qualificationAchievedOn,
            @Schema(nullable = true, description = "The last day to achieve the NPQ for SENCOs (three years from appointedOn); null when achieved or exempt") LocalDate qualificationDeadline,
            @Schema(description = "Who recorded it last (username)") String setBy,
            @Schema(description = "When it was recorded last") Instant setAt,
            @Schema(description = "Its version, also sent as the ETag") long version) {

        static PostView of(SencoPost p) {
            return new PostView(p.id, p.schoolUrn, p.senco, p.appointedOn, p.endedOn, p.onSlt, p.qualification,
                    p.qualificationExpectedOn, p.qualificationAchievedOn, p.qualificationDeadline(), p.setBy, p.setAt,
                    p.version);
        }
    }

    @Inject
    SencoPostService posts;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "recordSencoPost", summary = "Record a SENCO's post at a school",
            description = """
                    Records who holds the SENCO role at a school from `appointedOn`, whether they sit on the senior \
                    leadership team, and where they are with the mandatory qualification. SLT record it for their \
                    own schools, trust administrators for any school of the trust. A SENCO holds one post per school \
                    at a time (409 for an overlapping one: change or end that post instead). When the three-year \
                    limit for the NPQ for SENCOs is near (six months by default) or passed, a \
                    `uk.sen.workload.senco-qualification-due` alert is raised once per stage and the school's senior \
                    leaders are told. Send an `Idempotency-Key` so that a retry records nothing twice.""")
    @APIResponseSchema(value = PostView.class, responseCode = "201",
            responseDescription = "Recorded: the post, with its ETag and where to read it")
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    @APIResponse(responseCode = "409", description = "The SENCO already holds a post at the school in that time")
    public Response record(@NotNull @Valid PostInput in,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = TimeEntryResource.IDEMPOTENCY_KEY) String key) {
        return idempotency.create(key, in, () -> {
            SencoPost p = posts.create(in.details());
            return new Idempotency.Created(URI.create("/api/v1/senco-posts/" + p.id), PostView.of(p), p.version);
        });
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "updateSencoPost", summary = "Change a SENCO's post: SLT seat, qualification, end",
            description = """
                    Replaces what the post says with what you send (the school and the SENCO stay as they are; \
                    leave them out or send them unchanged). End a post with `endedOn`. Send the ETag you read as \
                    `If-Match`: if someone changed the post since, nothing is changed (412).""")
    @APIResponseSchema(value = PostView.class, responseCode = "200",
            responseDescription = "Changed: the post as it is now, with its new ETag")
    @APIResponse(responseCode = "404", description = "No such post among those you may see")
    public Response update(@PathParam("id") @Parameter(description = "The post's id") UUID id,
            @NotNull @Valid PostInput in,
            @HeaderParam("If-Match") @Parameter(description = TimeEntryResource.IF_MATCH, required = true, example = "\"0\"") String ifMatch) {
        SencoPost p = posts.update(id, in.details(), ifMatch);
        return Response.ok(PostView.of(p)).tag(Versions.etag(p.version)).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN, Roles.SEN_ADMIN })
    @Operation(operationId = "getSencoPost", summary = "One SENCO post",
            description = """
                    One post, with its ETag. A SENCO sees their own, SLT and SEN administrators those of their \
                    schools, a trust administrator any of the trust; any other is not found.""")
    @APIResponseSchema(value = PostView.class, responseCode = "200", responseDescription = "The post, with its ETag")
    public Response get(@PathParam("id") @Parameter(description = "The post's id") UUID id) {
        SencoPost p = posts.visible(id);
        return Response.ok(PostView.of(p)).tag(Versions.etag(p.version)).build();
    }

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN, Roles.SEN_ADMIN })
    @Operation(operationId = "listSencoPosts", summary = "SENCO posts, held today or all",
            description = """
                    The posts you may see by school and SENCO, the latest first: those held today (or starting \
                    later), or with `all=true` the ended ones too. A SENCO sees their own, SLT and SEN \
                    administrators those of their schools, a trust administrator the trust's. The whole list, not \
                    paged (a few posts per school).""")
    @APIResponse(responseCode = "200", description = "The posts")
    public List<PostView> list(
            @QueryParam("school") @Parameter(description = "Only this school (its URN)", example = "900101") String school,
            @QueryParam("all") @Parameter(description = "Ended posts too") boolean all) {
        return posts.list(school, all).stream().map(PostView::of).toList();
    }
}
