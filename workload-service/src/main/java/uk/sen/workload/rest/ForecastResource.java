package uk.sen.workload.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.workload.service.ForecastService;

/** The statutory work ahead and the time it will take, week by week to the end of next term, against allocation. */
@Path("/api/v1/forecast")
@Tag(name = "Forecast")
@Produces(MediaType.APPLICATION_JSON)
public class ForecastResource {

    @Inject
    ForecastService forecasts;

    @Inject
    CallerScope caller;

    @GET
    @Path("schools/{urn}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolWorkloadForecast",
            summary = "A school's forecast: statutory work ahead and expected hours per week, against allocation",
            description = """
                    Week by week from this week to the end of next term: the statutory work open at the school \
                    (EHCP annual and phase transfer reviews, SEN support plan reviews, EHC needs assessment \
                    requests, as review-service announced them) spread over the weeks before each meeting or due \
                    date, the hours it is expected to take (the configured effort, or what the school's finished \
                    pieces of that kind took once there are enough of them), plus each SENCO's usual time on \
                    everything else, against the protected time of all the school's SENCOs. It flags weeks over \
                    allocation and the first run of weeks over it by the margin, which is what raises a FORECAST \
                    alert. SENCOs and SLT of the school and trust administrators may read it.""")
    @APIResponse(responseCode = "200", description = "The school's forecast")
    public ForecastService.ForecastView school(
            @PathParam("urn") @Parameter(description = "The school's 6-digit URN", example = "900101") String urn) {
        String trust = caller.requireTrust();
        caller.requireSchool(trust, urn);
        return forecasts.forSchool(trust, urn);
    }

    @GET
    @Path("sencos/{senco}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSencoWorkloadForecast", summary = "A SENCO's forecast at a school",
            description = """
                    The school's forecast for one SENCO: their usual time on everything else, and their share of \
                    the statutory work ahead (in proportion to their allocation when the school has several \
                    SENCOs), against their own protected time, week by week to the end of next term. Use `me` for \
                    your own. SLT and trust administrators may read any SENCO's at a school of theirs; a SENCO only \
                    their own (another SENCO is not found). `school` may be left out when you have one school; a \
                    SENCO with neither an allocation nor recent time at the school is not found.""")
    @APIResponse(responseCode = "200", description = "The SENCO's forecast")
    public ForecastService.ForecastView senco(
            @PathParam("senco") @Parameter(description = "The SENCO's username, or `me` for your own", example = "me") String senco,
            @QueryParam("school") @Parameter(description = "The school (its URN); required unless you have exactly one school",
                    example = "900101") String school) {
        String trust = caller.requireTrust();
        String name = "me".equals(senco) ? caller.username() : senco;
        boolean own = name.equals(caller.username());
        if (!own && !caller.hasAnyRole(Roles.SLT, Roles.TRUST_ADMIN)) {
            throw ProblemException.notFound("SENCO", name);
        }
        String urn = school;
        if (urn == null) {
            if (caller.schools().size() != 1) {
                throw ProblemException.invalid("school", "is required (which school's forecast?)");
            }
            urn = caller.schools().iterator().next();
        }
        caller.requireSchool(trust, urn);
        return forecasts.forSenco(trust, urn, name).orElseThrow(() -> ProblemException.notFound("SENCO", name));
    }
}
