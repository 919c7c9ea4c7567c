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
    @Operation(summary = "A school's forecast: statutory work per week by kind, expected hours, against its SENCOs' allocation")
    public ForecastService.ForecastView school(@PathParam("urn") String urn) {
        String trust = caller.requireTrust();
        caller.requireSchool(trust, urn);
        return forecasts.forSchool(trust, urn);
    }

    @GET
    @Path("sencos/{senco}")
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "A SENCO's forecast at a school ('me' for your own; school may be left out if you have one)")
    public ForecastService.ForecastView senco(@PathParam("senco") String senco, @QueryParam("school") String school) {
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
