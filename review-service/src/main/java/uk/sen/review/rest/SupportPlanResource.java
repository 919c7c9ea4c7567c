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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Parameters;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.ScopedQuery;
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

    public record OutcomeInput(@Schema(description = "Leave out for a new outcome; keep it to edit one") UUID id,
            @NotBlank @Size(max = 1000) @Schema(examples = "Reads a short text aloud with 90% accuracy") String outcome,
            @Size(max = 1000) @Schema(examples = "Reads Book Band 6 texts with support") String termlyGoal) {
    }

    public record ProvisionInput(@NotBlank @Size(max = 200) @Schema(examples = "Precision teaching (reading)") String intervention,
            @Size(max = 100) @Schema(examples = "3 x 10 minutes a week") String frequency,
            @Min(value = 1, message = "must be between 1 and 2400") @Max(value = 2400, message = "must be between 1 and 2400") Integer minutesPerWeek,
            @Size(max = 200) @Schema(examples = "Teaching assistant") String deliveredBy) {
    }

    public record PlanInput(@NotNull @Size(max = 20) @Valid List<OutcomeInput> outcomes,
            @NotNull @Size(max = 20) @Valid List<ProvisionInput> provision,
            @Schema(description = "Move the next review (not in the past); on a closing plan, continues support") LocalDate reviewDate) {
    }

    static final String SCORE_RANGE = "must be a whole number from -2 (much less than expected progress) to +2 (much more than expected)";

    public record ScoreInput(@NotNull UUID outcomeId,
            @NotNull @DecimalMin(value = "-2", message = SCORE_RANGE) @DecimalMax(value = "2", message = SCORE_RANGE)
            @Digits(integer = 1, fraction = 0, message = SCORE_RANGE) BigDecimal score,
            @NotBlank @Size(max = 2000) String comment) {
    }

    public record ReviewInput(@NotNull @Schema(examples = "2026-12-10") LocalDate heldOn,
            @NotNull @Valid List<ScoreInput> scores, @NotNull NextStep nextStep) {
    }

    public record OutcomeView(UUID id, String outcome, String termlyGoal) {
    }

    public record ProvisionView(String intervention, String frequency, Integer minutesPerWeek, String deliveredBy) {
    }

    public record ScoreView(UUID outcomeId, String outcome, int score, String comment) {
    }

    public record SupportReviewView(UUID id, String status, String term, LocalDate dueOn, LocalDate heldOn,
            StatutoryClock.StepStatus timeliness, String nextStep, UUID assessmentRequestId, List<ScoreView> scores) {
    }

    public record PlanView(UUID id, UUID pupilId, String schoolUrn, String status, LocalDate openedOn,
            LocalDate reviewDate, LocalDate closeRequestedOn, LocalDate closedOn, String closedReason,
            List<OutcomeView> outcomes, List<ProvisionView> provision, List<SupportReviewView> reviews, long version) {
    }

    @Inject
    SupportPlanService plans;

    @Inject
    Deadlines deadlines;

    @Inject
    EnglandClock calendar;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "SEN support plans in your schools, soonest review first; filter by school, pupil, status")
    public Page<PlanView> list(@QueryParam("school") String school, @QueryParam("pupil") UUID pupil,
            @QueryParam("status") String status, @Valid @BeanParam PageRequest page) {
        ScopedQuery scoped = ScopedQuery.of(caller).and("schoolUrn = :school", "school", school);
        String trust = caller.trustId();
        StringBuilder q = new StringBuilder(scoped.where());
        Parameters params = scoped.params();
        if (pupil != null) {
            q.append(" and pupilId = :pupil");
            params.and("pupil", pupil);
        }
        if (status != null) {
            try {
                params.and("status", SupportPlan.Status.valueOf(status.toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(SupportPlan.Status.values()));
            }
            q.append(" and status = :status");
        }
        Page<PlanView> result = Page.of(SupportPlan.<SupportPlan> find(q + " order by reviewDate nulls last, id", params),
                page, this::view);
        audit.record(AuditLog.LIST, "pupil", result.items().stream().map(p -> p.pupilId().toString()).toList(), trust,
                school, "support plans list");
        return result;
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "One support plan: outcomes, provision, the next review and every review held")
    public Response get(@PathParam("id") UUID id) {
        return ok(plans.visible(id));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Edit the plan's outcomes, provision and review date (If-Match)")
    public Response edit(@PathParam("id") UUID id, @NotNull @Valid PlanInput in, @HeaderParam("If-Match") String ifMatch) {
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
    @Operation(summary = "Record the review: each outcome scored -2..+2 with a comment, and the next step (If-Match)")
    public Response review(@PathParam("id") UUID id, @NotNull @Valid ReviewInput in, @HeaderParam("If-Match") String ifMatch) {
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
                    r.nextStep == null ? null : r.nextStep.name(), r.assessmentRequestId,
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
