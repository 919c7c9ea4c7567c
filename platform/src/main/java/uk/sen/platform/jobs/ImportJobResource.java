package uk.sen.platform.jobs;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.security.Roles;

/** The import jobs of this service: how far each has gone, and its report when it has finished. */
@Path("/api/v1/import-jobs")
@Tag(name = "Import jobs")
public class ImportJobResource {

    @Inject
    ImportJobs jobs;

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getImportJob", summary = "An import job: its progress, then its report",
            description = """
                    An import sent with Prefer: respond-async: rows read, applied, unchanged and invalid so far while \
                    it is RUNNING; when it has SUCCEEDED, the report the synchronous form answers; when it has FAILED, \
                    why. A job whose service stopped mid-way is FAILED with the counts it had reached: send the same \
                    file again to finish it (what was applied is not applied twice). Jobs of your trust (of your \
                    schools, for a school role).""")
    public ImportJobs.Job get(@Parameter(description = "The job's id (from the Location of the 202)")
    @PathParam("id") UUID id) {
        return jobs.get(id);
    }
}
