package uk.sen.review.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.domain.AssessmentException;
import uk.sen.review.domain.AssessmentRequest;
import uk.sen.review.domain.AssessmentRequest.RequestedBy;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.Sen2RequestOutcome;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.service.AssessmentRequestService;
import uk.sen.review.service.Deadlines;

@Path("/api/v1/assessment-requests")
@Tag(name = "EHC needs assessment requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class AssessmentRequestResource {

    public record CreateInput(@NotNull UUID pupilId, @NotNull RequestedBy requestedBy,
            @NotNull @Schema(description = "The day the LA received the request: the 20-week clock starts then", examples = "2026-11-02") LocalDate receivedOn) {
    }

    public record ReceivedInput(@NotNull LocalDate receivedOn) {
    }

    public record AssessInput(@NotNull @Schema(description = "true: the LA will assess; false: it will not (the request ends)") Boolean assess,
            @NotNull LocalDate decidedOn) {
    }

    public record IssueInput(@NotNull @Schema(description = "true: the LA will issue a plan (draft sent); false: it will not (the request ends)") Boolean issue,
            @NotNull LocalDate decidedOn) {
    }

    public record FinalPlanInput(@NotNull LocalDate issuedOn) {
    }

    public record WithdrawInput(@NotNull LocalDate on, @NotBlank @Size(max = 2000) String reason,
            @Size(min = 1, max = 1) @Schema(description = "A SEN2 request outcome code from /outcome-codes, if one applies") String outcomeCode) {
    }

    public record ExceptionInput(@NotNull AssessmentException.Kind kind,
            @NotBlank @Size(max = 2000) String reason,
            @NotNull @Schema(description = "When the exception was recorded") LocalDate recordedOn,
            @Schema(description = "Start of the 4+ week closure or absence") LocalDate periodFrom,
            @Schema(description = "End of the 4+ week closure or absence") LocalDate periodTo,
            @Schema(description = "Steps it applies to; by default every step not yet met on time") List<Step> steps) {
    }

    public record StepView(String step, String label, boolean statutory, LocalDate dueOn, LocalDate doneOn,
            boolean cancelled, boolean excepted, StatutoryClock.StepStatus status) {
    }

    public record ExceptionView(UUID id, String kind, String reason, LocalDate recordedOn, LocalDate periodFrom,
            LocalDate periodTo, List<String> steps, String recordedBy, Instant recordedAt) {
    }

    public record RequestView(UUID id, UUID pupilId, String schoolUrn, String requestedBy, String status,
            UUID sourceReviewId, LocalDate receivedOn, Boolean assess, LocalDate assessDecidedOn, Boolean issue,
            LocalDate issueDecidedOn, LocalDate commentsUntil, LocalDate finalPlanOn, String outcomeCode,
            String outcomeDescription, LocalDate endedOn, String endedReason, boolean exceptionApplies,
            List<StepView> steps, List<ExceptionView> exceptions, long version) {
    }

    public record OutcomeCodeView(String code, String description, boolean meaningConfirmed) {
    }

    @Inject
    AssessmentRequestService requests;

    @Inject
    Deadlines deadlines;

    @Inject
    EnglandClock calendar;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    Idempotency idempotency;

    @Inject
    ReviewConfig config;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "EHC needs assessment requests in your schools, newest first; filter by school, pupil, status")
    public Page<RequestView> list(@QueryParam("school") String school, @QueryParam("pupil") UUID pupil,
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
                params.and("status", AssessmentRequest.Status.valueOf(status.toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(AssessmentRequest.Status.values()));
            }
            q.append(" and status = :status");
        }
        Page<RequestView> result = Page.of(AssessmentRequest.<AssessmentRequest> find(q + " order by createdAt desc, id",
                params), page, this::view);
        audit.record(AuditLog.LIST, "pupil", result.items().stream().map(r -> r.pupilId().toString()).toList(), trust,
                school, "assessment requests list");
        return result;
    }

    @GET
    @Path("outcome-codes")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.LA_OFFICER })
    @Operation(summary = "The SEN2 request outcome codes (data; meaningConfirmed says whether checked against the SEN2 guide)")
    public List<OutcomeCodeView> outcomeCodes() {
        return Sen2RequestOutcome.<Sen2RequestOutcome> listAll().stream()
                .sorted((a, b) -> a.code.compareTo(b.code))
                .map(c -> new OutcomeCodeView(c.code, c.description, c.meaningConfirmed)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "One request with its statutory steps (due, done, on time, overdue or excepted) and exceptions")
    public Response get(@PathParam("id") UUID id) {
        return ok(requests.visible(id));
    }

    @POST
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record a request the LA received (by the school or a parent): the 20-week clock starts (Idempotency-Key)")
    public Response create(@NotNull @Valid CreateInput in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, in, () -> {
            AssessmentRequest r = requests.create(in.pupilId(), in.requestedBy(), in.receivedOn());
            return new Idempotency.Created(URI.create("/api/v1/assessment-requests/" + r.id), view(r), r.version);
        });
    }

    @POST
    @Path("{id}/received")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "The LA received a request the school prepared: the 20-week clock starts (If-Match)")
    public Response received(@PathParam("id") UUID id, @NotNull @Valid ReceivedInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.received(id, in.receivedOn(), ifMatch));
    }

    @POST
    @Path("{id}/decision-to-assess")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "The LA's decision whether to assess (due within 6 weeks); not to assess ends the request (If-Match)")
    public Response decideAssessment(@PathParam("id") UUID id, @NotNull @Valid AssessInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.decideAssessment(id, in.assess(), in.decidedOn(), ifMatch));
    }

    @POST
    @Path("{id}/issue-decision")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "The LA's decision whether to issue a plan (not to issue: within 16 weeks) (If-Match)")
    public Response decideIssue(@PathParam("id") UUID id, @NotNull @Valid IssueInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.decideIssue(id, in.issue(), in.decidedOn(), ifMatch));
    }

    @POST
    @Path("{id}/final-plan")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "The final EHC plan was issued (within 20 weeks) (If-Match)")
    public Response finalPlan(@PathParam("id") UUID id, @NotNull @Valid FinalPlanInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.finalPlan(id, in.issuedOn(), ifMatch));
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "The request was withdrawn; its open steps are cancelled (If-Match)")
    public Response withdraw(@PathParam("id") UUID id, @NotNull @Valid WithdrawInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.withdraw(id, in.on(), in.reason(), in.outcomeCode() == null ? null : in.outcomeCode().toUpperCase(),
                ifMatch));
    }

    @POST
    @Path("{id}/exceptions")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record an exception to the time limits (Regs 10(4)) with its reason and date; the steps it names are excepted, not missed (If-Match)")
    public Response exception(@PathParam("id") UUID id, @NotNull @Valid ExceptionInput in, @HeaderParam("If-Match") String ifMatch) {
        AssessmentException e = requests.recordException(id, in.kind(), in.reason(), in.recordedOn(), in.periodFrom(),
                in.periodTo(), in.steps(), ifMatch);
        AssessmentRequest r = AssessmentRequest.findById(e.requestId);
        return Response.status(Response.Status.CREATED).entity(view(r)).tag(Versions.etag(r.version)).build();
    }

    private Response ok(AssessmentRequest r) {
        return Response.ok(view(r)).tag(Versions.etag(r.version)).build();
    }

    private RequestView view(AssessmentRequest r) {
        LocalDate today = calendar.today();
        List<StepView> steps = deadlines.of(r.id).stream().map((Deadline d) -> new StepView(d.step,
                Step.labelOf(d.step), d.statutory, d.dueOn, d.doneOn, d.cancelled, d.excepted,
                StatutoryClock.status(d.dueOn, d.doneOn, today, d.excepted))).toList();
        List<ExceptionView> exceptions = requests.exceptions(r.id).stream().map(e -> new ExceptionView(e.id,
                e.kind.name(), e.reason, e.recordedOn, e.periodFrom, e.periodTo, List.of(e.steps.split(",")),
                e.recordedBy, e.recordedAt)).toList();
        Sen2RequestOutcome outcome = r.outcomeCode == null ? null : Sen2RequestOutcome.findById(r.outcomeCode);
        LocalDate commentsUntil = Boolean.TRUE.equals(r.issue) ? config.clock().commentsUntil(r.issueDecidedOn) : null;
        return new RequestView(r.id, r.pupilId, r.schoolUrn, r.requestedBy.name(), r.status.name(), r.sourceReviewId,
                r.receivedOn, r.assess, r.assessDecidedOn, r.issue, r.issueDecidedOn, commentsUntil, r.finalPlanOn,
                r.outcomeCode, outcome == null ? null : outcome.description, r.endedOn, r.endedReason,
                !exceptions.isEmpty(), steps, exceptions, r.version);
    }
}
