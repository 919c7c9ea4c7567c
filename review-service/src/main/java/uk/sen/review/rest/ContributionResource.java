package uk.sen.review.rest;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.review.domain.ContributionRequest.Agency;
import uk.sen.review.domain.ContributionRequest.Contributor;
import uk.sen.review.service.Contributions;
import uk.sen.review.service.Contributions.RequestView;
import uk.sen.review.service.Contributions.ReviewContributions;

/**
 * Views and advice before an EHC plan annual review meeting: asked for by the SENCO or an SEN administrator, given by
 * teachers here, and by parents and agencies on the form their link opens ({@link ContributionFormResource}).
 */
@Path("/api/v1/reviews/{id}")
@Tag(name = "Views and advice")
@Produces(MediaType.APPLICATION_JSON)
public class ContributionResource {

    @Schema(description = "Whom to ask for views or advice before the meeting, and by when")
    public record RequestInput(
            @NotNull @Schema(description = "A teacher of the school (by account), the pupil's parents, or an agency")
            Contributor contributor,
            @Size(max = 100) @Schema(nullable = true, description = "The teacher's account (TEACHER only)",
                    examples = "teacher.harbour") String teacher,
            @Schema(nullable = true, description = "The kind of agency (AGENCY only): its contacts for the pupil with "
                    + "a basis for sharing receive the link") Agency agency,
            @Schema(nullable = true, description = "By when; by default 2 weeks before an annual review meeting (the "
                    + "advice deadline) or a week before a SEN support review, or today when that has passed; not "
                    + "after the review", examples = "2027-01-11")
            LocalDate dueOn) {
    }

    static final String STAFF = "Staff of the pupil's school and trust administrators; any other review is not found.";

    @Inject
    Contributions contributions;

    @Inject
    Idempotency idempotency;

    @POST
    @Path("contribution-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "requestContributions",
            summary = "Ask a teacher, the parents or an agency for their views or advice before the meeting",
            description = """
                    Once the review meeting is set and until it is held: asks a teacher of the school (by account: \
                    they answer at POST /api/v1/contribution-requests/{id}/contribution), the pupil's parents or one \
                    kind of agency for their contribution by a due date, by default the statutory two weeks before \
                    the meeting. Announces `uk.sen.review.contribution-requested`: notification-service sends each \
                    parent with parental responsibility, or each of the pupil's contacts of that agency with a basis \
                    for sharing, a link of their own to a form (no account needed; nothing about the child on it \
                    beyond the meeting's date), and reminds them a few days before the due date if nothing has come. \
                    Send an Idempotency-Key to retry safely.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "201", responseDescription = "The request, AWAITED")
    @APIResponse(responseCode = "404", description = "No such review in your schools")
    public Response request(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid RequestInput in,
            @Parameter(description = "A key of your choice to retry the request safely", example = "request-views-1")
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, in, () -> {
            RequestView r = contributions.request(id, new Contributions.RequestInput(in.contributor(), in.teacher(),
                    in.agency(), in.dueOn()));
            return new Idempotency.Created(URI.create("/api/v1/reviews/" + id + "/contributions"), r, r.version());
        });
    }

    @GET
    @Path("contributions")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listReviewContributions",
            summary = "Who has and has not given their views or advice for a review, and what they gave",
            description = "Each request (AWAITED, RECEIVED, or CLOSED once the meeting is past), with the views, "
                    + "comments and advice received and whether each was circulated. " + STAFF
                    + " The read is recorded in the audit log.")
    @APIResponseSchema(value = ReviewContributions.class, responseCode = "200", responseDescription = "The requests")
    @APIResponse(responseCode = "404", description = "No such review in your schools")
    public ReviewContributions ofReview(@Parameter(description = "The review's id") @PathParam("id") UUID id) {
        return contributions.ofReview(id);
    }
}
