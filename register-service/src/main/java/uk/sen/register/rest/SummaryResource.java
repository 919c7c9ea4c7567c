package uk.sen.register.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.InputRules;
import uk.sen.register.service.RegisterService;
import uk.sen.register.service.SummaryService;
import uk.sen.register.service.SummaryService.RegisterSummary;

@Path("/api/v1/register/summary")
@Tag(name = "Register summary")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    @Inject
    SummaryService summaries;

    @Inject
    RegisterService register;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The register at a glance: pupils on roll with SEN support (K) and EHC plans (E), by "
            + "primary need, broad area and year group, per school and in total, as at a date")
    public RegisterSummary summary(
            @Parameter(description = "One school (URN); default: all your schools") @QueryParam("school") String school,
            @Parameter(description = "The date (yyyy-MM-dd); default today (Europe/London)") @QueryParam("asAt") String asAt) {
        return summaries.summary(school, date(asAt));
    }

    private LocalDate date(String asAt) {
        if (asAt == null || asAt.isBlank()) {
            return register.today();
        }
        return InputRules.date("asAt", asAt.trim());
    }
}
