package uk.sen.workload.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.workload.domain.SupportEntry;
import uk.sen.workload.service.Hours;
import uk.sen.workload.service.SupportTimeService;

/**
 * Time an SEN administrator gives to the SENCOs of their schools: their own entries, each for the SENCO whose
 * paperwork it took off. The workload reports show beside each SENCO's own time the support they received.
 */
@Path("/api/v1/support-time")
@Tag(name = "Support time")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SupportTimeResource {

    @Schema(description = "Time you gave to a SENCO of one of your schools")
    public record SupportInput(
            @NotBlank @Schema(examples = "900101", description = "One of your schools") String schoolUrn,
            @Schema(examples = "senco.harbour", description = """
                    The SENCO you supported (their username), holding a post at the school that day; leave it out \
                    when the school has one SENCO""") String senco,
            @NotNull @Schema(examples = "2026-11-23", description = "The day, in Europe/London; not in the future") LocalDate date,
            @NotNull @Schema(examples = "90", description = "Minutes, 1 to 720") Integer minutes,
            @NotBlank @Schema(examples = "ADMINISTRATION", description = "An activity category in use (GET /api/v1/categories)") String category,
            @Size(max = 2000) @Schema(description = "What it was, in words (no pupil's name)", examples = "Annual review paperwork for the spring term") String note) {

        SupportTimeService.SupportDetails details() {
            return new SupportTimeService.SupportDetails(schoolUrn, senco, date, minutes, category, note);
        }
    }

    @Schema(description = "Time an SEN administrator gave to a SENCO")
    public record SupportView(UUID id, @Schema(examples = "900101") String schoolUrn,
            @Schema(description = "The administrator whose time it was (username)", examples = "admin.harbour") String givenBy,
            @Schema(description = "The SENCO it supported (username)", examples = "senco.harbour") String senco,
            LocalDate date, int minutes, @Schema(description = "The minutes as hours", examples = "1.5") BigDecimal hours,
            @Schema(examples = "ADMINISTRATION") String category, @Schema(nullable = true) String note,
            Instant createdAt, Instant updatedAt,
            @Schema(description = "Its version, also sent as the ETag") long version) {

        static SupportView of(SupportEntry e) {
            return new SupportView(e.id, e.schoolUrn, e.givenBy, e.senco, e.date, e.minutes, Hours.of(e.minutes),
                    e.categoryCode, e.note, e.createdAt, e.updatedAt, e.version);
        }
    }

    @Inject
    SupportTimeService support;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed(Roles.SEN_ADMIN)
    @Operation(operationId = "logSupportTime", summary = "Log time you gave to a SENCO",
            description = """
                    An SEN administrator logs time they spent on a SENCO's paperwork at one of their schools: the \
                    day, minutes and category, for the SENCO holding a post at the school that day (name them when \
                    there are several; 422 when the school has none recorded that day). It counts in the workload \
                    reports as support the SENCO received, never as the SENCO's own time. Send an \
                    `Idempotency-Key` so that a retry logs nothing twice.""")
    @APIResponseSchema(value = SupportView.class, responseCode = "201",
            responseDescription = "Logged: the entry, with its ETag and where to read it")
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    @APIResponse(responseCode = "422", description = "No SENCO post at the school that day, or several and none named")
    public Response log(@NotNull @Valid SupportInput in,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = TimeEntryResource.IDEMPOTENCY_KEY) String key) {
        return idempotency.create(key, in, () -> {
            SupportEntry e = support.create(in.details());
            return new Idempotency.Created(URI.create("/api/v1/support-time/" + e.id), SupportView.of(e), e.version);
        });
    }

    @GET
    @RolesAllowed({ Roles.SEN_ADMIN, Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listSupportTime", summary = "Support time, the latest day first",
            description = """
                    Support time you may see, a page at a time: an administrator their own, a SENCO the time given \
                    to them, SLT that of their schools, a trust administrator the trust's. Filter by days and school.""")
    @APIResponse(responseCode = "200", description = "A page of support time entries")
    public Page<SupportView> list(
            @QueryParam("from") @Parameter(description = "Only entries on or after this day") LocalDate from,
            @QueryParam("to") @Parameter(description = "Only entries on or before this day") LocalDate to,
            @QueryParam("school") @Parameter(description = "Only entries at this school (its URN)", example = "900101") String school,
            @Valid @BeanParam PageRequest page) {
        return support.list(from, to, school, page).map(SupportView::of);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SEN_ADMIN, Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSupportTime", summary = "One support time entry",
            description = "One entry you may see (as in the list), with its ETag; any other is not found.")
    @APIResponseSchema(value = SupportView.class, responseCode = "200", responseDescription = "The entry, with its ETag")
    public Response get(@PathParam("id") @Parameter(description = "The entry's id") UUID id) {
        SupportEntry e = support.visible(id);
        return Response.ok(SupportView.of(e)).tag(Versions.etag(e.version)).build();
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.SEN_ADMIN)
    @Operation(operationId = "updateSupportTime", summary = "Change one of your support time entries",
            description = """
                    Replaces what one of your entries says, by the same rules as logging it. Send the ETag you read \
                    as `If-Match`: if it changed since, nothing is changed (412). Another's entry is not found.""")
    @APIResponseSchema(value = SupportView.class, responseCode = "200",
            responseDescription = "Changed: the entry as it is now, with its new ETag")
    public Response update(@PathParam("id") @Parameter(description = "The entry's id") UUID id,
            @NotNull @Valid SupportInput in,
            @HeaderParam("If-Match") @Parameter(description = TimeEntryResource.IF_MATCH, required = true, example = "\"0\"") String ifMatch) {
        SupportEntry e = support.update(id, in.details(), ifMatch);
        return Response.ok(SupportView.of(e)).tag(Versions.etag(e.version)).build();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.SEN_ADMIN)
    @Operation(operationId = "deleteSupportTime", summary = "Delete one of your support time entries",
            description = "Deletes it for good. Send the ETag you read as `If-Match` (412 if it changed since).")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") @Parameter(description = "The entry's id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = TimeEntryResource.IF_MATCH, required = true, example = "\"0\"") String ifMatch) {
        support.delete(id, ifMatch);
        return Response.noContent().build();
    }
}
