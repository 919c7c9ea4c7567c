package uk.sen.review.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.review.service.PupilNames;
import uk.sen.review.service.SencoOverview;
import uk.sen.review.service.SencoOverview.DeadlineItem;

@Path("/api/v1/deadlines")
@Tag(name = "Deadlines")
@Produces(MediaType.APPLICATION_JSON)
public class DeadlineResource {

    @Inject
    SencoOverview overview;

    @Inject
    PupilNames names;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listDeadlines",
            summary = "Everything overdue or due within N days across your schools, soonest first: the pupil, the "
                    + "source (EHC plan review, SEN support plan, assessment request), the step, its date and status",
            description = """
                    The SENCO's to-do list: every open deadline of your schools that is overdue or falls due within \
                    the next `within` days (30 unless asked), from EHC plan reviews, SEN support reviews and EHC needs \
                    assessment requests, one page at a time, soonest first, each with the pupil's name, UPN and year group \
                    (the name as the register shows it to you, read from it for this list). Steps done or cancelled \
                    are left out. \
                    Asking for a school that is not one of yours answers 404. Each pupil listed is recorded in the \
                    audit log.""")
    @APIResponse(responseCode = "200", description = "One page of open deadlines")
    @APIResponse(responseCode = "404", description = "The school you asked for is not one of yours")
    public Page<DeadlineItem> list(
            @Parameter(description = "Only this school (its URN); leave out for all your schools",
                    example = "900101") @QueryParam("school") String school,
            @Parameter(description = "Days ahead, 0 to 366", schema = @Schema(type = SchemaType.INTEGER, minimum = "0",
                    maximum = "366", defaultValue = "30")) @QueryParam("within") @DefaultValue("30") String within,
            @Valid @BeanParam PageRequest page) {
        int days;
        try {
            days = Integer.parseInt(within.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("within", "must be a whole number of days, 0 to " + SencoOverview.MAX_WITHIN_DAYS);
        }
        Page<DeadlineItem> deadlines = overview.deadlines(school, days, page);
        var named = names.of(deadlines.items().stream().map(DeadlineItem::pupilId).toList());
        return deadlines.map(d -> d.named(named));
    }
}
