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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.security.Roles;
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
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getRegisterSummary", summary = "The register at a glance, per school and in total",
            description = """
                    How many pupils on roll have SEN support (K) or an EHC plan (E), with percentages, by primary \
                    need, broad area of need and year group, for each of your schools (every school of the trust for \
                    trust administrators) and in total, as the register stood on a date. Counts only: no pupil is \
                    named. Legacy provisions (S, A, P) of imported records are counted apart.""")
    @APIResponseSchema(value = RegisterSummary.class, responseCode = "200",
            responseDescription = "The counts, in total and per school")
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    public RegisterSummary summary(
            @Parameter(description = "Only this school (URN); default: all your schools", example = "900101")
            @QueryParam("school") String school,
            @Parameter(description = "The date (yyyy-MM-dd); default today (Europe/London)",
                    schema = @Schema(type = SchemaType.STRING, format = "date"))
            @QueryParam("asAt") String asAt) {
        LocalDate date = ImportResource.date("asAt", asAt);
        return summaries.summary(school, date == null ? register.today() : date);
    }
}
