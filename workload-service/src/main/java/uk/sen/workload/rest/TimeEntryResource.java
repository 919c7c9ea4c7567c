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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
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

    /** A time of day as the views write it: hours and minutes. */
    static final String TIME_OF_DAY = "^([01][0-9]|2[0-3]):[0-5][0-9]$";
    /** A time of day as the inputs take it: hours and minutes, seconds (and their fraction) allowed and dropped. */
    static final String TIME_INPUT = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?$";
    static final String IDEMPOTENCY_KEY = "A key of your choosing, 1 to 200 characters, that makes a retry of this create safe: "
            + "a retry with the same key and body gets the first answer and creates nothing";
    static final String IF_MATCH = "The ETag of the version you read";

    @Schema(description = "What you say about a piece of time")
    public record EntryInput(
            @NotBlank @Schema(examples = "900101", description = "One of your schools") String schoolUrn,
            @NotNull @Schema(examples = "2026-11-23", description = "The day, in Europe/London; not in the future") LocalDate date,
            @Schema(examples = "90", description = "Minutes; or give startTime and endTime (both, agreeing, are fine too)") Integer minutes,
            @Schema(implementation = String.class, pattern = TIME_INPUT, examples = "09:30",
                    description = "When you started that day (Europe/London), with endTime") LocalTime startTime,
            @Schema(implementation = String.class, pattern = TIME_INPUT, examples = "11:00",
                    description = "When you finished that day (Europe/London), with startTime") LocalTime endTime,
            @NotBlank @Schema(examples = "EHCP_ANNUAL_REVIEWS", description = "A code from GET /api/v1/categories, of a category in use") String category,
            @Schema(description = "The pupil the time was for, if any") UUID pupilId,
            @Schema(description = "The review the time was for, if any") UUID reviewId,
            @Size(max = 2000) @Schema(description = "Your own note; kept on the entry, never shown in a report",
                    examples = "Annual review paperwork for one pupil") String note) {

        TimeEntryService.EntryDetails details() {
            return new TimeEntryService.EntryDetails(schoolUrn, date, minutes, startTime, endTime, category, pupilId,
                    reviewId, note);
        }
    }

    @Schema(description = "A piece of time you logged")
    public record EntryView(UUID id, @Schema(examples = "900101") String schoolUrn,
            @Schema(description = "The day, in Europe/London") LocalDate date,
            @JsonFormat(pattern = "HH:mm") @Schema(implementation = String.class, nullable = true,
                    pattern = TIME_OF_DAY, examples = "09:30",
                    description = "Start time (hours and minutes, Europe/London); null when only minutes were given") LocalTime startTime,
            @JsonFormat(pattern = "HH:mm") @Schema(implementation = String.class, nullable = true,
                    pattern = TIME_OF_DAY, examples = "11:00",
                    description = "End time (hours and minutes, Europe/London); null when only minutes were given") LocalTime endTime,
            @Schema(description = "How long, in minutes", examples = "90") int minutes,
            @Schema(description = "Its activity category (a code of GET /api/v1/categories)",
                    examples = "EHCP_ANNUAL_REVIEWS") String category,
            @Schema(nullable = true, description = "The pupil the time was for, if any") UUID pupilId,
            @Schema(nullable = true, description = "The review the time was for, if any") UUID reviewId,
            @Schema(nullable = true, description = "Your note, if any") String note,
            TimeEntry.Source source,
            @Schema(description = "Its version, also sent as the ETag") long version, Instant createdAt,
            Instant updatedAt) {

        public static EntryView of(TimeEntry e) {
            return new EntryView(e.id, e.schoolUrn, e.date, e.startTime, e.endTime, e.minutes, e.categoryCode,
                    e.pupilId, e.reviewId, e.note, e.source, e.version, e.createdAt, e.updatedAt);
        }
    }

    @Inject
    TimeEntryService entries;

    @Inject
    Idempotency idempotency;

    @POST
    @Operation(operationId = "logTimeEntry", summary = "Log time spent on an activity at one of your schools",
            description = """
                    Records time you spent on one activity at one of your schools on one day (Europe/London): give \
                    `minutes`, or `startTime` and `endTime` (both, agreeing, are fine too). The day may not be in \
                    the future; an entry lasts at most 12 hours; the category must be one in use \
                    (GET /api/v1/categories); timed entries of yours may not overlap (422). A `reviewId` must be a \
                    review of that school known to this service, and a `pupilId` given with it that review's pupil; a \
                    `pupilId` alone must be a pupil the register announced at that school (422 otherwise). \
                    The entry counts in your reports at once, and if your weeks at the school now run over your \
                    protected time by the margin for enough weeks in a row, an "allocation exceeded" alert is raised \
                    (once per term) and announced to notification-service. Send an `Idempotency-Key`: a phone \
                    retrying offline must not count the time twice.""")
    @APIResponseSchema(value = EntryView.class, responseCode = "201",
            responseDescription = "Logged: the new entry, with its ETag and where to read it")
    @APIResponse(responseCode = "404", description = "The school is not one of yours")
    public Response create(@NotNull @Valid EntryInput input,
            @HeaderParam(Idempotency.HEADER) @Parameter(description = IDEMPOTENCY_KEY) String key) {
        return idempotency.create(key, input, () -> {
            TimeEntry entry = entries.create(input.details(), TimeEntry.Source.MANUAL);
            return new Idempotency.Created(URI.create("/api/v1/time-entries/" + entry.id), EntryView.of(entry),
                    entry.version);
        });
    }

    @GET
    @Operation(operationId = "listTimeEntries", summary = "Your time entries, newest first",
            description = """
                    Your own time entries, at all your schools, newest day first (then latest start time), a page \
                    at a time. Filter by a range of days, a school and a category. Only the signed-in SENCO's \
                    entries are listed: nobody else sees them here.""")
    @APIResponse(responseCode = "200", description = "A page of your entries")
    public Page<EntryView> list(
            @QueryParam("from") @Parameter(description = "Only entries on or after this day") LocalDate from,
            @QueryParam("to") @Parameter(description = "Only entries on or before this day") LocalDate to,
            @QueryParam("school") @Parameter(description = "Only entries at this school (its URN)", example = "900101") String school,
            @QueryParam("category") @Parameter(description = "Only entries of this activity category (a code of GET /api/v1/categories)",
                    example = "EHCP_ANNUAL_REVIEWS") String category,
            @Valid @BeanParam PageRequest page) {
        return entries.list(from, to, school, category, page).map(EntryView::of);
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getTimeEntry", summary = "One of your time entries",
            description = """
                    One of your own time entries, with its ETag: send the ETag back as `If-Match` to change or \
                    delete it. Another SENCO's entry is not found.""")
    @APIResponseSchema(value = EntryView.class, responseCode = "200", responseDescription = "The entry, with its ETag")
    public Response get(@PathParam("id") @Parameter(description = "The entry's id") UUID id) {
        TimeEntry entry = entries.read(id);
        return Response.ok(EntryView.of(entry)).tag(Versions.etag(entry.version)).build();
    }

    @PUT
    @Path("{id}")
    @Operation(operationId = "updateTimeEntry", summary = "Change one of your time entries",
            description = """
                    Replaces the details of one of your entries with what you send, by the same rules as logging \
                    time (a school of yours, a category in use, no future day, no overlap with your other timed \
                    entries). An entry keeps a category that has since gone out of use if you do not change it. \
                    Send the ETag you read as `If-Match`: if someone changed the entry since, nothing is changed \
                    (412). Your reports change at once, and an "allocation exceeded" alert may be raised for the \
                    entry's weeks.""")
    @APIResponseSchema(value = EntryView.class, responseCode = "200",
            responseDescription = "Changed: the entry as it is now, with its new ETag")
    public Response update(@PathParam("id") @Parameter(description = "The entry's id") UUID id,
            @NotNull @Valid EntryInput input,
            @HeaderParam("If-Match") @Parameter(description = IF_MATCH, required = true, example = "\"3\"") String ifMatch) {
        TimeEntry entry = entries.update(id, input.details(), ifMatch);
        return Response.ok(EntryView.of(entry)).tag(Versions.etag(entry.version)).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteTimeEntry", summary = "Delete one of your time entries",
            description = """
                    Deletes one of your entries for good; it no longer counts in any report. Send the ETag you read \
                    as `If-Match`: if the entry changed since, nothing is deleted (412).""")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") @Parameter(description = "The entry's id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = IF_MATCH, required = true, example = "\"3\"") String ifMatch) {
        entries.delete(id, ifMatch);
        return Response.noContent().build();
    }
}
