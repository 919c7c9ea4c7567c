package uk.sen.workload.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.workload.domain.SuggestedEntry;
import uk.sen.workload.service.SuggestionService;

/** Time entries suggested by held review meetings, for the school's SENCO to confirm or dismiss. */
@Path("/api/v1/suggestions")
@Tag(name = "Suggested entries")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SENCO)
public class SuggestionResource {

    @Schema(description = "Optional adjustments when confirming; anything left out is taken from the suggestion")
    public record ConfirmInput(@Schema(description = "The day, if not the meeting's") LocalDate date,
            @Schema(description = "Minutes, if not the suggested ones", examples = "75") Integer minutes,
            @Schema(implementation = String.class, pattern = TimeEntryResource.TIME_INPUT, examples = "13:30",
                    description = "Start time that day (Europe/London), with endTime, instead of minutes") LocalTime startTime,
            @Schema(implementation = String.class, pattern = TimeEntryResource.TIME_INPUT, examples = "14:45",
                    description = "End time that day (Europe/London), with startTime") LocalTime endTime,
            @Schema(description = "The category, if not the suggested one (a code of GET /api/v1/categories)",
                    examples = "EHCP_ANNUAL_REVIEWS") String category,
            @Size(max = 2000) @Schema(description = "Your note on the entry, if any") String note) {
    }

    @Schema(description = "A time entry suggested because a review meeting at one of your schools was held")
    public record SuggestionView(UUID id, @Schema(examples = "900101") String schoolUrn,
            @Schema(description = "The review whose meeting was held (review-service's id)") UUID reviewId,
            @Schema(nullable = true, description = "The review's pupil, when the event named one") UUID pupilId,
            @Schema(nullable = true, description = "The kind of EHCP review, as review-service gave it (ANNUAL or PHASE_TRANSFER)",
                    examples = "ANNUAL") String reviewKind,
            @Schema(description = "The day the meeting was held") LocalDate heldOn,
            @Schema(description = "Suggested minutes: the meeting's reported duration, else the configured default (an hour as shipped)", examples = "60") int minutes,
            @Schema(description = "False when the meeting's duration was not reported and the default was used") boolean durationReported,
            @Schema(description = "The suggested category (a code of GET /api/v1/categories)", examples = "EHCP_ANNUAL_REVIEWS") String category,
            SuggestedEntry.Status status,
            @Schema(nullable = true, description = "The time entry it became, once confirmed") UUID entryId,
            @Schema(nullable = true, description = "Who confirmed or dismissed it (username)") String decidedBy,
            @Schema(nullable = true, description = "When it was confirmed or dismissed") Instant decidedAt,
            @Schema(description = "When it was suggested") Instant createdAt,
            @Schema(description = "Its version, also sent as the ETag") long version) {

        static SuggestionView of(SuggestedEntry s) {
            return new SuggestionView(s.id, s.schoolUrn, s.reviewId, s.pupilId, s.reviewKind, s.heldOn, s.minutes,
                    s.durationReported, s.categoryCode, s.status, s.entryId, s.decidedBy, s.decidedAt,
                    s.createdAt, s.version);
        }
    }

    @Schema(description = "A confirmed suggestion and the time entry it became")
    public record ConfirmedView(SuggestionView suggestion, TimeEntryResource.EntryView entry) {
    }

    @Inject
    SuggestionService suggestions;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @GET
    @Operation(operationId = "listSuggestedEntries", summary = "Suggested time entries for your schools, newest meeting first",
            description = """
                    When a review meeting at one of your schools is held, review-service says so and a time entry \
                    is suggested for it (the meeting's duration if reported, else a default, an hour as shipped, \
                    under EHCP annual reviews), for a SENCO of the school to confirm or dismiss. Lists the suggestions of all your \
                    schools, the latest meeting first, a page at a time; filter by status and school.""")
    @APIResponse(responseCode = "200", description = "A page of suggestions")
    public Page<SuggestionView> list(
            @QueryParam("status") @Parameter(description = "Only suggestions in this state (any letter case)",
                    schema = @Schema(implementation = SuggestedEntry.Status.class)) String status,
            @QueryParam("school") @Parameter(description = "Only this school (its URN)", example = "900101") String school,
            @Valid @BeanParam PageRequest page) {
        SuggestedEntry.Status wanted = null;
        if (status != null) {
            try {
                wanted = SuggestedEntry.Status.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(SuggestedEntry.Status.values()));
            }
        }
        Page<SuggestionView> result = suggestions.list(wanted, school, page).map(SuggestionView::of);
        audit.record(AuditLog.LIST, "pupil", result.items().stream().filter(s -> s.pupilId() != null)
                .map(s -> s.pupilId().toString()).distinct().toList(), caller.trustId(), school, "suggested entries");
        return result;
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getSuggestedEntry", summary = "One suggested time entry",
            description = """
                    One suggestion of one of your schools, with its ETag: send the ETag back as `If-Match` to \
                    confirm or dismiss it.""")
    @APIResponseSchema(value = SuggestionView.class, responseCode = "200",
            responseDescription = "The suggestion, with its ETag")
    public Response get(@PathParam("id") @Parameter(description = "The suggestion's id") UUID id) {
        SuggestedEntry s = suggestions.visible(id);
        return Response.ok(SuggestionView.of(s)).tag(Versions.etag(s.version)).build();
    }

    @POST
    @Path("{id}/confirm")
    @Operation(operationId = "confirmSuggestedEntry", summary = "Confirm a suggestion: it becomes your time entry",
            description = """
                    Logs the suggested time as your own time entry (source SUGGESTION), adjusted by what you send: \
                    another day, minutes or start and end times, category or a note; the body may be left out. The \
                    entry is checked as any entry is (400 for an unknown category or a future day, 422 for an \
                    overlap with your timed entries), and a refused confirmation leaves the suggestion pending. A \
                    suggestion is decided once: one already \
                    confirmed or dismissed answers 409. Send the ETag you read as `If-Match`. The answer is the \
                    suggestion, now CONFIRMED, and the entry; `Location` says where the entry is read.""")
    @APIResponse(responseCode = "200", description = "Confirmed: the suggestion (its new version as the ETag) and the new entry",
            headers = @Header(name = "Location", description = "Where the new time entry is read",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfirmedView.class)))
    @APIResponse(responseCode = "409", description = "The suggestion was already confirmed or dismissed")
    public Response confirm(@PathParam("id") @Parameter(description = "The suggestion's id") UUID id,
            @Valid @RequestBody(required = false) ConfirmInput in,
            @HeaderParam("If-Match") @Parameter(description = TimeEntryResource.IF_MATCH, required = true, example = "\"3\"") String ifMatch) {
        SuggestionService.Confirmed c = suggestions.confirm(id, in == null ? null
                : new SuggestionService.ConfirmDetails(in.date(), in.minutes(), in.startTime(), in.endTime(),
                        in.category(), in.note()), ifMatch);
        return Response.ok(new ConfirmedView(SuggestionView.of(c.suggestion()),
                TimeEntryResource.EntryView.of(c.entry())))
                .location(URI.create("/api/v1/time-entries/" + c.entry().id))
                .tag(Versions.etag(c.suggestion().version)).build();
    }

    @POST
    @Path("{id}/dismiss")
    @Operation(operationId = "dismissSuggestedEntry", summary = "Dismiss a suggestion: no time is logged",
            description = """
                    Marks the suggestion DISMISSED: no time is logged for that meeting. A suggestion is decided \
                    once: one already confirmed or dismissed answers 409. Send the ETag you read as `If-Match`.""")
    @APIResponseSchema(value = SuggestionView.class, responseCode = "200",
            responseDescription = "Dismissed: the suggestion as it is now, with its new ETag")
    @APIResponse(responseCode = "409", description = "The suggestion was already confirmed or dismissed")
    public Response dismiss(@PathParam("id") @Parameter(description = "The suggestion's id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = TimeEntryResource.IF_MATCH, required = true, example = "\"3\"") String ifMatch) {
        SuggestedEntry s = suggestions.dismiss(id, ifMatch);
        return Response.ok(SuggestionView.of(s)).tag(Versions.etag(s.version)).build();
    }
}
