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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    public record ConfirmInput(@Schema(description = "The day, if not the meeting's") LocalDate date,
            @Schema(description = "Minutes, if not the suggested ones") Integer minutes,
            @Schema(type = SchemaType.STRING, format = "time") LocalTime startTime,
            @Schema(type = SchemaType.STRING, format = "time") LocalTime endTime, String category,
            @Size(max = 2000) String note) {
    }

    public record SuggestionView(UUID id, String schoolUrn, UUID reviewId, UUID pupilId, String reviewKind,
            LocalDate heldOn, int minutes, boolean durationReported, String category, String status, UUID entryId,
            String decidedBy, Instant decidedAt, Instant createdAt, long version) {

        static SuggestionView of(SuggestedEntry s) {
            return new SuggestionView(s.id, s.schoolUrn, s.reviewId, s.pupilId, s.reviewKind, s.heldOn, s.minutes,
                    s.durationReported, s.categoryCode, s.status.name(), s.entryId, s.decidedBy, s.decidedAt,
                    s.createdAt, s.version);
        }
    }

    public record ConfirmedView(SuggestionView suggestion, TimeEntryResource.EntryView entry) {
    }

    @Inject
    SuggestionService suggestions;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "Suggestions for your schools, newest meeting first; filter by status (PENDING, CONFIRMED, DISMISSED) and school")
    public Page<SuggestionView> list(@QueryParam("status") String status, @QueryParam("school") String school,
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
    @Operation(summary = "One suggestion, with its ETag")
    public Response get(@PathParam("id") UUID id) {
        SuggestedEntry s = suggestions.visible(id);
        return Response.ok(SuggestionView.of(s)).tag(Versions.etag(s.version)).build();
    }

    @POST
    @Path("{id}/confirm")
    @Operation(summary = "Confirm: the suggestion becomes your time entry, adjusted by what you send (If-Match)")
    public Response confirm(@PathParam("id") UUID id, @Valid ConfirmInput in, @HeaderParam("If-Match") String ifMatch) {
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
    @Operation(summary = "Dismiss the suggestion: no time is logged (If-Match)")
    public Response dismiss(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        SuggestedEntry s = suggestions.dismiss(id, ifMatch);
        return Response.ok(SuggestionView.of(s)).tag(Versions.etag(s.version)).build();
    }
}
