package uk.sen.review.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.domain.SupportPlan;
import uk.sen.review.domain.SupportReview;
import uk.sen.review.domain.SupportReview.NextStep;
import uk.sen.review.service.Deadlines;
import uk.sen.review.service.SupportPlanService;
import uk.sen.review.service.SupportPlanService.OutcomeEdit;
import uk.sen.review.service.SupportPlanService.ScoreEdit;

@Path("/api/v1/support-plans")
@Tag(name = "SEN support plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class SupportPlanResource {

    @Schema(description = "An outcome sought, with this term's goal towards it")
    public record OutcomeInput(@Schema(description = "Leave out for a new outcome; keep it to edit one") UUID id,
            @NotBlank @Size(max = 1000) @Schema(examples = "Reads a short text aloud with 90% accuracy") String outcome,
            @Size(max = 1000) @Schema(description = "This term's goal towards the outcome",
                    examples = "Reads Book Band 6 texts with support") String termlyGoal) {
    }

    @Schema(description = "One intervention of the provision: what, how often, how long, by whom")
    public record ProvisionInput(@NotBlank @Size(max = 200) @Schema(examples = "Precision teaching (reading)") String intervention,
            @Size(max = 100) @Schema(examples = "3 x 10 minutes a week") String frequency,
            @Min(value = 1, message = "must be between 1 and 2400") @Max(value = 2400, message = "must be between 1 and 2400")
            @Schema(examples = "30") Integer minutesPerWeek,
            @Size(max = 200) @Schema(examples = "Teaching assistant") String deliveredBy) {
    }

    @Schema(description = "The plan's outcomes and provision as they are to be, and the next review's date if it moves")
    public record PlanInput(
            @NotNull @Size(max = 20) @Valid @Schema(description = """
                    Every outcome of the plan (up to 20): one left out is removed""") List<OutcomeInput> outcomes,
            @NotNull @Size(max = 20) @Valid @Schema(description = "Every intervention of the provision (up to 20)")
            List<ProvisionInput> provision,
            @Schema(description = "Move the next review (not in the past); on a closing plan, continues support",
                    examples = "2027-03-26") LocalDate reviewDate) {
    }

    static final String SCORE_RANGE = "must be a whole number from -2 (much less than expected progress) to +2 (much more than expected)";

    @Schema(description = "One outcome's progress at the review")
    public record ScoreInput(@NotNull @Schema(description = "The id of one of the plan's outcomes") UUID outcomeId,
            @NotNull @DecimalMin(value = "-2", message = SCORE_RANGE) @DecimalMax(value = "2", message = SCORE_RANGE)
            @Digits(integer = 1, fraction = 0, message = SCORE_RANGE)
            @Schema(description = """
                    A whole number from -2 (much less than expected progress) to +2 (much more than expected)""",
                    examples = "1") BigDecimal score,
            @NotBlank @Size(max = 2000) @Schema(examples = "Reads Book Band 5 texts independently") String comment) {
    }

    @Schema(description = "The support review as held: each outcome scored, and what happens next")
    public record ReviewInput(@NotNull @Schema(description = """
            The day the review was held: not in the future, not before the plan opened or the previous review""",
            examples = "2026-12-10") LocalDate heldOn,
            @NotNull @Valid @Schema(description = "Every outcome of the plan, each scored once") List<ScoreInput> scores,
            @NotNull @Schema(description = "What the review decided") NextStep nextStep) {
    }

    @Schema(description = "An outcome of the plan")
    public record OutcomeView(@Schema(description = """
            The outcome's id: keep it when you edit the plan, and score it by it at a review""")
            UUID id, String outcome,
            @Schema(nullable = true, description = "This term's goal towards the outcome") String termlyGoal) {
    }

    @Schema(description = "One intervention of the provision")
    public record ProvisionView(String intervention, @Schema(nullable = true) String frequency,
            @Schema(nullable = true) Integer minutesPerWeek, @Schema(nullable = true) String deliveredBy) {
    }

    @Schema(description = "One outcome's score at a review")
    public record ScoreView(UUID outcomeId, @Schema(description = "The outcome's wording as it was reviewed") String outcome,
            @Schema(description = "-2 (much less than expected progress) to +2 (much more than expected)", minimum = "-2",
                    maximum = "2") int score,
            String comment) {
    }

    @Schema(description = "A review of the support plan: scheduled for the end of a term, then held, or cancelled")
    public record SupportReviewView(UUID id,
            @Schema(description = "Scheduled, held (COMPLETED), or cancelled when the plan closed",
                    enumeration = { "SCHEDULED", "COMPLETED", "CANCELLED" }) String status,
            @Schema(description = "The term it is due at the end of", examples = "Spring 2026/27") String term,
            @Schema(description = "When it is due") LocalDate dueOn,
            @Schema(nullable = true, description = "When it was held") LocalDate heldOn,
            @Schema(nullable = true, description = "Whether it was (or is still) on time; empty for a cancelled review")
            StatutoryClock.StepStatus timeliness,
            @Schema(nullable = true, description = "What the review decided, once held") NextStep nextStep,
            @Schema(nullable = true, description = "The EHC needs assessment request the review asked for") UUID assessmentRequestId,
            @Schema(description = "Each outcome's score, once held") List<ScoreView> scores) {
    }

    @Schema(description = "A pupil's SEN support plan: outcomes, provision, the next review and the reviews held")
    public record PlanView(UUID id, UUID pupilId,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = """
                    OPEN; CLOSE_REQUESTED when a review decided support should close and the register has not ended it \
                    yet; CLOSED""", enumeration = { "OPEN", "CLOSE_REQUESTED", "CLOSED" }) String status,
            @Schema(description = "When SEN support started") LocalDate openedOn,
            @Schema(nullable = true, description = """
                    When the next review is due; empty while support is closing or closed""") LocalDate reviewDate,
            @Schema(nullable = true, description = "When a review decided support should close") LocalDate closeRequestedOn,
            @Schema(nullable = true) LocalDate closedOn,
            @Schema(nullable = true, description = "Why the plan closed (the register's change)") String closedReason,
            List<OutcomeView> outcomes, List<ProvisionView> provision,
            @Schema(description = "Every review, soonest due first") List<SupportReviewView> reviews,
            @Schema(description = "The record's version, also sent as the ETag") long version) {
    }

    @Inject
    SupportPlanService plans;

    @Inject
    Deadlines deadlines;

    @Inject
    EnglandClock calendar;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listSupportPlans",
            summary = "SEN support plans in your schools, soonest review first; filter by school, pupil, status",
            description = """
                    The SEN support plans of the pupils in your schools, one page at a time, soonest review first \
                    (plans without a review date last). The service opens a plan itself when the register gives a \
                    pupil SEN support (provision K), with a first review at the end of the term, and closes it when K \
                    ends; there is no create. Filters combine; a school that is not one of yours gives an empty page. \
                    Each pupil listed is recorded in the audit log.""")
    @APIResponse(responseCode = "200", description = "One page of support plans")
    public Page<PlanView> list(
            @Parameter(description = "Only this school (its URN); leave out for all your schools",
                    example = "900101") @QueryParam("school") String school,
            @Parameter(description = "Only this pupil's plans (the pupil's id)") @QueryParam("pupil") UUID pupil,
            @Parameter(description = "Only plans with this status (upper or lower case)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "OPEN", "CLOSE_REQUESTED", "CLOSED" }))
            @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return plans.list(school, pupil, status, page).map(this::view);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getSupportPlan",
            summary = "One support plan: outcomes, provision, the next review and every review held",
            description = """
                    A SEN support plan of a pupil in your schools: the outcomes sought, the provision, the next \
                    review's date and every review with its scores and decision. The ETag is the plan's version: send \
                    it as If-Match to edit the plan or record its review. The read is recorded in the audit log.""")
    @APIResponseSchema(value = PlanView.class, responseCode = "200", responseDescription = "The support plan")
    public Response get(@Parameter(description = "The support plan's id") @PathParam("id") UUID id) {
        return ok(plans.visible(id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "updateSupportPlan", summary = "Edit the plan's outcomes, provision and review date",
            description = """
                    Replaces the plan's outcomes and provision with the lists you send (up to 20 each): keep an \
                    outcome's id to edit it, leave the id out for a new one; an outcome left out is removed (the \
                    reviews keep its scores as they were). A review date moves the next review (not into the past) and \
                    announces `uk.sen.review.support-review-scheduled`; on a plan whose support was to close \
                    (CLOSE_REQUESTED) it means support continues, and a review is scheduled again. A closed plan \
                    cannot be changed.""")
    @APIResponseSchema(value = PlanView.class, responseCode = "200", responseDescription = "The plan as edited")
    public Response edit(@Parameter(description = "The support plan's id") @PathParam("id") UUID id,
            @NotNull @Valid PlanInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        List<OutcomeEdit> outcomes = in.outcomes().stream()
                .map(o -> new OutcomeEdit(o.id(), o.outcome(), o.termlyGoal())).toList();
        List<SupportPlan.Provision> provision = in.provision().stream().map(p -> new SupportPlan.Provision(
                p.intervention().strip(), blankToNull(p.frequency()), p.minutesPerWeek(), blankToNull(p.deliveredBy())))
                .toList();
        return ok(plans.edit(id, outcomes, provision, in.reviewDate(), ifMatch));
    }

    @POST
    @Path("{id}/reviews")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordSupportReview",
            summary = "Record the review: each outcome scored -2..+2 with a comment, and the next step",
            description = """
                    Records the plan's scheduled review as held, on a day not in the future nor before the plan opened \
                    or the previous review: every outcome of the plan scored once, from -2 to +2, with a comment, and \
                    the next step. CONTINUE and CHANGE_PROVISION schedule the next review at the end of the following \
                    term; REQUEST_EHC_ASSESSMENT does too and prepares an EHC needs assessment request (refused while \
                    one is open for the pupil); CLOSE_SUPPORT asks the register to end SEN support, and the plan \
                    (CLOSE_REQUESTED) closes when the register's event arrives. Not possible on a closed or closing \
                    plan, nor on one without outcomes. Announces `uk.sen.review.support-review-completed` and, for the \
                    next review, `uk.sen.review.support-review-scheduled`.""")
    @APIResponseSchema(value = PlanView.class, responseCode = "200",
            responseDescription = "The plan with the review recorded and the next one scheduled")
    public Response review(@Parameter(description = "The support plan's id") @PathParam("id") UUID id,
            @NotNull @Valid ReviewInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        List<ScoreEdit> scores = in.scores().stream()
                .map(s -> new ScoreEdit(s.outcomeId(), s.score().intValueExact(), s.comment())).toList();
        return ok(plans.review(id, in.heldOn(), scores, in.nextStep(), ifMatch));
    }

    private Response ok(SupportPlan plan) {
        return Response.ok(view(plan)).tag(Versions.etag(plan.version)).build();
    }

    private PlanView view(SupportPlan p) {
        LocalDate today = calendar.today();
        List<SupportReviewView> reviews = plans.reviewsOf(p.id).stream().map((SupportReview r) -> {
            Deadline d = deadlines.find(r.id, Step.SUPPORT_REVIEW);
            StatutoryClock.StepStatus timeliness = r.status == SupportReview.Status.CANCELLED || d == null ? null
                    : StatutoryClock.status(d.dueOn, d.doneOn, today);
            return new SupportReviewView(r.id, r.status.name(), r.term, r.dueOn, r.heldOn, timeliness,
                    r.nextStep, r.assessmentRequestId,
                    r.scores.stream().map(s -> new ScoreView(s.outcomeId, s.outcome, s.score, s.comment)).toList());
        }).toList();
        return new PlanView(p.id, p.pupilId, p.schoolUrn, p.status.name(), p.openedOn, p.reviewDate,
                p.closeRequestedOn, p.closedOn, p.closedReason,
                p.outcomes.stream().map(o -> new OutcomeView(o.outcomeId, o.outcome, o.termlyGoal)).toList(),
                p.provision.stream().map(v -> new ProvisionView(v.intervention, v.frequency, v.minutesPerWeek,
                        v.deliveredBy)).toList(),
                reviews, p.version);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
