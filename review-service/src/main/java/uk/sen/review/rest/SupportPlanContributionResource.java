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

/** Views and advice before a SEN support review: the same requests as before an annual review ({@link ContributionResource}). */
@Path("/api/v1/support-plans/{id}")
@Tag(name = "Views and advice")
@Produces(MediaType.APPLICATION_JSON)
public class SupportPlanContributionResource {

    @Inject
    Contributions contributions;

    @Inject
    Idempotency idempotency;

    @POST
    @Path("contribution-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "requestSupportReviewContributions",
            summary = "Ask a teacher, the parents or an agency for their views or advice before the SEN support review",
            description = """
                    For the plan's scheduled review: asks a teacher of the school (by account), the pupil's parents or \
                    one kind of agency for their contribution by a due date, by default a week before the review's \
                    date. As for an annual review, `uk.sen.review.contribution-requested` (reviewKind SUPPORT) has \
                    notification-service send parents and agency contacts a link of their own to a form, and a \
                    reminder a few days before the due date; the form stays open until the review is recorded. Send an \
                    Idempotency-Key to retry safely.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "201", responseDescription = "The request, AWAITED")
    @APIResponse(responseCode = "404", description = "No such support plan in your schools")
    @APIResponse(responseCode = "422", description = "The plan has no review scheduled")
    public Response request(@Parameter(description = "The support plan's id") @PathParam("id") UUID id,
            @NotNull @Valid ContributionResource.RequestInput in,
            @Parameter(description = "A key of your choice to retry the request safely", example = "request-views-1")
            @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, in, () -> {
            RequestView r = contributions.requestForSupport(id, new Contributions.RequestInput(in.contributor(),
                    in.teacher(), in.agency(), in.dueOn()));
            return new Idempotency.Created(URI.create("/api/v1/support-plans/" + id + "/contributions"), r,
                    r.version());
        });
    }

    @GET
    @Path("contributions")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listSupportPlanContributions",
            summary = "Who has and has not given their views or advice for the plan's reviews, and what they gave",
            description = "Each request for the plan's reviews (AWAITED, RECEIVED, or CLOSED once its review is "
                    + "recorded), with what was received. " + ContributionResource.STAFF
                    + " The read is recorded in the audit log.")
    @APIResponseSchema(value = ReviewContributions.class, responseCode = "200", responseDescription = "The requests")
    @APIResponse(responseCode = "404", description = "No such support plan in your schools")
    public ReviewContributions ofPlan(@Parameter(description = "The support plan's id") @PathParam("id") UUID id) {
        return contributions.ofSupportPlan(id);
    }
}
