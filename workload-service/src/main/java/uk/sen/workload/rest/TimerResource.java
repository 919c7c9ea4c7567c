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

    public record StartInput(@NotBlank @Schema(examples = "900101") String schoolUrn,
            @NotBlank @Schema(examples = "PARENT_MEETINGS") String category, UUID pupilId, UUID reviewId,
            @Size(max = 2000) String note,
            @Schema(description = "When it started, if not now (a phone that was offline); within the last 12 hours") Instant startedAt) {
    }

    public record StopInput(
            @Schema(description = "When it stopped, if not now (a forgotten timer); the same day it started") Instant stoppedAt,
            @Schema(description = "Change the category on stopping") String category, UUID pupilId, UUID reviewId,
            @Size(max = 2000) String note) {
    }

    public record TimerView(UUID id, String schoolUrn, String category, UUID pupilId, UUID reviewId, String note,
            Instant startedAt, long runningSeconds) {

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
    @Operation(summary = "Your running timer (404 when none runs)")
    public TimerView current() {
        RunningTimer timer = timers.current().orElseThrow(() -> new ProblemException(404, "no-timer",
                "No timer running", "You have no timer running.", List.of()));
        return TimerView.of(timer, clock.instant());
    }

    @POST
    @Operation(summary = "Start your timer (409 when one is already running)")
    public Response start(@NotNull @Valid StartInput in) {
        RunningTimer timer = timers.start(new TimerService.StartDetails(in.schoolUrn(), in.category(), in.pupilId(),
                in.reviewId(), in.note(), in.startedAt()));
        return Response.created(URI.create("/api/v1/timer")).entity(TimerView.of(timer, clock.instant())).build();
    }

    @POST
    @Path("stop")
    @Operation(summary = "Stop your timer: it becomes a time entry (send an Idempotency-Key; a retry gets the same entry)")
    public Response stop(@Valid StopInput in, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, in, () -> {
            TimeEntry entry = timers.stop(in == null ? null
                    : new TimerService.StopDetails(in.stoppedAt(), in.category(), in.pupilId(), in.reviewId(),
                            in.note()));
            return new Idempotency.Created(URI.create("/api/v1/time-entries/" + entry.id),
                    TimeEntryResource.EntryView.of(entry), entry.version);
        });
    }

    @DELETE
    @Operation(summary = "Discard your timer without logging any time")
    public Response discard() {
        timers.discard();
        return Response.noContent().build();
    }
}
