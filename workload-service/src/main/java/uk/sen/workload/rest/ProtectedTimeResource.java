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

    public record AllocationInput(@NotBlank @Schema(examples = "900101") String schoolUrn,
            @NotBlank @Schema(examples = "senco.harbour", description = "The SENCO's username") String senco,
            @NotNull @Schema(examples = "7.5") BigDecimal hoursPerWeek,
            @NotNull @Schema(examples = "2027-01-04") LocalDate effectiveFrom,
            @Schema(description = "Last day, for a temporary allocation; the previous one resumes after it") LocalDate effectiveTo,
            @Size(max = 500) String reason) {
    }

    public record AllocationView(UUID id, String schoolUrn, String senco, BigDecimal hoursPerWeek,
            LocalDate effectiveFrom, LocalDate effectiveTo, String reason, String setBy, Instant setAt, String endedBy,
            long version) {

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
    @Operation(summary = "Allocate protected time from a date (SLT for their schools, trust admins for any); "
            + "the allocation it replaces ends the day before")
    public Response set(@NotNull @Valid AllocationInput in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, in, () -> {
            ProtectedTime p = allocations.set(new ProtectedTimeService.AllocationDetails(in.schoolUrn(), in.senco(),
                    in.hoursPerWeek(), in.effectiveFrom(), in.effectiveTo(), in.reason()));
            return new Idempotency.Created(URI.create("/api/v1/allocations/" + p.id), AllocationView.of(p), p.version);
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "One allocation period")
    public Response get(@PathParam("id") UUID id) {
        ProtectedTime p = allocations.visible(id);
        return Response.ok(AllocationView.of(p)).tag(Versions.etag(p.version)).build();
    }

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "Allocations and their history: your own (SENCO), your schools' (SLT), the trust's (trust admin)")
    public List<AllocationView> list(@QueryParam("school") String school, @QueryParam("senco") String senco) {
        return allocations.history(school, senco).stream().map(AllocationView::of).toList();
    }
}
