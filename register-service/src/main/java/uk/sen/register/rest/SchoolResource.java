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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
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
    @Operation(operationId = "listSchools", summary = "The schools of your trust that you work in (all of them for trust admins)",
            description = """
                    The schools you act for, by name: the school or schools of your account, every school of the trust \
                    for trust administrators and trust integrations. An account linked to no trust is refused (403).""")
    @APIResponse(responseCode = "200", description = "Your schools, by name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = SchoolView.class)))
    public List<SchoolView> list() {
        return schools.visibleSchools().stream().map(SchoolView::of).toList();
    }

    @GET
    @Path("{urn}")
    @Authenticated
    @Operation(operationId = "getSchool", summary = "One school by URN",
            description = """
                    A school you act for, with its version as the ETag (for a trust administrator to change it). A \
                    school of another trust, or of your trust that you do not act for, is not found.""")
    @APIResponseSchema(value = SchoolView.class, responseCode = "200", responseDescription = "The school")
    public Response get(@Parameter(description = "The school's URN", example = "900101") @PathParam("urn") String urn) {
        return ok(schools.visibleSchool(urn));
    }

    @POST
    @Transactional // answered from inside the change's transaction, as every write is
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(operationId = "addSchool", summary = "Add a school to your trust",
            description = """
                    Adds a school to your trust with its URN, DfE number (LA code and establishment number), name, \
                    phase and age range; pupils can then be put on its roll. The URN and the DfE number must be new. \
                    Send an Idempotency-Key so that a retry after a lost answer does not fail as a duplicate.""")
    @APIResponseSchema(value = SchoolView.class, responseCode = "201", responseDescription = "The school as added")
    @APIResponse(responseCode = "409", description = "A school with this URN or this DfE number already exists")
    public Response create(@NotNull @Valid SchoolInput input,
            @Parameter(description = """
                    A key of your choosing, 1 to 200 characters, that makes a retry of this create safe""",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200),
                    example = "add-school-900101")
            @HeaderParam(Idempotency.HEADER) String key) {
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
    @Operation(operationId = "updateSchool", summary = "Change a school's details",
            description = """
                    Replaces the school's LA code, establishment number, name, phase and age range at the version you \
                    read. The URN in the body must be the one in the path: a school's URN does not change, and the DfE \
                    number must not be another school's. The lowest age must not be above the highest.""")
    @APIResponseSchema(value = SchoolView.class, responseCode = "200", responseDescription = "The school as changed")
    @APIResponse(responseCode = "409", description = "Another school already has this DfE number")
    public Response update(@Parameter(description = "The school's URN", example = "900101") @PathParam("urn") String urn,
            @NotNull @Valid SchoolInput input,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(schools.update(urn, details(input), ifMatch));
    }

    private static Response ok(School school) {
        return Response.ok(SchoolView.of(school)).tag(Versions.etag(school.version)).build();
    }

    private static SchoolDetails details(SchoolInput in) {
        return new SchoolDetails(in.urn(), in.laCode(), in.estabNumber(), in.name(), in.phase(), in.lowestAge(),
                in.highestAge());
    }
}
