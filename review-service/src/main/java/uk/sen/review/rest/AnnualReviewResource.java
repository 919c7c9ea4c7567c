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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Parameters;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.ScopedQuery;
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
import uk.sen.review.service.Deadlines;
import uk.sen.review.service.SencoOverview;

@Path("/api/v1/reviews")
@Tag(name = "EHC plan reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Transactional
public class AnnualReviewResource {

    public record InviteeInput(@NotNull InviteeRole role, @Size(max = 200) String name) {
    }

    public record MeetingInput(@NotNull @Schema(examples = "2027-01-20") LocalDate meetingDate,
            @NotNull @Valid List<InviteeInput> invitees) {
    }

    public record DoneInput(@NotNull @Schema(description = "When it happened") LocalDate on) {
    }

    public record HeldInput(@NotNull LocalDate on, List<@Size(max = 200) String> attendees,
            @Positive @Schema(description = "How long the meeting took, for the SENCO's time record") Integer durationMinutes) {
    }

    public record DecisionInput(@NotNull Decision decision, @NotNull LocalDate on, LocalDate amendmentNoticeOn) {
    }

    public record StepView(String step, boolean statutory, LocalDate dueOn, LocalDate doneOn, boolean cancelled,
            StatutoryClock.StepStatus status) {
    }

    public record ReviewView(UUID id, UUID pupilId, String schoolUrn, String kind, String transfer, String status,
            LocalDate referenceDate, LocalDate dueBy, LocalDate planBy, LocalDate meetingDate,
            List<InviteeInput> invitees, LocalDate invitationsSentOn, LocalDate adviceCirculatedOn, LocalDate heldOn,
            String attendees, LocalDate reportSentOn, String laDecision, LocalDate laDecisionOn,
            LocalDate amendmentNoticeOn, LocalDate finalPlanOn, String closedReason, List<StepView> steps, long version) {
    }

    @Inject
    AnnualReviewService reviews;

    @Inject
    Deadlines deadlines;

    @Inject
    EnglandClock calendar;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    SencoOverview overview;

    @GET
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "Reviews in your schools, soonest due first; filter by school, status, pupil, due before a date")
    public Page<ReviewView> list(@QueryParam("school") String school, @QueryParam("status") String status,
            @QueryParam("pupil") UUID pupil, @QueryParam("dueBefore") LocalDate dueBefore,
            @Valid @BeanParam PageRequest page) {
        ScopedQuery scoped = ScopedQuery.of(caller).and("schoolUrn = :school", "school", school);
        String trust = caller.trustId();
        StringBuilder q = new StringBuilder(scoped.where());
        Parameters params = scoped.params();
        if (status != null) {
            try {
                params.and("status", AnnualReview.Status.valueOf(status.toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(AnnualReview.Status.values()));
            }
            q.append(" and status = :status");
        }
        if (pupil != null) {
            q.append(" and pupilId = :pupil");
            params.and("pupil", pupil);
        }
        if (dueBefore != null) {
            q.append(" and dueBy < :dueBefore");
            params.and("dueBefore", dueBefore);
        }
        Page<ReviewView> result = Page.of(AnnualReview.<AnnualReview> find(q + " order by dueBy, id", params), page,
                this::view);
        audit.record(AuditLog.LIST, "pupil", result.items().stream().map(r -> r.pupilId().toString()).toList(), trust,
                school, "reviews list");
        return result;
    }

    @GET
    @Path("due-this-term")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "EHC plan reviews and SEN support reviews due this term in your schools (in a holiday, the "
            + "coming term), with open ones overdue from before it; each judged by its pupil's LA's term dates")
    public SencoOverview.DueThisTerm dueThisTerm(@QueryParam("school") String school,
            @QueryParam("date") @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "As at this date (yyyy-MM-dd) instead of today") String date) {
        LocalDate asAt = date == null || date.isBlank() ? null : InputRules.date("date", date.trim());
        return overview.dueThisTerm(school, asAt);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Operation(summary = "One review with each statutory step: its deadline, when it was done, and on time, due or overdue")
    public Response get(@PathParam("id") UUID id) {
        return ok(reviews.visible(id));
    }

    @PUT
    @Path("{id}/meeting")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Set (or move) the review meeting and who is invited (If-Match)")
    public Response meeting(@PathParam("id") UUID id, @NotNull @Valid MeetingInput in, @HeaderParam("If-Match") String ifMatch) {
        List<Invitee> invitees = in.invitees().stream().map(i -> new Invitee(i.role(), i.name())).toList();
        return ok(reviews.setMeeting(id, in.meetingDate(), invitees, ifMatch));
    }

    @POST
    @Path("{id}/invitations-sent")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record that the invitations went out (at least 2 weeks before the meeting) (If-Match)")
    public Response invitations(@PathParam("id") UUID id, @NotNull @Valid DoneInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.invitationsSent(id, in.on(), ifMatch));
    }

    @POST
    @Path("{id}/advice-circulated")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record that advice and information were circulated (due 2 weeks before the meeting) (If-Match)")
    public Response advice(@PathParam("id") UUID id, @NotNull @Valid DoneInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.adviceCirculated(id, in.on(), ifMatch));
    }

    @POST
    @Path("{id}/held")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record that the meeting was held, with who attended (If-Match)")
    public Response held(@PathParam("id") UUID id, @NotNull @Valid HeldInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.held(id, in.on(), in.attendees(), in.durationMinutes(), ifMatch));
    }

    @POST
    @Path("{id}/report-sent")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record that the review report went to the LA and everyone invited (within 2 weeks) (If-Match)")
    public Response report(@PathParam("id") UUID id, @NotNull @Valid DoneInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.reportSent(id, in.on(), ifMatch));
    }

    @POST
    @Path("{id}/la-decision")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record the LA's decision: maintain, amend (with the notice date) or cease (within 4 weeks) (If-Match)")
    public Response decision(@PathParam("id") UUID id, @NotNull @Valid DecisionInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.laDecision(id, in.decision(), in.on(), in.amendmentNoticeOn(), ifMatch));
    }

    @POST
    @Path("{id}/final-plan")
    @RolesAllowed(Roles.SENCO)
    @Operation(summary = "Record the final amended plan (within 8 weeks of the notice, 12 weeks of the meeting) (If-Match)")
    public Response finalPlan(@PathParam("id") UUID id, @NotNull @Valid DoneInput in, @HeaderParam("If-Match") String ifMatch) {
        return ok(reviews.finalPlan(id, in.on(), ifMatch));
    }

    private Response ok(AnnualReview r) {
        return Response.ok(view(r)).tag(Versions.etag(r.version)).build();
    }

    private ReviewView view(AnnualReview r) {
        LocalDate today = calendar.today();
        List<StepView> steps = deadlines.of(r.id).stream().map((Deadline d) -> new StepView(d.step, d.statutory,
                d.dueOn, d.doneOn, d.cancelled, StatutoryClock.status(d.dueOn, d.doneOn, today))).toList();
        return new ReviewView(r.id, r.pupilId, r.schoolUrn, r.kind.name(), r.transfer == null ? null : r.transfer.name(),
                r.status.name(), r.referenceDate, r.dueBy, r.planBy, r.meetingDate,
                r.invitees.stream().map(i -> new InviteeInput(i.role, i.name)).toList(), r.invitationsSentOn,
                r.adviceCirculatedOn, r.heldOn, r.attendees, r.reportSentOn,
                r.laDecision == null ? null : r.laDecision.name(), r.laDecisionOn, r.amendmentNoticeOn, r.finalPlanOn,
                r.closedReason, steps, r.version);
    }
}
