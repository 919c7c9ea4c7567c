package uk.sen.workload.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.security.Roles;
import uk.sen.workload.domain.Period;
import uk.sen.workload.service.Categories;
import uk.sen.workload.service.ReportService;
import uk.sen.workload.service.chart.PngChart;
import uk.sen.workload.service.chart.SvgChart;
import uk.sen.workload.service.chart.WeeklyChart;

/**
 * Workload reports (JSON), their CSV export and the governors' chart (SVG, PNG), for a SENCO, a school or the
 * trust. Aggregates only: no note or pupil reference of any entry is in a report.
 */
@Path("/api/v1/reports")
@Tag(name = "Reports")
public class ReportResource {

    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";
    public static final String CSV = "text/csv";

    @Inject
    ReportService reports;

    @Inject
    Categories categories;

    @Inject
    AuditLog audit;

    // ---- a SENCO ---------------------------------------------------------------------------------------------

    @GET
    @Path("sencos/{senco}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "A SENCO's time in a week, term or school year ('me' for your own)")
    public ReportService.Report senco(@PathParam("senco") String senco, @QueryParam("school") String school,
            @QueryParam("period") @Parameter(description = "week, term (default) or year") String period,
            @QueryParam("date") @Parameter(description = "A day in the period (default today)") LocalDate date) {
        return reports.report(reports.sencoScope(senco, school), ReportService.periodKind(period), date);
    }

    @GET
    @Path("sencos/{senco}/weeks.csv")
    @Produces(CSV)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "A SENCO's weeks as CSV: allocated and spent hours, and hours per category")
    public Response sencoCsv(@PathParam("senco") String senco, @QueryParam("school") String school,
            @QueryParam("period") String period, @QueryParam("date") LocalDate date) {
        return csv(reports.sencoScope(senco, school), period, date);
    }

    @GET
    @Path("sencos/{senco}/chart.svg")
    @Produces(SVG)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "A SENCO's weekly chart: time spent by category against protected time (SVG)")
    public Response sencoSvg(@PathParam("senco") String senco, @QueryParam("school") String school,
            @QueryParam("period") String period, @QueryParam("date") LocalDate date) {
        return svg(reports.sencoScope(senco, school), period, date);
    }

    @GET
    @Path("sencos/{senco}/chart.png")
    @Produces(PNG)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The same chart as PNG")
    public Response sencoPng(@PathParam("senco") String senco, @QueryParam("school") String school,
            @QueryParam("period") String period, @QueryParam("date") LocalDate date) {
        return png(reports.sencoScope(senco, school), period, date);
    }

    // ---- a school --------------------------------------------------------------------------------------------

    @GET
    @Path("schools/{urn}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "A school's SENCO time: totals, per SENCO, against protected time (SLT of the school, trust admins)")
    public ReportService.Report school(@PathParam("urn") String urn, @QueryParam("period") String period,
            @QueryParam("date") LocalDate date) {
        return reports.report(reports.schoolScope(urn), ReportService.periodKind(period), date);
    }

    @GET
    @Path("schools/{urn}/weeks.csv")
    @Produces(CSV)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "A school's weeks per SENCO as CSV")
    public Response schoolCsv(@PathParam("urn") String urn, @QueryParam("period") String period,
            @QueryParam("date") LocalDate date) {
        return csv(reports.schoolScope(urn), period, date);
    }

    @GET
    @Path("schools/{urn}/chart.svg")
    @Produces(SVG)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "A school's weekly chart for governors (SVG)")
    public Response schoolSvg(@PathParam("urn") String urn, @QueryParam("period") String period,
            @QueryParam("date") LocalDate date) {
        return svg(reports.schoolScope(urn), period, date);
    }

    @GET
    @Path("schools/{urn}/chart.png")
    @Produces(PNG)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "The same chart as PNG")
    public Response schoolPng(@PathParam("urn") String urn, @QueryParam("period") String period,
            @QueryParam("date") LocalDate date) {
        return png(reports.schoolScope(urn), period, date);
    }

    // ---- the trust -------------------------------------------------------------------------------------------

    @GET
    @Path("trust")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "The trust's SENCO time: totals, per school and per SENCO, against protected time")
    public ReportService.Report trust(@QueryParam("period") String period, @QueryParam("date") LocalDate date) {
        return reports.report(reports.trustScope(), ReportService.periodKind(period), date);
    }

    @GET
    @Path("trust/weeks.csv")
    @Produces(CSV)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "The trust's weeks per school and SENCO as CSV")
    public Response trustCsv(@QueryParam("period") String period, @QueryParam("date") LocalDate date) {
        return csv(reports.trustScope(), period, date);
    }

    @GET
    @Path("trust/chart.svg")
    @Produces(SVG)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "The trust's weekly chart (SVG)")
    public Response trustSvg(@QueryParam("period") String period, @QueryParam("date") LocalDate date) {
        return svg(reports.trustScope(), period, date);
    }

    @GET
    @Path("trust/chart.png")
    @Produces(PNG)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(summary = "The same chart as PNG")
    public Response trustPng(@QueryParam("period") String period, @QueryParam("date") LocalDate date) {
        return png(reports.trustScope(), period, date);
    }

    // ---- renderings ------------------------------------------------------------------------------------------

    private Response csv(ReportService.Scope scope, String period, LocalDate date) {
        Period.Kind kind = ReportService.periodKind(period);
        String body = reports.csv(scope, kind, date);
        audit.record(AuditLog.EXPORT, "workload-report", List.of(key(scope)), scope.trustId(), scope.schoolUrn(),
                "CSV of " + kind.name().toLowerCase() + " " + (date == null ? "today" : date));
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"workload-" + fileName(scope) + ".csv\"").build();
    }

    private Response svg(ReportService.Scope scope, String period, LocalDate date) {
        ReportService.Report report = reports.report(scope, ReportService.periodKind(period), date);
        return Response.ok(SvgChart.render(WeeklyChart.of(report, categories.all())), SVG + "; charset=UTF-8")
                .header("Content-Disposition", "inline; filename=\"workload-" + fileName(scope) + ".svg\"").build();
    }

    private Response png(ReportService.Scope scope, String period, LocalDate date) {
        ReportService.Report report = reports.report(scope, ReportService.periodKind(period), date);
        return Response.ok(PngChart.render(WeeklyChart.of(report, categories.all())), PNG)
                .header("Content-Disposition", "inline; filename=\"workload-" + fileName(scope) + ".png\"").build();
    }

    private static String key(ReportService.Scope scope) {
        return switch (scope.level()) {
            case SENCO -> "senco:" + scope.senco();
            case SCHOOL -> "school:" + scope.schoolUrn();
            case TRUST -> "trust:" + scope.trustId();
        };
    }

    private static String fileName(ReportService.Scope scope) {
        return key(scope).replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
