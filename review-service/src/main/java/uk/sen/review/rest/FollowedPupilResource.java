package uk.sen.review.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.domain.TimelineEntry;

@Path("/api/v1/pupils")
@Tag(name = "Followed pupils")
@Produces(MediaType.APPLICATION_JSON)
public class FollowedPupilResource {

    public record TimelineView(String eventId, String eventType, OffsetDateTime occurredAt, String summary) {
    }

    public record FollowedPupilView(UUID pupilId, String trustId, String schoolUrn, LocalDate dateOfBirth,
            String ncYear, String provision, LocalDate provisionStartDate, String issuingLa, LocalDate planIssueDate,
            String primaryNeed, String secondaryNeed, List<TimelineView> timeline) {
    }

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Transactional
    @Operation(summary = "A pupil as the review service follows them, with what happened to them")
    public FollowedPupilView get(@PathParam("id") UUID id) {
        FollowedPupil p = FollowedPupil.findById(id);
        if (p == null || !caller.coversSchool(p.trustId, p.schoolUrn)) {
            throw ProblemException.notFound("Pupil", id);
        }
        audit.record(AuditLog.READ, "pupil", id.toString(), p.trustId, p.schoolUrn);
        List<TimelineView> timeline = TimelineEntry.<TimelineEntry> list("pupilId = ?1 order by id", id).stream()
                .map(t -> new TimelineView(t.eventId, t.eventType, t.occurredAt, t.summary)).toList();
        return new FollowedPupilView(p.pupilId, p.trustId, p.schoolUrn, p.dateOfBirth, p.ncYear, p.provision,
                p.provisionStartDate, p.issuingLa, p.planIssueDate, p.primaryNeed, p.secondaryNeed, timeline);
    }
}
