package uk.sen.review.rest;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

import uk.sen.platform.security.Roles;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.InputRules;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.service.LaReviews;

/** What a local authority SEN officer follows: the EHC plan reviews at the LA's schools, across trusts. */
@Path("/api/v1/la")
@Tag(name = "Local authority")
@Produces(MediaType.APPLICATION_JSON)
public class LaReviewResource {

    static final String CSV = "text/csv";

    @Inject
    LaReviews reviews;

    @Inject
    EnglandClock calendar;

    @GET
    @Path("reviews")
    @RolesAllowed(Roles.LA_OFFICER)
    @Operation(operationId = "listLaReviews",
            summary = "The EHC plan reviews at your LA's schools, across trusts: dates, report on time, LA decision, "
                    + "overdue steps",
            description = """
                    For a local authority SEN officer: the EHC plan reviews (annual and phase transfer) of the pupils \
                    at the schools of your LA, whichever trust runs them, soonest due first, one page at a time. Each \
                    shows when the review is due, the meeting's date and when it was held, when the report reached the \
                    LA and whether that was within 2 weeks of the meeting, the LA's decision and its date, the final \
                    amended plan's date, and the steps overdue today. Listed are the reviews at the school each pupil \
                    attends today: an open review follows its pupil to a new school, one finished at an earlier school \
                    is not listed. A pupil is given by their id only: no name, UPN or \
                    date of birth. Filter by school, by due date (from, to) and by kind. Your account must name your \
                    LA; each pupil listed is recorded in the audit log of their school's trust.""")
    @APIResponse(responseCode = "200", description = "One page of reviews")
    public Page<LaReviews.LaReview> list(@BeanParam Filter filter, @Valid @BeanParam PageRequest page) {
        return reviews.list(filter.filter(), page);
    }

    @GET
    @Path("reviews.csv")
    @Produces(CSV)
    @RolesAllowed(Roles.LA_OFFICER)
    @Operation(operationId = "getLaReviewsCsv", summary = "The EHC plan reviews at your LA's schools as a CSV file",
            description = """
                    The same reviews as listLaReviews, with the same filters, all of them (not paged) in one CSV file \
                    for a spreadsheet: one row per review, soonest due first, with a header row; the overdue steps \
                    of a review are separated by "; ". Each pupil in the file is recorded in the audit log of their \
                    school's trust as exported.""")
    @APIResponse(responseCode = "200", description = "The reviews, as a CSV file (UTF-8) to save",
            headers = @Header(name = "Content-Disposition", description = "attachment, with a file name",
                    schema = @Schema(type = SchemaType.STRING,
                            examples = "attachment; filename=\"ehc-reviews-801-2027-01-15.csv\"")),
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response csv(@BeanParam Filter filter) {
        String body = LaReviews.csv(reviews.all(filter.filter()));
        return Response.ok(body, CSV + "; charset=UTF-8").header("Content-Disposition", "attachment; filename=\""
                + "ehc-reviews-" + reviews.requireLa().replaceAll("[^A-Za-z0-9]", "") + "-" + calendar.today()
                + ".csv\"").build();
    }

    /** The filters both views take. */
    public static class Filter {

        @QueryParam("school")
        @Parameter(description = "Only this school of your LA (its URN); leave out for all of them",
                schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{6}$"), example = "900101")
        public String school;

        @QueryParam("from")
        @Parameter(description = "Only reviews due on or after this day (yyyy-MM-dd)", example = "2026-09-01",
                schema = @Schema(type = SchemaType.STRING, format = "date"))
        public String from;

        @QueryParam("to")
        @Parameter(description = "Only reviews due on or before this day (yyyy-MM-dd); not before from",
                example = "2027-08-31", schema = @Schema(type = SchemaType.STRING, format = "date"))
        public String to;

        @QueryParam("kind")
        @Parameter(description = "Only annual reviews, or only phase transfer reviews (upper or lower case)",
                schema = @Schema(type = SchemaType.STRING, enumeration = { "ANNUAL", "PHASE_TRANSFER" }))
        public String kind;

        LaReviews.Filter filter() {
            return new LaReviews.Filter(blankToNull(school), date("from", from), date("to", to), blankToNull(kind));
        }

        private static LocalDate date(String field, String value) {
            return value == null || value.isBlank() ? null : InputRules.date(field, value.trim());
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
