package uk.sen.review.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.Versions;
import uk.sen.review.domain.AnnualReview;
import uk.sen.review.domain.FollowedPupil;
import uk.sen.review.domain.PupilProfile;
import uk.sen.review.domain.SupportPlan;

/**
 * A pupil's one-page profile: the pupil's own words (what they want people to know, what helps, what does not), which
 * the SENCO records with them, and beside them what the service holds: needs, provision, the support plan's outcomes
 * and interventions, and the next review. Read by the staff of the pupil's school (audited); written by the SENCO.
 */
@ApplicationScoped
@Transactional
public class PupilProfiles {

    static final int MAX_TEXT = 1500;
    static final int MAX_KNOWN_AS = 60;

    /** What the SENCO writes; each may be left empty. */
    public record ProfileText(String knownAs, String aboutMe, String whatHelps, String whatDoesNotHelp) {
    }

    @Schema(description = "An outcome of the open SEN support plan, with this term's goal")
    public record OutcomeLine(String outcome, @Schema(nullable = true) String termlyGoal) {
    }

    @Schema(description = "One intervention of the support plan's provision")
    public record ProvisionLine(String intervention, @Schema(nullable = true) String frequency,
            @Schema(nullable = true) Integer minutesPerWeek, @Schema(nullable = true) String deliveredBy) {
    }

    @Schema(description = "A pupil's one-page profile: their own words and what the school does for them")
    public record OnePageProfile(UUID pupilId, @Schema(examples = "northbridge") String trustId,
            @Schema(examples = "900101") String schoolUrn,
            @Schema(nullable = true, description = "The year group") String ncYear,
            @Schema(nullable = true, description = "The name the pupil likes to be called") String knownAs,
            @Schema(nullable = true, description = "What the pupil wants people to know about them") String aboutMe,
            @Schema(nullable = true, description = "What helps them") String whatHelps,
            @Schema(nullable = true, description = "What does not help them") String whatDoesNotHelp,
            @Schema(description = "The open SEN provision (N, K, E)", examples = "K") String provision,
            @Schema(description = "The needs, primary first, with their broad area") List<String> needs,
            @Schema(description = "The open SEN support plan's outcomes; empty without one") List<OutcomeLine> outcomes,
            @Schema(description = "The support plan's provision; empty without one") List<ProvisionLine> support,
            @Schema(nullable = true, description = "The next review: the support plan's, or the EHC plan's annual review (its meeting when set)") LocalDate nextReview,
            @Schema(nullable = true, enumeration = { "SUPPORT_PLAN_REVIEW", "ANNUAL_REVIEW", "PHASE_TRANSFER_REVIEW" }) String nextReviewKind,
            @Schema(nullable = true, description = "Who last wrote the pupil's words; null until someone has") String updatedBy,
            @Schema(nullable = true) Instant updatedAt,
            @Schema(nullable = true, description = "The version of the pupil's words (the ETag); null until written") Long version) {
    }

    @Inject
    FollowedPupils pupils;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock clock;

    /** The profile of a pupil of the caller's schools (404 otherwise), its read audited. */
    public OnePageProfile read(UUID pupilId) {
        FollowedPupil pupil = pupils.visible(pupilId);
        return view(pupil, PupilProfile.<PupilProfile> find("pupilId", pupilId).firstResult());
    }

    /**
     * Writes the pupil's words: the first time without {@code If-Match}, after that with the ETag read (428 without
     * it, 412 when stale).
     */
    public OnePageProfile write(UUID pupilId, ProfileText text, String ifMatch) {
        FollowedPupil pupil = pupils.visible(pupilId);
        validate(text);
        PupilProfile profile = PupilProfile.<PupilProfile> find("pupilId", pupilId).firstResult();
        Instant now = clock.instant();
        String action;
        if (profile == null) {
            if (ifMatch != null) {
                throw ProblemException.preconditionFailed("The pupil has no profile yet: write it without If-Match.");
            }
            profile = new PupilProfile();
            profile.id = UUID.randomUUID();
            profile.pupilId = pupilId;
            profile.trustId = pupil.trustId;
            profile.schoolUrn = pupil.schoolUrn;
            profile.createdAt = now;
            action = AuditLog.CREATE;
        } else {
            Versions.requireMatch(ifMatch, profile.version);
            action = AuditLog.UPDATE;
        }
        profile.knownAs = clean(text.knownAs());
        profile.aboutMe = clean(text.aboutMe());
        profile.whatHelps = clean(text.whatHelps());
        profile.whatDoesNotHelp = clean(text.whatDoesNotHelp());
        profile.updatedBy = caller.username();
        profile.updatedAt = now;
        if (action.equals(AuditLog.CREATE)) {
            profile.persist();
        }
        PupilProfile.getEntityManager().flush();
        audit.record(action, "pupil-profile", List.of(pupilId.toString()), pupil.trustId, pupil.schoolUrn,
                "the pupil's one-page profile");
        return view(pupil, profile);
    }

    private OnePageProfile view(FollowedPupil pupil, PupilProfile profile) {
        List<String> needs = new ArrayList<>();
        if (pupil.primaryNeed != null) {
            needs.add(pupil.primaryNeed + (pupil.primaryArea == null ? "" : " (" + words(pupil.primaryArea) + ")"));
        }
        if (pupil.secondaryNeed != null) {
            needs.add(pupil.secondaryNeed);
        }
        SupportPlan plan = SupportPlan.<SupportPlan> find("pupilId = ?1 and status <> ?2 order by openedOn desc",
                pupil.pupilId, SupportPlan.Status.CLOSED).firstResult();
        List<OutcomeLine> outcomes = plan == null ? List.of()
                : plan.outcomes.stream().map(o -> new OutcomeLine(o.outcome, o.termlyGoal)).toList();
        List<ProvisionLine> support = plan == null ? List.of()
                : plan.provision.stream().map(p -> new ProvisionLine(p.intervention, p.frequency, p.minutesPerWeek,
                        p.deliveredBy)).toList();
        LocalDate next = plan == null ? null : plan.reviewDate;
        String kind = next == null ? null : "SUPPORT_PLAN_REVIEW";
        AnnualReview annual = AnnualReview.<AnnualReview> find("pupilId = ?1 and status in ?2 order by dueBy",
                pupil.pupilId, List.of(AnnualReview.Status.SCHEDULED, AnnualReview.Status.MEETING_SET)).firstResult();
        if (annual != null) {
            LocalDate when = annual.meetingDate != null ? annual.meetingDate : annual.dueBy;
            if (next == null || (when != null && when.isBefore(next))) {
                next = when;
                kind = annual.kind == AnnualReview.Kind.ANNUAL ? "ANNUAL_REVIEW" : "PHASE_TRANSFER_REVIEW";
            }
        }
        return new OnePageProfile(pupil.pupilId, pupil.trustId, pupil.schoolUrn, pupil.ncYear,
                profile == null ? null : profile.knownAs, profile == null ? null : profile.aboutMe,
                profile == null ? null : profile.whatHelps, profile == null ? null : profile.whatDoesNotHelp,
                pupil.provision, needs, outcomes, support, next, kind, profile == null ? null : profile.updatedBy,
                profile == null ? null : profile.updatedAt, profile == null ? null : profile.version);
    }

    private static void validate(ProfileText t) {
        List<Violation> v = new ArrayList<>();
        if (t.knownAs() != null && t.knownAs().strip().length() > MAX_KNOWN_AS) {
            v.add(new Violation("knownAs", "must be at most " + MAX_KNOWN_AS + " characters"));
        }
        check(v, "aboutMe", t.aboutMe());
        check(v, "whatHelps", t.whatHelps());
        check(v, "whatDoesNotHelp", t.whatDoesNotHelp());
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }

    private static void check(List<Violation> v, String field, String text) {
        if (text != null && text.strip().length() > MAX_TEXT) {
            v.add(new Violation(field, "must be at most " + MAX_TEXT + " characters (it is one page)"));
        }
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static String words(String code) {
        String lower = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return lower;
    }
}
