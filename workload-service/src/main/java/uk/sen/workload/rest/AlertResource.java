package uk.sen.workload.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.workload.service.AllocationAlerts;
import uk.sen.workload.service.AllocationAlerts.AlertView;

/**
 * The "allocation exceeded" alerts raised, newest first, as they were announced to notification-service (the id is
 * the event's alertId).
 */
@Path("/api/v1/alerts")
@Tag(name = "Allocation alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @Inject
    AllocationAlerts alerts;

    @GET
    @Transactional
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listAllocationAlerts", summary = "Allocation exceeded alerts, newest first",
            description = """
                    The "allocation exceeded" alerts raised, the newest first, a page at a time, as they were \
                    announced to notification-service: a SENCO's weeks at a school ran over their protected time \
                    (time logged, or the forecast of the statutory work ahead) by the margin for enough weeks in a \
                    row. One alert per SENCO, school and term. A SENCO sees their own, SLT those of their schools, a \
                    trust administrator the trust's; filter by school.""")
    @APIResponse(responseCode = "200", description = "A page of alerts")
    public Page<AlertView> list(
            @QueryParam("school") @Parameter(description = "Only this school (its URN)", example = "900101") String school,
            @Valid @BeanParam PageRequest page) {
        return alerts.list(school, page);
    }
}
