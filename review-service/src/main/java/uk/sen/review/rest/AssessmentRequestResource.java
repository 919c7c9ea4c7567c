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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.time.EnglandClock;
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

    @Schema(name = "NewAssessmentRequest", description = "A request for an EHC needs assessment that the LA received")
    public record CreateInput(@NotNull @Schema(description = "The pupil, one of your schools' (the register's id)") UUID pupilId,
            @NotNull @Schema(description = "Who made the request") RequestedBy requestedBy,
            @NotNull @Schema(description = "The day the LA received the request: the 20-week clock starts then", examples = "2026-11-02") LocalDate receivedOn) {
    }

    @Schema(description = "The day the LA received a request the school prepared")
    public record ReceivedInput(@NotNull @Schema(description = """
            Not in the future, nor before the support review that asked for it""",
            examples = "2026-11-02") LocalDate receivedOn) {
    }

    @Schema(description = "The LA's decision whether to carry out an EHC needs assessment")
    public record AssessInput(@NotNull @Schema(description = "true: the LA will assess; false: it will not (the request ends)") Boolean assess,
            @NotNull @Schema(description = "When the LA decided: not in the future nor before it received the request",
                    examples = "2026-12-10") LocalDate decidedOn) {
    }

    @Schema(description = "The LA's decision, after the assessment, whether to issue an EHC plan")
    public record IssueInput(@NotNull @Schema(description = "true: the LA will issue a plan (draft sent); false: it will not (the request ends)") Boolean issue,
            @NotNull @Schema(description = "When the LA decided: not in the future nor before the decision to assess",
                    examples = "2027-02-15") LocalDate decidedOn) {
    }

    @Schema(description = "The day the final EHC plan was issued")
    public record FinalPlanInput(@NotNull @Schema(description = "Not in the future nor before the decision to issue",
            examples = "2027-03-15") LocalDate issuedOn) {
    }

    @Schema(description = "The request's withdrawal")
    public record WithdrawInput(@NotNull @Schema(description = """
            When it was withdrawn: not in the future nor before the LA received it""",
            examples = "2026-12-01") LocalDate on,
            @NotBlank @Size(max = 2000) @Schema(examples = "The parent withdrew the request") String reason,
            @Size(min = 1, max = 1) @Schema(description = "A SEN2 request outcome code from /outcome-codes, if one applies",
                    examples = "W") String outcomeCode) {
    }

    @Schema(description = "An exception to the time limits (Regs 10(4)) with its reason and date")
    public record ExceptionInput(@NotNull @Schema(description = "Which exception applies") AssessmentException.Kind kind,
            @NotBlank @Size(max = 2000) @Schema(examples = "The family was abroad for six weeks") String reason,
            @NotNull @Schema(description = """
                    When the exception was recorded: not in the future nor before the LA received the request""",
                    examples = "2026-12-01") LocalDate recordedOn,
            @Schema(description = """
                    Start of the 4+ week closure or absence (required for SCHOOL_CLOSURE and FAMILY_AWAY)""",
                    examples = "2026-10-19") LocalDate periodFrom,
            @Schema(description = """
                    End of the 4+ week closure or absence (required for SCHOOL_CLOSURE and FAMILY_AWAY)""",
                    examples = "2026-11-30") LocalDate periodTo,
            @Schema(description = """
                    Steps it applies to, among DECISION_TO_ASSESS, DECISION_NOT_TO_ISSUE and FINAL_PLAN; by default \
                    every step not yet met on time""") List<Step> steps) {
    }

    @Schema(name = "RequestStepView", description = "One statutory step of the request and its deadline")
    public record StepView(
            @Schema(description = "The step", enumeration = { "DECISION_TO_ASSESS", "DECISION_NOT_TO_ISSUE",
                    "FINAL_PLAN" }) String step,
            @Schema(description = "The step in words", examples = "Decision whether to assess") String label,
            @Schema(description = "Whether the date is a statutory time limit") boolean statutory,
            @Schema(description = "The last day the step is on time") LocalDate dueOn,
            @Schema(nullable = true, description = "When it was done; empty while it is still to do") LocalDate doneOn,
            @Schema(description = "The step no longer applies (the request ended)") boolean cancelled,
            @Schema(description = "A recorded exception to the time limits applies to it") boolean excepted,
            @Schema(description = "Done on time or late, due, overdue, excepted, or cancelled, as at today")
            StatutoryClock.StepStatus status) {
    }

    @Schema(description = "A recorded exception to the time limits")
    public record ExceptionView(UUID id,
            @Schema(description = "Which exception applies", enumeration = { "SCHOOL_CLOSURE",
                    "EXCEPTIONAL_PERSONAL_CIRCUMSTANCES", "FAMILY_AWAY" }) String kind,
            String reason, @Schema(description = "When it was recorded") LocalDate recordedOn,
            @Schema(nullable = true, description = "Start of the closure or absence") LocalDate periodFrom,
            @Schema(nullable = true, description = "End of the closure or absence") LocalDate periodTo,
            @Schema(description = "The steps it applies to (DECISION_TO_ASSESS, DECISION_NOT_TO_ISSUE, FINAL_PLAN)")
            List<String> steps,
            @Schema(description = "The user who recorded it") String recordedBy,
            @Schema(description = "When it was recorded in the service") Instant recordedAt) {
    }

    @Schema(description = "An EHC needs assessment request with its statutory steps and exceptions")
    public record RequestView(UUID id, UUID pupilId,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = "Who made the request", enumeration = { "SCHOOL", "PARENT" }) String requestedBy,
            @Schema(description = """
                    PREPARING (by the school, the clock not started), RECEIVED, ASSESSING, ISSUING, COMPLETED (final \
                    plan issued) or ENDED (no assessment, no plan, or withdrawn)""",
                    enumeration = { "PREPARING", "RECEIVED", "ASSESSING", "ISSUING", "COMPLETED", "ENDED" }) String status,
            @Schema(nullable = true, description = "The SEN support review that asked for it, if one did") UUID sourceReviewId,
            @Schema(nullable = true, description = "When the LA received it; empty while the school prepares it") LocalDate receivedOn,
            @Schema(nullable = true, description = "Whether the LA decided to assess, once decided") Boolean assess,
            @Schema(nullable = true) LocalDate assessDecidedOn,
            @Schema(nullable = true, description = "Whether the LA decided to issue a plan, once decided") Boolean issue,
            @Schema(nullable = true) LocalDate issueDecidedOn,
            @Schema(nullable = true, description = """
                    After a decision to issue, the last day of the parent's 15 days to comment on the draft plan""")
                    LocalDate commentsUntil,
            @Schema(nullable = true, description = "When the final EHC plan was issued") LocalDate finalPlanOn,
            @Schema(nullable = true, description = "The SEN2 request outcome code (see /outcome-codes)", examples = "Y") String outcomeCode,
            @Schema(nullable = true, description = "What the outcome code means") String outcomeDescription,
            @Schema(nullable = true, description = "When the request ended") LocalDate endedOn,
            @Schema(nullable = true, description = "Why the request ended") String endedReason,
            @Schema(description = "An exception to the time limits has been recorded") boolean exceptionApplies,
            @Schema(description = "The statutory steps with their deadlines (none while the school prepares it)") List<StepView> steps,
            @Schema(description = "The exceptions recorded, oldest first") List<ExceptionView> exceptions,
            @Schema(description = "The record's version, also sent as the ETag") long version) {
    }

    @Schema(description = "A SEN2 request outcome code")
    public record OutcomeCodeView(@Schema(examples = "Y") String code, String description,
            @Schema(description = "Whether the description was checked against the DfE SEN2 guide") boolean meaningConfirmed) {
    }

    @Inject
    AssessmentRequestService requests;

    @Inject
    Deadlines deadlines;

    @Inject
    EnglandClock calendar;

    @Inject
    Idempotency idempotency;

    @Inject
    ReviewConfig config;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listAssessmentRequests",
            summary = "EHC needs assessment requests in your schools, newest first; filter by school, pupil, status",
            description = """
                    The EHC needs assessment requests of the pupils in your schools, one page at a time, newest first: \
                    those the LA received (recorded by a SENCO) and those the school prepares after a SEN support \
                    review. Filters combine; a school that is not one of yours gives an empty page. Each pupil listed \
                    is recorded in the audit log.""")
    @APIResponse(responseCode = "200", description = "One page of requests")
    public Page<RequestView> list(
            @Parameter(description = "Only this school (its URN); leave out for all your schools",
                    example = "900101") @QueryParam("school") String school,
            @Parameter(description = "Only this pupil's requests (the pupil's id)") @QueryParam("pupil") UUID pupil,
            @Parameter(description = "Only requests with this status (upper or lower case)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "PREPARING", "RECEIVED", "ASSESSING",
                            "ISSUING", "COMPLETED", "ENDED" })) @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page) {
        return requests.list(school, pupil, status, page).map(this::view);
    }

    @GET
    @Path("outcome-codes")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN, Roles.LA_OFFICER })
    @Operation(operationId = "listAssessmentOutcomeCodes",
            summary = "The SEN2 request outcome codes (data; meaningConfirmed says whether checked against the SEN2 guide)",
            description = """
                    The SEN2 request outcome codes a request can carry, by code. The service sets Y or N itself from \
                    the LA's decision whether to assess; another code is only ever chosen by a SENCO when a request is \
                    withdrawn. The list is data and may change with a SEN2 collection year.""")
    @APIResponse(responseCode = "200", description = "Every outcome code, by code")
    public List<OutcomeCodeView> outcomeCodes() {
        return requests.outcomeCodes().stream()
                .map(c -> new OutcomeCodeView(c.code, c.description, c.meaningConfirmed)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getAssessmentRequest",
            summary = "One request with its statutory steps (due, done, on time, overdue or excepted) and exceptions",
            description = """
                    An EHC needs assessment request of a pupil in your schools, with each statutory step (counted from \
                    the day the LA received it: the decision whether to assess within 6 weeks, a decision not to issue \
                    a plan within 16, the final plan within 20) and the exceptions recorded. The ETag is the request's \
                    version: send it as If-Match to record the next step. The read is recorded in the audit log.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "200", responseDescription = "The request")
    public Response get(@Parameter(description = "The request's id") @PathParam("id") UUID id) {
        return ok(requests.visible(id));
    }

    @POST
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordAssessmentRequest",
            summary = "Record a request the LA received (by the school or a parent): the 20-week clock starts",
            description = """
                    Records an EHC needs assessment request that the LA received for a pupil in your schools, made by \
                    the school or by a parent. The 20-week clock starts on the day received (not in the future): the \
                    deadlines of the decision whether to assess (6 weeks), a decision not to issue a plan (16) and the \
                    final plan (20) are set, and `uk.sen.review.assessment-request-received` is announced. Refused \
                    while another request is open for the pupil. Send an Idempotency-Key to retry safely: a retry \
                    answers the stored request and creates nothing.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "201",
            responseDescription = "The request as recorded (status RECEIVED)")
    @APIResponse(responseCode = "404", description = "The pupil is not one the review service follows in your schools")
    public Response create(@NotNull @Valid CreateInput in,
            @Parameter(description = "A key of your choosing, 1 to 200 characters, that makes a retry of this create safe",
                    example = "3f2c6a1e-request-1") @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, in, () -> {
            AssessmentRequest r = requests.create(in.pupilId(), in.requestedBy(), in.receivedOn());
            return new Idempotency.Created(URI.create("/api/v1/assessment-requests/" + r.id), view(r), r.version);
        });
    }

    @POST
    @Path("{id}/received")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordAssessmentRequestReceived",
            summary = "The LA received a request the school prepared: the 20-week clock starts",
            description = """
                    Records the day the LA received a request the school prepared after a SEN support review (status \
                    PREPARING): not in the future nor before that review. The 20-week clock starts: the request \
                    becomes RECEIVED, its three deadlines are set and `uk.sen.review.assessment-request-received` is \
                    announced.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "200",
            responseDescription = "The request as received (status RECEIVED)")
    public Response received(@Parameter(description = "The request's id") @PathParam("id") UUID id,
            @NotNull @Valid ReceivedInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.received(id, in.receivedOn(), ifMatch));
    }

    @POST
    @Path("{id}/decision-to-assess")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordDecisionToAssess",
            summary = "The LA's decision whether to assess (due within 6 weeks); not to assess ends the request",
            description = """
                    Records the LA's decision whether to carry out an EHC needs assessment, for a RECEIVED request, on \
                    a day not in the future nor before the LA received it. To assess: the request becomes ASSESSING \
                    with SEN2 outcome Y. Not to assess: it ENDS with outcome N and its open steps are cancelled (the \
                    parent may appeal). Announces `uk.sen.review.assessment-request-decided`.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "200",
            responseDescription = "The request with the decision recorded")
    public Response decideAssessment(@Parameter(description = "The request's id") @PathParam("id") UUID id,
            @NotNull @Valid AssessInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.decideAssessment(id, in.assess(), in.decidedOn(), ifMatch));
    }

    @POST
    @Path("{id}/issue-decision")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordIssueDecision",
            summary = "The LA's decision whether to issue a plan (not to issue: within 16 weeks)",
            description = """
                    Records the LA's decision, after the assessment (status ASSESSING), whether to issue an EHC plan, \
                    on a day not in the future nor before the decision to assess. To issue: the request becomes \
                    ISSUING, the draft plan follows and the parent has 15 days to comment (`commentsUntil`). Not to \
                    issue: it ENDS and its open steps are cancelled. Announces \
                    `uk.sen.review.assessment-request-decided`.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "200",
            responseDescription = "The request with the decision recorded")
    public Response decideIssue(@Parameter(description = "The request's id") @PathParam("id") UUID id,
            @NotNull @Valid IssueInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.decideIssue(id, in.issue(), in.decidedOn(), ifMatch));
    }

    @POST
    @Path("{id}/final-plan")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordFinalEhcPlan", summary = "The final EHC plan was issued (within 20 weeks)",
            description = """
                    Records the day the final EHC plan was issued, for a request whose plan is being issued (status \
                    ISSUING), not in the future nor before the decision to issue. The request is COMPLETED and \
                    `uk.sen.review.assessment-request-decided` asks for the plan to be recorded in the register \
                    (provision E); the plan's annual review is scheduled from the register's event.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "200", responseDescription = "The completed request")
    public Response finalPlan(@Parameter(description = "The request's id") @PathParam("id") UUID id,
            @NotNull @Valid FinalPlanInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.finalPlan(id, in.issuedOn(), ifMatch));
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "withdrawAssessmentRequest",
            summary = "The request was withdrawn; its open steps are cancelled",
            description = """
                    Records that an open request was withdrawn, with the day (not in the future nor before the LA \
                    received it) and the reason, and optionally a SEN2 outcome code from /outcome-codes. The request \
                    ENDS and its open steps are cancelled; a request the LA had received announces \
                    `uk.sen.review.assessment-request-decided`.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "200", responseDescription = "The ended request")
    public Response withdraw(@Parameter(description = "The request's id") @PathParam("id") UUID id,
            @NotNull @Valid WithdrawInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(requests.withdraw(id, in.on(), in.reason(), in.outcomeCode() == null ? null : in.outcomeCode().toUpperCase(),
                ifMatch));
    }

    @POST
    @Path("{id}/exceptions")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordTimeLimitException",
            summary = "Record an exception to the time limits (Regs 10(4)) with its reason and date; the steps it names "
                    + "are excepted, not missed",
            description = """
                    Records an exception to the time limits for a request the LA has received: a school closure or the \
                    family away for 4 weeks or more (give the period), or exceptional personal circumstances, with the \
                    reason and the day recorded (not in the future nor before the LA received it). The steps it names \
                    (by default every step not met on time) show as excepted rather than missed when late, and no \
                    deadline alert is sent for them any more. A step met on time or cancelled cannot be excepted.""")
    @APIResponseSchema(value = RequestView.class, responseCode = "201",
            responseDescription = "The request with the exception recorded (in `exceptions`)")
    public Response exception(@Parameter(description = "The request's id") @PathParam("id") UUID id,
            @NotNull @Valid ExceptionInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        AssessmentException e = requests.recordException(id, in.kind(), in.reason(), in.recordedOn(), in.periodFrom(),
                in.periodTo(), in.steps(), ifMatch);
        AssessmentRequest r = requests.requestOf(e);
        // the exception is read within its request, which the Location names
        return Response.created(URI.create("/api/v1/assessment-requests/" + r.id)).entity(view(r))
                .tag(Versions.etag(r.version)).build();
    }

    private Response ok(AssessmentRequest r) {
        return Response.ok(view(r)).tag(Versions.etag(r.version)).build();
    }

    private RequestView view(AssessmentRequest r) {
        LocalDate today = calendar.today();
        List<StepView> steps = deadlines.of(r.id).stream().map((Deadline d) -> new StepView(d.step,
                Step.labelOf(d.step), d.statutory, d.dueOn, d.doneOn, d.cancelled, d.excepted,
                d.status(today))).toList();
        List<ExceptionView> exceptions = requests.exceptions(r.id).stream().map(e -> new ExceptionView(e.id,
                e.kind.name(), e.reason, e.recordedOn, e.periodFrom, e.periodTo, List.of(e.steps.split(",")),
                e.recordedBy, e.recordedAt)).toList();
        Sen2RequestOutcome outcome = requests.outcome(r.outcomeCode);
        LocalDate commentsUntil = Boolean.TRUE.equals(r.issue) ? config.clock().commentsUntil(r.issueDecidedOn) : null;
        return new RequestView(r.id, r.pupilId, r.schoolUrn, r.requestedBy.name(), r.status.name(), r.sourceReviewId,
                r.receivedOn, r.assess, r.assessDecidedOn, r.issue, r.issueDecidedOn, commentsUntil, r.finalPlanOn,
                r.outcomeCode, outcome == null ? null : outcome.description, r.endedOn, r.endedReason,
                !exceptions.isEmpty(), steps, exceptions, r.version);
    }
}
