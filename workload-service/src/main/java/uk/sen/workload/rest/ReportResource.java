package uk.sen.workload.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.security.Roles;
import uk.sen.workload.domain.Period;
import uk.sen.workload.service.Categories;
import uk.sen.workload.service.ReportService;
import uk.sen.workload.service.SencoRoles;
import uk.sen.platform.chart.ChartScene;
import uk.sen.platform.chart.PngChart;
import uk.sen.platform.chart.SvgChart;
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

    static final String URN_PARAM = "The school's 6-digit URN";

    /** The period every report covers: the week, term or school year containing a day. */
    public static class ReportPeriod {

        @QueryParam("period")
        @Parameter(description = "week, term (the default) or year (any letter case)",
                schema = @Schema(type = SchemaType.STRING, enumeration = { "week", "term", "year" }, defaultValue = "term"))
        public String period;

        @QueryParam("date")
        @Parameter(description = "A day in the period (default today)")
        public LocalDate date;

        Period.Kind kind() {
            return ReportService.periodKind(period);
        }
    }

    /** Whose report, on the SENCO endpoints: the SENCO and, optionally, one of their schools. */
    public static class SencoSelection {

        @PathParam("senco")
        @Parameter(description = "The SENCO's username, or `me` for your own", example = "me")
        public String senco;

        @QueryParam("school")
        @Parameter(description = "Only their time at this school (its URN); all the schools you may see if left out",
                example = "900101")
        public String school;
    }

    @Inject
    ReportService reports;

    @Inject
    Categories categories;

    @Inject
    AuditLog audit;

    @Inject
    SencoRoles roles;

    // ---- a SENCO ---------------------------------------------------------------------------------------------

    @GET
    @Path("sencos/{senco}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSencoWorkloadReport", summary = "A SENCO's time in a week, term or school year",
            description = """
                    Where a SENCO's time went: totals by activity category, National Standards area and kind of work, \
                    the administrative share, time spent against protected time and the weeks over it, week by week, and \
                    per school. The period is the week, school term (the default) or school year containing `date` \
                    (default today), reported up to today. A SENCO sees their own (`me`); SLT any SENCO with time or an \
                    allocation at their schools; a trust administrator any of the trust; any other SENCO is not found. \
                    `school` narrows it to one school. Only sums: no note or pupil of any entry.""")
    @APIResponse(responseCode = "200", description = "The SENCO's report")
    public ReportService.Report senco(@BeanParam SencoSelection who, @BeanParam ReportPeriod period) {
        return report(reports.sencoScope(who.senco, who.school), period);
    }

    @GET
    @Path("sencos/{senco}/weeks.csv")
    @Produces(CSV)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "exportSencoWorkloadCsv", summary = "A SENCO's weeks as CSV: allocated and spent hours, and hours per category",
            description = """
                    The same period as the SENCO's report, one row per school and week: hours allocated and spent, then \
                    hours per category, for a spreadsheet. The period is the week, school term (the default) or school \
                    year containing `date` (default today), reported up to today. A SENCO sees their own (`me`); SLT any \
                    SENCO with time or an allocation at their schools; a trust administrator any of the trust; any other \
                    SENCO is not found. The export is recorded in the audit trail.""")
    @APIResponse(responseCode = "200", description = "The SENCO's weeks, as a CSV file (UTF-8) to save",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response sencoCsv(@BeanParam SencoSelection who, @BeanParam ReportPeriod period) {
        return csv(reports.sencoScope(who.senco, who.school), period);
    }

    @GET
    @Path("sencos/{senco}/chart.svg")
    @Produces(SVG)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSencoWorkloadChartSvg", summary = "A SENCO's weekly chart (SVG): time by category against protected time",
            description = """
                    The chart for governors: each week's hours stacked by category, with the protected time allocated as \
                    a line. The period is the week, school term (the default) or school year containing `date` (default \
                    today), reported up to today. A SENCO sees their own (`me`); SLT any SENCO with time or an \
                    allocation at their schools; a trust administrator any of the trust; any other SENCO is not \
                    found.""")
    @APIResponse(responseCode = "200", description = "The chart, as an SVG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING)))
    public Response sencoSvg(@BeanParam SencoSelection who, @BeanParam ReportPeriod period) {
        return svg(reports.sencoScope(who.senco, who.school), period);
    }

    @GET
    @Path("sencos/{senco}/chart.png")
    @Produces(PNG)
    @RolesAllowed({ Roles.SENCO, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSencoWorkloadChartPng", summary = "A SENCO's weekly chart (PNG)",
            description = """
                    The same chart as the SVG, as a PNG image for documents that take no SVG. The period is the week, \
                    school term (the default) or school year containing `date` (default today), reported up to today. A \
                    SENCO sees their own (`me`); SLT any SENCO with time or an allocation at their schools; a trust \
                    administrator any of the trust; any other SENCO is not found.""")
    @APIResponse(responseCode = "200", description = "The chart, as a PNG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response sencoPng(@BeanParam SencoSelection who, @BeanParam ReportPeriod period) {
        return png(reports.sencoScope(who.senco, who.school), period);
    }

    // ---- a school --------------------------------------------------------------------------------------------

    @GET
    @Path("schools/{urn}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolWorkloadReport", summary = "A school's SENCO time: totals and per SENCO, against protected time",
            description = """
                    Where the school's SENCO time went: totals by activity category, National Standards area and kind of \
                    work, the administrative share, time against protected time and the weeks over it, week by week, and \
                    per SENCO. The period is the week, school term (the default) or school year containing `date` \
                    (default today), reported up to today. SLT of the school and trust administrators may read it; \
                    another school is not found. Only sums: no note or pupil of any entry.""")
    @APIResponse(responseCode = "200", description = "The school's report")
    public ReportService.Report school(@PathParam("urn") @Parameter(description = URN_PARAM, example = "900101") String urn,
            @BeanParam ReportPeriod period) {
        return report(reports.schoolScope(urn), period);
    }

    @GET
    @Path("schools/{urn}/weeks.csv")
    @Produces(CSV)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "exportSchoolWorkloadCsv", summary = "A school's weeks per SENCO as CSV",
            description = """
                    One row per SENCO and week of the period: hours allocated and spent, then hours per category, for a \
                    spreadsheet. The period is the week, school term (the default) or school year containing `date` \
                    (default today), reported up to today. SLT of the school and trust administrators may read it; \
                    another school is not found. The export is recorded in the audit trail.""")
    @APIResponse(responseCode = "200", description = "The school's weeks, as a CSV file (UTF-8) to save",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response schoolCsv(@PathParam("urn") @Parameter(description = URN_PARAM, example = "900101") String urn,
            @BeanParam ReportPeriod period) {
        return csv(reports.schoolScope(urn), period);
    }

    @GET
    @Path("schools/{urn}/chart.svg")
    @Produces(SVG)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolWorkloadChartSvg", summary = "A school's weekly chart for governors (SVG)",
            description = """
                    Each week's SENCO hours at the school stacked by category, with the protected time allocated as a \
                    line. The period is the week, school term (the default) or school year containing `date` (default \
                    today), reported up to today. SLT of the school and trust administrators may read it; another school \
                    is not found.""")
    @APIResponse(responseCode = "200", description = "The chart, as an SVG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING)))
    public Response schoolSvg(@PathParam("urn") @Parameter(description = URN_PARAM, example = "900101") String urn,
            @BeanParam ReportPeriod period) {
        return svg(reports.schoolScope(urn), period);
    }

    @GET
    @Path("schools/{urn}/chart.png")
    @Produces(PNG)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolWorkloadChartPng", summary = "A school's weekly chart for governors (PNG)",
            description = """
                    The same chart as the SVG, as a PNG image for documents that take no SVG. The period is the week, \
                    school term (the default) or school year containing `date` (default today), reported up to today. \
                    SLT of the school and trust administrators may read it; another school is not found.""")
    @APIResponse(responseCode = "200", description = "The chart, as a PNG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response schoolPng(@PathParam("urn") @Parameter(description = URN_PARAM, example = "900101") String urn,
            @BeanParam ReportPeriod period) {
        return png(reports.schoolScope(urn), period);
    }

    // ---- the trust -------------------------------------------------------------------------------------------

    @GET
    @Path("trust")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(operationId = "getTrustWorkloadReport", summary = "The trust's SENCO time: totals, per school and per SENCO, against protected time",
            description = """
                    Where SENCO time went across the trust: totals by activity category, National Standards area and \
                    kind of work, the administrative share, time against protected time and the weeks over it, week by \
                    week, per school and per SENCO. The period is the week, school term (the default) or school year \
                    containing `date` (default today), reported up to today. Only sums: no note or pupil of any \
                    entry.""")
    @APIResponse(responseCode = "200", description = "The trust's report")
    public ReportService.Report trust(@BeanParam ReportPeriod period) {
        return report(reports.trustScope(), period);
    }

    @GET
    @Path("trust/weeks.csv")
    @Produces(CSV)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(operationId = "exportTrustWorkloadCsv", summary = "The trust's weeks per school and SENCO as CSV",
            description = """
                    One row per school, SENCO and week of the period: hours allocated and spent, then hours per \
                    category, for a spreadsheet. The period is the week, school term (the default) or school year \
                    containing `date` (default today), reported up to today. The export is recorded in the audit \
                    trail.""")
    @APIResponse(responseCode = "200", description = "The trust's weeks, as a CSV file (UTF-8) to save",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response trustCsv(@BeanParam ReportPeriod period) {
        return csv(reports.trustScope(), period);
    }

    @GET
    @Path("trust/chart.svg")
    @Produces(SVG)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(operationId = "getTrustWorkloadChartSvg", summary = "The trust's weekly chart (SVG)",
            description = """
                    Each week's SENCO hours across the trust stacked by category, with the protected time allocated as a \
                    line. The period is the week, school term (the default) or school year containing `date` (default \
                    today), reported up to today.""")
    @APIResponse(responseCode = "200", description = "The chart, as an SVG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING)))
    public Response trustSvg(@BeanParam ReportPeriod period) {
        return svg(reports.trustScope(), period);
    }

    @GET
    @Path("trust/chart.png")
    @Produces(PNG)
    @RolesAllowed(Roles.TRUST_ADMIN)
    @Operation(operationId = "getTrustWorkloadChartPng", summary = "The trust's weekly chart (PNG)",
            description = """
                    The same chart as the SVG, as a PNG image for documents that take no SVG. The period is the week, \
                    school term (the default) or school year containing `date` (default today), reported up to \
                    today.""")
    @APIResponse(responseCode = "200", description = "The chart, as a PNG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response trustPng(@BeanParam ReportPeriod period) {
        return png(reports.trustScope(), period);
    }

    // ---- renderings ------------------------------------------------------------------------------------------

    private ReportService.Report report(ReportService.Scope scope, ReportPeriod period) {
        return reports.report(scope, period.kind(), period.date);
    }

    @GET
    @Path("senco-roles")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSencoRoles", summary = "The SENCO role in each school today: SLT seat, protected time, qualification",
            description = """
                    For a trust administrator the trust's schools, for SLT their own: each SENCO post held today with \
                    years in post, whether the SENCO sits on the senior leadership team, the protected time allocated \
                    today, and the mandatory qualification with its three-year deadline and the alert it is at; \
                    schools with protected time but no post recorded are listed without one. The summary counts what \
                    the SENCO surveys say decides whether the role is doable. Filter by school.""")
    @APIResponse(responseCode = "200", description = "The SENCO role in each school")
    public SencoRoles.Overview sencoRoles(
            @QueryParam("school") @Parameter(description = "Only this school (its URN)", example = "900101") String school) {
        return roles.overview(school);
    }

    @GET
    @Path("senco-roles.csv")
    @Produces(CSV)
    @RolesAllowed({ Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "exportSencoRolesCsv", summary = "The SENCO role in each school today, as CSV",
            description = """
                    The same as the JSON view, one row per post held today (and one per school without one, marked \
                    NO_SENCO_RECORDED), for a spreadsheet. The export is recorded in the audit trail.""")
    @APIResponse(responseCode = "200", description = "The SENCO posts, as a CSV file (UTF-8) to save",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response sencoRolesCsv(
            @QueryParam("school") @Parameter(description = "Only this school (its URN)", example = "900101") String school) {
        SencoRoles.Overview overview = roles.overview(school);
        audit.record(AuditLog.EXPORT, "senco-roles", List.of("senco-roles"), overview.trustId(), school,
                "CSV of the SENCO posts held on " + overview.asOf());
        return Response.ok(SencoRoles.csv(overview), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"senco-roles-" + overview.asOf() + ".csv\"")
                .build();
    }

    private Response csv(ReportService.Scope scope, ReportPeriod period) {
        Period.Kind kind = period.kind();
        String body = reports.csv(scope, kind, period.date);
        audit.record(AuditLog.EXPORT, "workload-report", List.of(key(scope)), scope.trustId(), scope.schoolUrn(),
                "CSV of " + kind.name().toLowerCase() + " " + (period.date == null ? "today" : period.date));
        return file(body, CSV + "; charset=UTF-8", "attachment", scope, "csv");
    }

    private Response svg(ReportService.Scope scope, ReportPeriod period) {
        return file(SvgChart.render(chart(scope, period)), SVG + "; charset=UTF-8", "inline", scope, "svg");
    }

    private Response png(ReportService.Scope scope, ReportPeriod period) {
        return file(PngChart.render(chart(scope, period)), PNG, "inline", scope, "png");
    }

    private ChartScene chart(ReportService.Scope scope, ReportPeriod period) {
        return WeeklyChart.of(report(scope, period), categories.all());
    }

    private static Response file(Object body, String type, String disposition, ReportService.Scope scope, String extension) {
        return Response.ok(body, type).header("Content-Disposition",
                disposition + "; filename=\"workload-" + fileName(scope) + "." + extension + "\"").build();
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
