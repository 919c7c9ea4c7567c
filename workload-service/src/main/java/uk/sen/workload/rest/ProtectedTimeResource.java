package uk.sen.workload.rest;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import uk.sen.workload.domain.ProtectedTime;
import uk.sen.workload.service.ProtectedTimeService;

/** Protected time: hours per week allocated to each SENCO at each school, with its history. */
@Path("/api/v1/allocations")
@Tag(name = "Protected time")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProtectedTimeResource {

    @Schema(description = "Protected time for a SENCO at a school, from a date (to a date)")
    public record AllocationInput(
            @NotBlank @Schema(examples = "900101", description = "The school's 6-digit URN") String schoolUrn,
            @NotBlank @Schema(examples = "senco.harbour", description = "The SENCO's username") String senco,
            @NotNull @Schema(examples = "7.5", description = "Hours a week, 0 to 60, at most one decimal place") BigDecimal hoursPerWeek,
            @NotNull @Schema(examples = "2027-01-04", description = "The first day it applies") LocalDate effectiveFrom,
            @Schema(description = "Last day, for a temporary allocation; the previous one resumes after it") LocalDate effectiveTo,
            @Size(max = 500) @Schema(description = "Why, in words (no personal data)", examples = "Extra time for the spring term's annual reviews") String reason) {
    }

    @Schema(description = "One period of protected time: hours a week for a SENCO at a school, from a date (to a date)")
    public record AllocationView(UUID id, @Schema(examples = "900101") String schoolUrn,
            @Schema(description = "The SENCO's username", examples = "senco.harbour") String senco,
            @Schema(description = "Hours a week, with one decimal place", examples = "7.5") BigDecimal hoursPerWeek,
            @Schema(description = "The first day it applies") LocalDate effectiveFrom,
            @Schema(nullable = true, description = "The last day it applies; null while it runs on") LocalDate effectiveTo,
            @Schema(nullable = true, description = "Why, in words") String reason,
            @Schema(description = "Who set it (username)") String setBy, @Schema(description = "When it was set") Instant setAt,
            @Schema(nullable = true, description = "Who ended it by setting the allocation after it (username); null while none has") String endedBy,
            @Schema(description = "Its version, also sent as the ETag") long version) {

        static AllocationView of(ProtectedTime p) {
            return new AllocationView(p.id, p.schoolUrn, p.senco, p.hoursPerWeek, p.effectiveFrom, p.effectiveTo,
                    p.reason, p.setBy, p.setAt, p.endedBy, p.version);
        }
    }

    @Inject
    ProtectedTimeService allocations;

    @Inject
    Idempotency idempotency;

    @POST
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "allocateProtectedTime", summary = "Allocate protected time to a SENCO from a date",
            description = """
                    Sets the hours a week of protected time a SENCO has at a school from `effectiveFrom`, for good \
                    or, with `effectiveTo`, for a while. SLT set it for the SENCOs of their own schools (a SENCO \
                    post at the school on some day of the period, `/api/v1/senco-posts`; else 422), trust \
                    administrators for any school of the trust. Allocations are history: the allocation it replaces ends the day \
                    before, and after a temporary one the previous allocation resumes (as a period of its own). A \
                    new allocation must start after every allocation it overlaps (409). Reports and the forecast \
                    measure time against it at once, and an "allocation exceeded" alert may be raised for the \
                    SENCO. Send an `Idempotency-Key` so that a retry sets nothing twice.""")
    @APIResponseSchema(value = AllocationView.class, responseCode = "201",
            responseDescription = "Allocated: the new allocation period, with its ETag and where to read it")
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    @APIResponse(responseCode = "422", description = "The SENCO holds no post at the school in that time (SLT)")
    @APIResponse(responseCode = "409", description = """
            It overlaps a later allocation of that SENCO at that school, or another allocation for them was set at the \
            same moment""")
    public Response set(@NotNull @Valid AllocationInput in,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = TimeEntryResource.IDEMPOTENCY_KEY) String key) {
        return idempotency.create(key, in, () -> {
            ProtectedTime p = allocations.set(new ProtectedTimeService.AllocationDetails(in.schoolUrn(), in.senco(),
                    in.hoursPerWeek(), in.effectiveFrom(), in.effectiveTo(), in.reason()));
            return new Idempotency.Created(URI.create("/api/v1/allocations/" + p.id), AllocationView.of(p), p.version);
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getProtectedTimeAllocation", summary = "One allocation period",
            description = """
                    One period of protected time, with its ETag. A SENCO sees their own, SLT those of their \
                    schools, a trust administrator any of the trust; any other is not found.""")
    @APIResponseSchema(value = AllocationView.class, responseCode = "200",
            responseDescription = "The allocation period, with its ETag")
    public Response get(@PathParam("id") @Parameter(description = "The allocation period's id") UUID id) {
        ProtectedTime p = allocations.visible(id);
        return Response.ok(AllocationView.of(p)).tag(Versions.etag(p.version)).build();
    }

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listProtectedTimeAllocations", summary = "Allocations of protected time, with their history",
            description = """
                    Every allocation period you may see, past, present and future, by school and SENCO with the \
                    latest first: a SENCO sees their own, SLT those of their schools, a trust administrator the \
                    trust's. Filter by school and SENCO. The whole list, not paged (a few periods per SENCO).""")
    @APIResponse(responseCode = "200", description = "The allocation periods, by school and SENCO, latest first")
    public List<AllocationView> list(
            @QueryParam("school") @Parameter(description = "Only this school (its URN)", example = "900101") String school,
            @QueryParam("senco") @Parameter(description = "Only this SENCO (their username)", example = "senco.harbour") String senco) {
        return allocations.history(school, senco).stream().map(AllocationView::of).toList();
    }
}
