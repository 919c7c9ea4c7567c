package uk.sen.review.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
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
import uk.sen.platform.web.InputRules;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.review.domain.AnnualReview;
import uk.sen.review.domain.AnnualReview.Decision;
import uk.sen.review.domain.AnnualReview.Invitee;
import uk.sen.review.domain.AnnualReview.InviteeRole;
import uk.sen.review.domain.Deadline;
import uk.sen.review.domain.StatutoryClock;
import uk.sen.review.service.AnnualReviewService;
import uk.sen.review.service.AnnualReviewService.HeldMeeting;
import uk.sen.review.service.Deadlines;
import uk.sen.review.service.PupilNames;
import uk.sen.review.service.SencoOverview;

@Path("/api/v1/reviews")
@Tag(name = "EHC plan reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class AnnualReviewResource {

    @Schema(description = "Someone invited to the review meeting: their role and, if you like, their name")
    public record InviteeInput(@NotNull @Schema(description = "Who they are for the review (CoP 9.168)") InviteeRole role,
            @Size(max = 200) @Schema(nullable = true, description = "Their name, or empty",
                    examples = "Ms A Example") String name) {
    }

    @Schema(description = "The review meeting's date and who is invited")
    public record MeetingInput(
            @NotNull @Schema(description = """
                    The day of the meeting; not in the past when first set, and at least 2 weeks after the invitations \
                    if they already went out""", examples = "2027-01-20") LocalDate meetingDate,
            @NotNull @Valid @Schema(description = """
                    Everyone invited: at least a parent or the young person, the head, the LA SEN officer, health and \
                    social care; more may be added""") List<InviteeInput> invitees) {
    }

    @Schema(description = "The day a step of the review was done")
    public record DoneInput(@NotNull @Schema(description = "When it happened (not in the future)", examples = "2026-11-16") LocalDate on) {
    }

    @Schema(description = "The day the advice was circulated, and which contributions went with it")
    public record AdviceInput(@NotNull @Schema(description = "When it happened (not in the future)", examples = "2026-11-16") LocalDate on,
            @Size(max = 200) @Schema(nullable = true, description = "The contributions (views and advice received for "
                    + "this review) that were circulated; each is marked shared on that day") List<UUID> contributions) {
    }

    @Schema(description = """
            The review meeting as held; for a meeting that was never set (one already held), also who was invited, \
            when the invitations went out and, if known, when the advice was circulated""")
    public record HeldInput(
            @NotNull @Schema(description = """
                    The day the meeting was held: not in the future; for a meeting that was set, at least 2 weeks \
                    after the invitations went out""", examples = "2026-12-01") LocalDate on,
            @Schema(description = "Who attended, one entry each (names or roles)",
                    examples = "[\"Parent\", \"Head teacher\", \"LA SEN officer\"]") List<@Size(max = 200) String> attendees,
            @Positive @Schema(description = "How long the meeting took, for the SENCO's time record", examples = "60") Integer durationMinutes,
            @Valid @Schema(nullable = true, description = """
                    Only for a meeting that was never set: everyone invited, as when setting a meeting (CoP 9.168)""")
                    List<@NotNull InviteeInput> invitees,
            @Schema(nullable = true, description = """
                    Only for a meeting that was never set: the day the invitations went out (not after the meeting; \
                    less than 2 weeks before it shows as late)""",
                    examples = "2026-11-10") LocalDate invitationsSentOn,
            @Schema(nullable = true, description = """
                    Only for a meeting that was never set: the day the advice was circulated, if it was (not after the \
                    meeting)""", examples = "2026-11-17") LocalDate adviceCirculatedOn) {

        HeldMeeting meeting() {
            return new HeldMeeting(on, attendees, durationMinutes,
                    invitees == null ? null : AnnualReviewResource.invitees(invitees), invitationsSentOn,
                    adviceCirculatedOn);
        }
    }

    static List<Invitee> invitees(List<InviteeInput> invitees) {
        return invitees.stream().map(i -> new Invitee(i.role(), i.name())).toList();
    }

    @Schema(description = "When the pupil's EHC plan was issued and last reviewed (at least one of them)")
    public record ReferenceInput(
            @Schema(nullable = true, description = "The day the EHC plan was issued", examples = "2025-03-14")
            LocalDate planIssuedOn,
            @Schema(nullable = true, description = "The day of the plan's last annual review meeting, if any",
                    examples = "2026-03-02") LocalDate lastReviewedOn) {
    }

    @Schema(description = "The LA's decision after the review")
    public record DecisionInput(
            @NotNull @Schema(description = "Maintain the plan as it is, amend it, or cease it") Decision decision,
            @NotNull @Schema(description = "The day the LA decided: not in the future nor before the meeting",
                    examples = "2026-12-20") LocalDate on,
            @Schema(description = """
                    The day the LA sent its notice of the proposed amendments: required for AMEND, not allowed \
                    otherwise""", examples = "2026-12-20") LocalDate amendmentNoticeOn) {
    }

    @Schema(name = "ReviewStepView", description = "One step of an EHC plan review and its deadline")
    public record StepView(
            @Schema(description = "The step", enumeration = { "REVIEW_MEETING", "PHASE_TRANSFER_PLAN", "INVITATIONS",
                    "ADVICE", "REPORT", "LA_DECISION", "FINAL_AMENDED_PLAN" }) String step,
            @Schema(description = "Whether the date is a statutory time limit") boolean statutory,
            @Schema(description = "The last day the step is on time") LocalDate dueOn,
            @Schema(nullable = true, description = "When it was done; empty while it is still to do") LocalDate doneOn,
            @Schema(description = "The step no longer applies (e.g. no final amended plan after a decision to maintain)") boolean cancelled,
            @Schema(description = "Done on time or late, due, overdue, or cancelled, as at today")
            StatutoryClock.StepStatus status) {
    }

    @Schema(description = """
            An EHC plan review (annual, or the phase transfer review that names the next setting) with its statutory \
            steps""")
    public record ReviewView(UUID id, UUID pupilId,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = "An annual review, or the phase transfer review before a move to the next phase",
                    enumeration = { "ANNUAL", "PHASE_TRANSFER" }) String kind,
            @Schema(nullable = true, description = "The phase transfer, for a PHASE_TRANSFER review")
            StatutoryClock.Transfer transfer,
            @Schema(description = "Where the review has got to", enumeration = { "SCHEDULED", "MEETING_SET", "HELD",
                    "AWAITING_FINAL_PLAN", "COMPLETED", "CLOSED" }) String status,
            @Schema(description = "The plan's issue date or the previous review meeting, that the due date counts from") LocalDate referenceDate,
            @Schema(description = "The last day for the review meeting") LocalDate dueBy,
            @Schema(nullable = true, description = """
                    For a phase transfer, the day the amended plan naming the next setting must be final (15 February, \
                    or 31 March for post-16)""") LocalDate planBy,
            @Schema(nullable = true, description = "The meeting's date, once set") LocalDate meetingDate,
            @Schema(description = "Who is invited (empty until the meeting is set)") List<InviteeInput> invitees,
            @Schema(nullable = true) LocalDate invitationsSentOn,
            @Schema(nullable = true) LocalDate adviceCirculatedOn,
            @Schema(nullable = true, description = "When the meeting was held") LocalDate heldOn,
            @Schema(nullable = true, description = "Who attended, separated by \"; \"") String attendees,
            @Schema(nullable = true) LocalDate reportSentOn,
            @Schema(nullable = true, description = "The LA's decision after the meeting") Decision laDecision,
            @Schema(nullable = true) LocalDate laDecisionOn,
            @Schema(nullable = true) LocalDate amendmentNoticeOn,
            @Schema(nullable = true, description = "When the final amended plan was issued") LocalDate finalPlanOn,
            @Schema(nullable = true, description = """
                    Why the review closed without completing (the pupil's provision changed or they left the \
                    register)""")
                    String closedReason,
            @Schema(description = "Each step with its deadline, in the order they happen") List<StepView> steps,
            @Schema(description = "The record's version, also sent as the ETag") long version) {
    }

    @Inject
    AnnualReviewService reviews;

    @Inject
    Deadlines deadlines;

    @Inject
    EnglandClock calendar;

    @Inject
    SencoOverview overview;

    @Inject
    PupilNames names;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listReviews",
            summary = "EHC plan reviews in your schools, soonest due first; filter by school, status, pupil, due before a date",
            description = """
                    The EHC plan reviews (annual and phase transfer) of the pupils in your schools, one page at a \
                    time, soonest due first. The service schedules a review itself when the register gives a pupil an \
                    EHC plan (provision E), and the next one when a review completes; there is no create. Filters \
                    combine; a school that is not one of yours gives an empty page. Each pupil listed is recorded in \
                    the audit log.""")
    @APIResponse(responseCode = "200", description = "One page of reviews")
    public Page<ReviewView> list(
            @Parameter(description = "Only this school (its URN); leave out for all your schools",
                    example = "900101") @QueryParam("school") String school,
            @Parameter(description = "Only reviews with this status (upper or lower case)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = { "SCHEDULED", "MEETING_SET", "HELD",
                            "AWAITING_FINAL_PLAN", "COMPLETED", "CLOSED" })) @QueryParam("status") String status,
            @Parameter(description = "Only this pupil's reviews (the pupil's id)") @QueryParam("pupil") UUID pupil,
            @Parameter(description = "Only reviews due before this date (yyyy-MM-dd)") @QueryParam("dueBefore") LocalDate dueBefore,
            @Valid @BeanParam PageRequest page) {
        return reviews.list(school, status, pupil, dueBefore, page).map(this::view);
    }

    @GET
    @Path("due-this-term")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "listReviewsDueThisTerm",
            summary = "EHC plan reviews and SEN support reviews due this term in your schools, with open ones overdue "
                    + "from before it",
            description = """
                    What the SENCO has to review this term: the EHC plan reviews and SEN support reviews of your \
                    schools due this term (in a holiday, the coming term), and those still open from before it, \
                    soonest due first. Each is judged by the term dates of its pupil's LA; `terms` says which term was \
                    used for each LA. Each review names its pupil (name as the register shows it to you, UPN, year group). \
                    Not paged. Asking for a school that is not one of yours answers 404. Each pupil \
                    listed is recorded in the audit log.""")
    @APIResponse(responseCode = "200", description = "The reviews due this term and the terms they were judged by")
    @APIResponse(responseCode = "404", description = "The school you asked for is not one of yours")
    public SencoOverview.DueThisTerm dueThisTerm(
            @Parameter(description = "Only this school (its URN); leave out for all your schools",
                    example = "900101") @QueryParam("school") String school,
            @QueryParam("date") @Parameter(description = "As at this date (yyyy-MM-dd) instead of today",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) String date) {
        LocalDate asAt = date == null || date.isBlank() ? null : InputRules.date("date", date.trim());
        SencoOverview.DueThisTerm due = overview.dueThisTerm(school, asAt);
        return due.named(names.of(due.items().stream().map(SencoOverview.DueReview::pupilId).toList()));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(operationId = "getReview",
            summary = "One review with each statutory step: its deadline, when it was done, and on time, due or overdue",
            description = """
                    An EHC plan review of a pupil in your schools, with every statutory step: its deadline, when it \
                    was done and whether that was on time. The ETag is the review's version: send it as If-Match to \
                    record the next step. The read is recorded in the audit log.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200", responseDescription = "The review")
    public Response get(@Parameter(description = "The review's id") @PathParam("id") UUID id) {
        return ok(reviews.visible(id));
    }

    @PUT
    @Path("{id}/meeting")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "setReviewMeeting", summary = "Set (or move) the review meeting and who is invited",
            description = """
                    Sets the date of the review meeting and who is invited, or moves it, while the review is SCHEDULED \
                    or MEETING_SET. A parent or the young person, the head, the LA SEN officer, health and social care \
                    must be invited (CoP 9.168). A new meeting is not in the past, and once the invitations went out \
                    the meeting is at least 2 weeks after them. Sets the deadlines for the invitations and the advice \
                    (2 weeks before the meeting) and announces `uk.sen.review.meeting-set`, which the notification and \
                    workload services follow.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review with its meeting set (status MEETING_SET)")
    public Response meeting(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid MeetingInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.setMeeting(id, in.meetingDate(), invitees(in.invitees()), ifMatch));
    }

    @PUT
    @Path("{id}/reference")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "setReviewReference",
            summary = "Record when the EHC plan was issued and last reviewed; the next review counts from them",
            description = """
                    For a pupil who joined with an EHC plan (a Common Transfer File carries neither date, so the \
                    review was first counted from the day their provision started): records the day the plan was \
                    issued and, if it has been reviewed, the day of its last review meeting, while the review is \
                    SCHEDULED. The next review is due within 12 months of the later of the two (the under-5 interval \
                    and phase transfers apply as usual), its deadlines move with it, and `uk.sen.review.review-scheduled` \
                    is announced again. Neither date may be in the future, nor the review before the plan.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review counted from the recorded dates")
    public Response reference(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid ReferenceInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.setReference(id, in.planIssuedOn(), in.lastReviewedOn(), ifMatch));
    }

    @POST
    @Path("{id}/invitations-sent")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "recordInvitationsSent",
            summary = "Record that the invitations went out (at least 2 weeks before the meeting)",
            description = """
                    Records the day the invitations to the review meeting went out, once the meeting is set. It is not \
                    in the future and at least 2 weeks before the meeting (move the meeting first otherwise); the \
                    invitations step is then done.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review with the invitations recorded")
    public Response invitations(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid DoneInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.invitationsSent(id, in.on(), ifMatch));
    }

    @POST
    @Path("{id}/advice-circulated")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN })
    @Operation(operationId = "recordAdviceCirculated",
            summary = "Record that advice and information were circulated (due 2 weeks before the meeting)",
            description = """
                    Records the day the advice and information for the review were circulated to everyone invited, \
                    once the meeting is set. The day is not in the future; after the deadline (2 weeks before the \
                    meeting) the step shows as done late. `contributions` lists the views and advice received for \
                    the review (GET /api/v1/reviews/{id}/contributions) that were circulated: each is marked shared \
                    on that day, and the audit log records the list.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review with the advice recorded")
    public Response advice(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid AdviceInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.adviceCirculated(id, in.on(), in.contributions(), ifMatch));
    }

    @POST
    @Path("{id}/held")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordReviewHeld", summary = "Record that the meeting was held, with who attended",
            description = """
                    Records the review meeting as held on a day (not in the future), with who attended and how long it \
                    took. For a meeting that was set (MEETING_SET), the invitations must be recorded first, at least 2 \
                    weeks before. A meeting already held that was never set (SCHEDULED: the SENCO recording the year \
                    so far, or last week's meeting) is recorded in this one request with `invitees`, \
                    `invitationsSentOn` and, if known, `adviceCirculatedOn`: every step's deadline counts from the \
                    real meeting date, and a step done after its deadline shows as DONE_LATE instead of being refused; \
                    no meeting-set is announced, so nobody is invited to a past meeting. The review becomes HELD and \
                    its next deadlines are set: the report (2 weeks), the LA's decision (4 weeks) and the final \
                    amended plan (12 weeks). Announces `uk.sen.review.meeting-held`.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review as held (status HELD)")
    public Response held(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid HeldInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.held(id, in.meeting(), ifMatch));
    }

    @POST
    @Path("{id}/report-sent")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordReviewReportSent",
            summary = "Record that the review report went to the LA and everyone invited (within 2 weeks)",
            description = """
                    Records the day the review report was sent to the LA and everyone invited, after the meeting \
                    (status HELD or AWAITING_FINAL_PLAN); not in the future nor before the meeting. With the LA's \
                    decision (and, for an amendment, the final plan) already recorded, the review completes: \
                    `uk.sen.review.review-completed` is announced and, unless the plan ceases, the next annual review \
                    is scheduled.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review with the report recorded (COMPLETED when nothing else is left)")
    public Response report(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid DoneInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.reportSent(id, in.on(), ifMatch));
    }

    @POST
    @Path("{id}/la-decision")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordReviewLaDecision",
            summary = "Record the LA's decision: maintain, amend (with the notice date) or cease (within 4 weeks)",
            description = """
                    Records the LA's decision after the meeting (status HELD): maintain, amend or cease the plan, on a \
                    day not in the future nor before the meeting. An amendment needs the date of the amendment notice; \
                    the review then awaits the final amended plan (within 8 weeks of the notice and 12 of the \
                    meeting). Otherwise the final plan step is cancelled and, with the report sent, the review \
                    completes (`uk.sen.review.review-completed`).""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review with the LA's decision recorded")
    public Response decision(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid DecisionInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.laDecision(id, in.decision(), in.on(), in.amendmentNoticeOn(), ifMatch));
    }

    @POST
    @Path("{id}/final-plan")
    @RolesAllowed(Roles.SENCO)
    @Operation(operationId = "recordFinalAmendedPlan",
            summary = "Record the final amended plan (within 8 weeks of the notice, 12 weeks of the meeting)",
            description = """
                    Records the day the final amended EHC plan was issued, for a review awaiting it (status \
                    AWAITING_FINAL_PLAN); not in the future nor before the amendment notice. A phase transfer's plan \
                    step is done with it. With the report sent, the review completes \
                    (`uk.sen.review.review-completed`) and the next annual review is scheduled.""")
    @APIResponseSchema(value = ReviewView.class, responseCode = "200",
            responseDescription = "The review with the final plan recorded")
    public Response finalPlan(@Parameter(description = "The review's id") @PathParam("id") UUID id,
            @NotNull @Valid DoneInput in,
            @Parameter(description = "The ETag of the version you read", required = true, example = "\"3\"")
            @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.finalPlan(id, in.on(), ifMatch));
    }

    private Response ok(AnnualReview r) {
        return Response.ok(view(r)).tag(Versions.etag(r.version)).build();
    }

    private ReviewView view(AnnualReview r) {
        LocalDate today = calendar.today();
        List<StepView> steps = deadlines.of(r.id).stream().map((Deadline d) -> new StepView(d.step, d.statutory,
                d.dueOn, d.doneOn, d.cancelled, d.status(today))).toList();
        return new ReviewView(r.id, r.pupilId, r.schoolUrn, r.kind.name(), r.transfer,
                r.status.name(), r.referenceDate, r.dueBy, r.planBy, r.meetingDate,
                r.invitees.stream().map(i -> new InviteeInput(i.role, i.name)).toList(), r.invitationsSentOn,
                r.adviceCirculatedOn, r.heldOn, r.attendees, r.reportSentOn,
                r.laDecision, r.laDecisionOn, r.amendmentNoticeOn, r.finalPlanOn,
                r.closedReason, steps, r.version);
    }
}
