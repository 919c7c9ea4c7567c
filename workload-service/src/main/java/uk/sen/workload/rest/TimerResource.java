package uk.sen.workload.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.workload.domain.RunningTimer;
import uk.sen.workload.domain.TimeEntry;
import uk.sen.workload.service.TimerService;
import uk.sen.workload.service.WorkloadClock;

/** The mobile app's stopwatch: one running per SENCO. */
@Path("/api/v1/timer")
@Tag(name = "Timer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SENCO)
public class TimerResource {

    @Schema(description = "What you are starting to time")
    public record StartInput(@NotBlank @Schema(examples = "900101", description = "One of your schools") String schoolUrn,
            @NotBlank @Schema(examples = "PARENT_MEETINGS",
                    description = "A code from GET /api/v1/categories, of a category in use") String category,
            @Schema(description = "The pupil the time is for, if any") UUID pupilId,
            @Schema(description = "The review the time is for, if any") UUID reviewId,
            @Size(max = 2000) @Schema(description = "Your own note, if any", examples = "Phone call with a parent") String note,
            @Schema(description = "When it started, if not now (a phone that was offline); within the last 12 hours") Instant startedAt) {
    }

    @Schema(description = "Optional corrections when stopping the timer; anything left out is kept as started")
    public record StopInput(
            @Schema(description = "When it stopped, if not now (a forgotten timer); the same day it started") Instant stoppedAt,
            @Schema(description = "Change the category on stopping", examples = "EXTERNAL_LIAISON") String category,
            @Schema(description = "Change the pupil the time was for") UUID pupilId,
            @Schema(description = "Change the review the time was for") UUID reviewId,
            @Size(max = 2000) @Schema(description = "Change the note") String note) {
    }

    @Schema(description = "Your running timer")
    public record TimerView(UUID id, @Schema(examples = "900101") String schoolUrn,
            @Schema(description = "Its activity category (a code of GET /api/v1/categories)", examples = "PARENT_MEETINGS") String category,
            @Schema(nullable = true, description = "The pupil the time is for, if any") UUID pupilId,
            @Schema(nullable = true, description = "The review the time is for, if any") UUID reviewId,
            @Schema(nullable = true, description = "Your note, if any") String note,
            @Schema(description = "When it started (to the second)") Instant startedAt,
            @Schema(description = "Seconds it has been running, as of this answer", examples = "1260") long runningSeconds) {

        static TimerView of(RunningTimer t, Instant now) {
            return new TimerView(t.id, t.schoolUrn, t.categoryCode, t.pupilId, t.reviewId, t.note, t.startedAt,
                    Math.max(0, now.getEpochSecond() - t.startedAt.getEpochSecond()));
        }
    }

    @Inject
    TimerService timers;

    @Inject
    Idempotency idempotency;

    @Inject
    WorkloadClock clock;

    @GET
    @Operation(operationId = "getRunningTimer", summary = "Your running timer",
            description = """
                    The timer you are running, with how long it has run so far. You have at most one; when none \
                    runs the answer is 404 (problem type `no-timer`).""")
    @APIResponseSchema(value = TimerView.class, responseCode = "200", responseDescription = "Your running timer")
    @APIResponse(responseCode = "404", description = "You have no timer running")
    public TimerView current() {
        RunningTimer timer = timers.current().orElseThrow(() -> new ProblemException(404, "no-timer",
                "No timer running", "You have no timer running.", List.of()));
        return TimerView.of(timer, clock.instant());
    }

    @POST
    @Operation(operationId = "startTimer", summary = "Start your timer",
            description = """
                    Starts timing an activity at one of your schools, now or at `startedAt` (within the last 12 \
                    hours, not in the future: a phone that was offline sends when it really started). Nothing is \
                    logged until you stop it. You can run one timer at a time: while one runs, starting another \
                    answers 409; stop or discard it first.""")
    @APIResponseSchema(value = TimerView.class, responseCode = "201",
            responseDescription = "Started: your running timer, read at /api/v1/timer")
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    @APIResponse(responseCode = "409", description = "A timer is already running for you: stop or discard it first")
    public Response start(@NotNull @Valid StartInput in) {
        RunningTimer timer = timers.start(new TimerService.StartDetails(in.schoolUrn(), in.category(), in.pupilId(),
                in.reviewId(), in.note(), in.startedAt()));
        return Response.created(URI.create("/api/v1/timer")).entity(TimerView.of(timer, clock.instant())).build();
    }

    @POST
    @Path("stop")
    @Operation(operationId = "stopTimer", summary = "Stop your timer: it becomes a time entry",
            description = """
                    Stops your running timer and logs the time from its start to its stop (both to the minute) as \
                    a time entry, with any corrections you send: a `stoppedAt` for a timer you forgot to stop, \
                    another category, pupil, review or note. The entry must end on the day it started, last at \
                    least a minute and at most 12 hours, and not overlap your other timed entries (422; the timer \
                    keeps running then). The body may be left out. Send an `Idempotency-Key`: a retry with the \
                    same key gets the same entry, and no second one is logged. As with any entry, an "allocation \
                    exceeded" alert may be raised.""")
    @APIResponseSchema(value = TimeEntryResource.EntryView.class, responseCode = "201",
            responseDescription = "Stopped: the time entry it became, with its ETag and where to read it")
    @APIResponse(responseCode = "404", description = "You have no timer running")
    public Response stop(@Valid @RequestBody(required = false) StopInput in,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = TimeEntryResource.IDEMPOTENCY_KEY) String key) {
        return idempotency.create(key, in, () -> {
            TimeEntry entry = timers.stop(in == null ? null
                    : new TimerService.StopDetails(in.stoppedAt(), in.category(), in.pupilId(), in.reviewId(),
                            in.note()));
            return new Idempotency.Created(URI.create("/api/v1/time-entries/" + entry.id),
                    TimeEntryResource.EntryView.of(entry), entry.version);
        });
    }

    @DELETE
    @Operation(operationId = "discardTimer", summary = "Discard your timer without logging any time",
            description = "Stops your running timer and throws it away: no time is logged.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "404", description = "You have no timer running")
    public Response discard() {
        timers.discard();
        return Response.noContent().build();
    }
}
