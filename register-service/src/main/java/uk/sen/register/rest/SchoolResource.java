package uk.sen.register.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Versions;
import uk.sen.register.domain.School;
import uk.sen.register.rest.RegisterDtos.SchoolInput;
import uk.sen.register.rest.RegisterDtos.SchoolView;
import uk.sen.register.service.SchoolService;
import uk.sen.register.service.SchoolService.SchoolDetails;

@Path("/api/v1/schools")
@Tag(name = "Schools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SchoolResource {

    @Inject
    SchoolService schools;

    @Inject
    Idempotency idempotency;

    @GET
    @Authenticated
    @Operation(summary = "The schools of your trust that you work in (all of them for trust admins)")
    public List<SchoolView> list() {
        return schools.visibleSchools().stream().map(SchoolView::of).toList();
    }

    @GET
    @Path("{urn}")
    @Authenticated
    @Operation(summary = "One school by URN")
    public Response get(@PathParam("urn") String urn) {
        School school = schools.visibleSchool(urn);
        return Response.ok(SchoolView.of(school)).tag(Versions.etag(school.version)).build();
    }

    @POST
    @Transactional // answered from inside the change's transaction, as every write is
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "Add a school to your trust")
    public Response create(@NotNull @Valid SchoolInput input, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, input, () -> {
            School school = schools.create(details(input));
            return new Idempotency.Created(URI.create("/api/v1/schools/" + school.urn), SchoolView.of(school),
                    school.version);
        });
    }

    @PUT
    @Path("{urn}")
    @Transactional // answered from inside the change's transaction, as every write is
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "Change a school's details (send its ETag in If-Match)")
    public Response update(@PathParam("urn") String urn, @NotNull @Valid SchoolInput input,
            @HeaderParam("If-Match") String ifMatch) {
        School school = schools.update(urn, details(input), ifMatch);
        return Response.ok(SchoolView.of(school)).tag(Versions.etag(school.version)).build();
    }

    private static SchoolDetails details(SchoolInput in) {
        return new SchoolDetails(in.urn(), in.laCode(), in.estabNumber(), in.name(), in.phase(), in.lowestAge(),
                in.highestAge());
    }
}
