package uk.sen.workload.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonFormat;

import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Idempotency;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.workload.domain.TimeEntry;
import uk.sen.workload.service.TimeEntryService;

@Path("/api/v1/time-entries")
@Tag(name = "Time entries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SENCO)
public class TimeEntryResource {

    public record EntryInput(
            @NotBlank @Schema(examples = "900101", description = "One of your schools") String schoolUrn,
            @NotNull @Schema(examples = "2026-11-23", description = "The day, in Europe/London; not in the future") LocalDate date,
            @Schema(examples = "90", description = "Minutes; or give startTime and endTime (both, agreeing, are fine too)") Integer minutes,
            @Schema(type = SchemaType.STRING, format = "time", examples = "09:30") LocalTime startTime,
            @Schema(type = SchemaType.STRING, format = "time", examples = "11:00") LocalTime endTime,
            @NotBlank @Schema(examples = "EHCP_ANNUAL_REVIEWS", description = "A code from GET /api/v1/categories") String category,
            @Schema(description = "The pupil the time was for, if any") UUID pupilId,
            @Schema(description = "The review the time was for, if any") UUID reviewId,
            @Size(max = 2000) String note) {

        TimeEntryService.EntryDetails details() {
            return new TimeEntryService.EntryDetails(schoolUrn, date, minutes, startTime, endTime, category, pupilId,
                    reviewId, note);
        }
    }

    public record EntryView(UUID id, String schoolUrn, LocalDate date,
            @JsonFormat(pattern = "HH:mm") @Schema(type = SchemaType.STRING, examples = "09:30") LocalTime startTime,
            @JsonFormat(pattern = "HH:mm") @Schema(type = SchemaType.STRING, examples = "11:00") LocalTime endTime,
            int minutes, String category,
            UUID pupilId, UUID reviewId, String note, String source, long version, Instant createdAt,
            Instant updatedAt) {

        public static EntryView of(TimeEntry e) {
            return new EntryView(e.id, e.schoolUrn, e.date, e.startTime, e.endTime, e.minutes, e.categoryCode,
                    e.pupilId, e.reviewId, e.note, e.source.name(), e.version, e.createdAt, e.updatedAt);
        }
    }

    @Inject
    TimeEntryService entries;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(summary = "Log time (send an Idempotency-Key: a phone retrying offline must not count it twice)")
    public Response create(@NotNull @Valid EntryInput input, @HeaderParam(Idempotency.HEADER) String key) {
        return idempotency.create(key, input, () -> {
            TimeEntry entry = entries.create(input.details(), TimeEntry.Source.MANUAL);
            return new Idempotency.Created(URI.create("/api/v1/time-entries/" + entry.id), EntryView.of(entry),
                    entry.version);
        });
    }

    @GET
    @Operation(summary = "Your time entries, newest first; filter by dates, school and category")
    public Page<EntryView> list(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("school") String school, @QueryParam("category") String category,
            @Valid @BeanParam PageRequest page) {
        return entries.list(from, to, school, category, page).map(EntryView::of);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of your time entries, with its ETag")
    public Response get(@PathParam("id") UUID id) {
        TimeEntry entry = entries.read(id);
        return Response.ok(EntryView.of(entry)).tag(Versions.etag(entry.version)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Change one of your time entries (If-Match with its ETag)")
    public Response update(@PathParam("id") UUID id, @NotNull @Valid EntryInput input,
            @HeaderParam("If-Match") String ifMatch) {
        TimeEntry entry = entries.update(id, input.details(), ifMatch);
        return Response.ok(EntryView.of(entry)).tag(Versions.etag(entry.version)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete one of your time entries (If-Match with its ETag)")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        entries.delete(id, ifMatch);
        return Response.noContent().build();
    }
}
