package uk.sen.review.rest;

import java.time.LocalDate;
import java.util.UUID;

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

import uk.sen.platform.chart.PngChart;
import uk.sen.platform.chart.SvgChart;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.InputRules;
import uk.sen.review.service.OutcomesChart;
import uk.sen.review.service.OutcomesReport;
import uk.sen.review.service.OutcomesReport.PupilOutcomes;
import uk.sen.review.service.OutcomesReport.SchoolOutcomes;

/** The progress SEN support reviews record: a pupil's outcomes over time, and a school's this term and last. */
@Path("/api/v1/outcomes")
@Tag(name = "Outcomes")
@Produces(MediaType.APPLICATION_JSON)
public class OutcomeResource {

    static final String CSV = "text/csv";
    static final String SVG = "image/svg+xml";
    static final String PNG = "image/png";

    @Inject
    OutcomesReport report;

    @GET
    @Path("pupils/{pupilId}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getPupilOutcomes", summary = "A pupil's SEN support outcomes, each scored over time",
            description = """
                    Every outcome of the pupil's SEN support plans that a review scored, with each score (-2 much \
                    less than expected progress .. +2 much more than expected), the day and term of the review and \
                    the reviewer's comment, oldest first, and the latest score. For a pupil of your schools; the \
                    read is recorded in the audit log.""")
    public PupilOutcomes pupil(@Parameter(description = "The pupil's id (the register's)") @PathParam("pupilId") UUID id) {
        return report.pupil(id);
    }

    @GET
    @Path("schools/{urn}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolOutcomes",
            summary = "A school's SEN support outcomes met or progressing, this term and last",
            description = """
                    For this term (the one started most recently, by the school's LA's term dates) and the one \
                    before it: how many outcome scores the school's SEN support reviews recorded, and how many were \
                    met or progressing (scored 0, expected progress, or above), for the whole school, by the broad \
                    area of the pupil's primary need and by year group. A score counts in the term its review was \
                    held (in a holiday, the term before it); this term counts up to the day asked. Recorded in the \
                    audit log.""")
    public SchoolOutcomes school(@BeanParam SchoolAsAt school) {
        return report.school(school.urn, school.asAt());
    }

    @GET
    @Path("schools/{urn}/report.csv")
    @Produces(CSV)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolOutcomesCsv", summary = "A school's SEN support outcomes as a CSV file",
            description = """
                    The same figures as getSchoolOutcomes, one row per term and group (school, need_area, \
                    year_group), for a spreadsheet. Recorded in the audit log.""")
    @APIResponse(responseCode = "200", description = "The outcomes, as a CSV file (UTF-8) to save",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response schoolCsv(@BeanParam SchoolAsAt school) {
        SchoolOutcomes outcomes = report.school(school.urn, school.asAt());
        return file(report.csv(outcomes), CSV + "; charset=UTF-8", "attachment", outcomes, "csv");
    }

    @GET
    @Path("schools/{urn}/chart.svg")
    @Produces(SVG)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolOutcomesChartSvg",
            summary = "A school's outcomes chart (SVG): met or progressing this term against last",
            description = """
                    The chart for governors: for the whole school, each broad area of need and each year group, the \
                    share of outcomes met or progressing this term beside last term, each bar with its percentage, \
                    and the headline figures printed above. Recorded in the audit log.""")
    @APIResponse(responseCode = "200", description = "The chart, as an SVG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = SVG, schema = @Schema(type = SchemaType.STRING)))
    public Response schoolSvg(@BeanParam SchoolAsAt school) {
        SchoolOutcomes outcomes = report.school(school.urn, school.asAt());
        return file(SvgChart.render(OutcomesChart.of(outcomes)), SVG + "; charset=UTF-8", "inline", outcomes, "svg");
    }

    @GET
    @Path("schools/{urn}/chart.png")
    @Produces(PNG)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSchoolOutcomesChartPng", summary = "A school's outcomes chart (PNG)",
            description = """
                    The same chart as the SVG, as a PNG image for documents that take no SVG. Recorded in the audit \
                    log.""")
    @APIResponse(responseCode = "200", description = "The chart, as a PNG image",
            headers = @Header(name = "Content-Disposition", description = "inline, with a file name",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response schoolPng(@BeanParam SchoolAsAt school) {
        SchoolOutcomes outcomes = report.school(school.urn, school.asAt());
        return file(PngChart.render(OutcomesChart.of(outcomes)), PNG, "inline", outcomes, "png");
    }

    private static Response file(Object body, String type, String disposition, SchoolOutcomes outcomes,
            String extension) {
        return Response.ok(body, type).header("Content-Disposition", disposition + "; filename=\"outcomes-"
                + outcomes.schoolUrn() + "-" + outcomes.asAt() + "." + extension + "\"").build();
    }

    /** Which school's outcomes, and as at which day: the parameters of every school endpoint. */
    public static class SchoolAsAt {

        @PathParam("urn")
        @Parameter(description = "The school's URN", example = "900101")
        public String urn;

        @QueryParam("date")
        @Parameter(description = "Take this term and the last as at this day (yyyy-MM-dd) instead of today",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        public String date;

        LocalDate asAt() {
            return date == null || date.isBlank() ? null : InputRules.date("date", date.trim());
        }
    }
}
