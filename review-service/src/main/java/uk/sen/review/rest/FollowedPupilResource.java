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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.security.Roles;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.service.FollowedPupils;

@Path("/api/v1/pupils")
@Tag(name = "Followed pupils")
@Produces(MediaType.APPLICATION_JSON)
public class FollowedPupilResource {

    @Schema(description = "One register event applied to the pupil")
    public record TimelineView(@Schema(description = "The register event's id") String eventId,
            @Schema(description = "The register event's type", examples = "uk.sen.register.provision-changed") String eventType,
            @Schema(nullable = true, description = "When it happened in the register") OffsetDateTime occurredAt,
            @Schema(description = "What happened, in words", examples = "Provision changed from K to E on 2026-09-07") String summary) {
    }

    @Schema(description = "A pupil as the review service knows them from the register's events, with what happened")
    public record FollowedPupilView(UUID pupilId,
            @Schema(nullable = true, description = "The pupil's UPN, as the register's events carry it", examples = "A801200100012") String upn,
            @Schema(description = "The pupil's trust", examples = "northbridge") String trustId,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(nullable = true) LocalDate dateOfBirth,
            @Schema(nullable = true, description = "The year group") String ncYear,
            @Schema(description = """
                    The pupil's open SEN provision: N none, K SEN support, E an EHC plan; S, A and P only on legacy \
                    records""", enumeration = { "N", "K", "E", "S", "A", "P" }) String provision,
            @Schema(nullable = true, description = "When the open provision started") LocalDate provisionStartDate,
            @Schema(nullable = true, description = "The LA that issued the EHC plan (provision E)") String issuingLa,
            @Schema(nullable = true, description = "When the EHC plan was issued (provision E)") LocalDate planIssueDate,
            @Schema(nullable = true, description = "The primary need, rank 1") String primaryNeed,
            @Schema(nullable = true, description = "The secondary need, rank 2") String secondaryNeed,
            @Schema(description = "The register events applied to the pupil, oldest first") List<TimelineView> timeline) {
    }

    @Inject
    FollowedPupils pupils;

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.SENCO, Roles.SEN_ADMIN, Roles.TEACHER, Roles.SLT, Roles.TRUST_ADMIN })
    @Transactional
    @Operation(operationId = "getFollowedPupil",
            summary = "A pupil as the review service follows them, with what happened to them",
            description = """
                    The review service's own copy of a pupil in your schools, kept from the register's events: school, \
                    year group, provision, EHC plan dates and needs, with a timeline of each register event applied, \
                    oldest first. It changes only when the register announces a change (change the pupil in the \
                    register service). A pupil the register has not announced, or not in your schools, is not found. \
                    The read is recorded in the audit log.""")
    @APIResponse(responseCode = "200", description = "The pupil and their timeline")
    public FollowedPupilView get(@Parameter(description = "The pupil's id (the same as in the register)") @PathParam("id") UUID id) {
        FollowedPupil p = pupils.visible(id);
        List<TimelineView> timeline = pupils.timeline(id).stream()
                .map(t -> new TimelineView(t.eventId, t.eventType, t.occurredAt, t.summary)).toList();
        return new FollowedPupilView(p.pupilId, p.upn, p.trustId, p.schoolUrn, p.dateOfBirth, p.ncYear, p.provision,
                p.provisionStartDate, p.issuingLa, p.planIssueDate, p.primaryNeed, p.secondaryNeed, timeline);
    }
}
