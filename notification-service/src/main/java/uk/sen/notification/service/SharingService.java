package uk.sen.notification.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import uk.sen.notification.domain.Agency;
import uk.sen.notification.domain.ContactRules;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.notification.domain.LawfulBasis;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageStatus;
import uk.sen.notification.domain.ReasonCode;
import uk.sen.notification.domain.SharingBasis;
import uk.sen.notification.domain.SharingRecord;
import uk.sen.notification.domain.SharingRules;
import uk.sen.notification.events.NotificationEvents;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.Versions;

/**
 * The basis for sharing with each agency about a pupil, and the record of what was shared. A withdrawal stops
 * sharing at once: messages to that agency still waiting are suppressed in the same transaction, and the sender
 * checks again before anything goes.
 */
@ApplicationScoped
@Transactional
public class SharingService {

    /** What a SENCO records for one agency. */
    @Schema(description = "The basis for sharing with one agency, as a SENCO records it", requiredProperties = {
            "basis", "givenOn" })
    public record SharingInput(
            @Schema(description = "The UK GDPR basis", enumeration = { "CONSENT", "LEGAL_OBLIGATION", "PUBLIC_TASK" },
                    examples = "CONSENT") String basis,
            @Schema(description = "The day consent was given, or the basis applies from; not in the future",
                    examples = "2026-01-12") LocalDate givenOn,
            @Schema(description = "The day consent was withdrawn or the basis ended: not in the future, not before "
                    + "givenOn. From that day nothing more is shared, and messages still waiting are suppressed",
                    nullable = true, examples = "2026-03-02") LocalDate withdrawnOn,
            @Schema(description = "At most 1,000 characters", maxLength = 1000, nullable = true,
                    examples = "Consent given by mother at the review meeting") String note) {
    }

    /** The basis after a change, and whether it was new. */
    public record Saved(SharingBasis basis, boolean created, int suppressed) {
    }

    @Inject
    PupilDirectory pupils;

    @Inject
    EnglandClock clock;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    NotificationEvents events;

    public List<SharingBasis> list(UUID pupilId) {
        KnownPupil pupil = pupils.inScope(pupilId);
        audit.record(AuditLog.LIST, "pupil", pupilId.toString(), pupil.trustId, pupil.schoolUrn);
        return SharingBasis.list("pupilId = ?1 order by agency", pupilId);
    }

    public Saved put(UUID pupilId, String agencyText, String ifMatch, SharingInput in) {
        KnownPupil pupil = pupils.inScope(pupilId);
        Agency agency = agency(agencyText);
        List<Violation> v = new ArrayList<>();
        LawfulBasis basis = ContactRules.parse(LawfulBasis.class, in.basis(), "basis", v, true);
        if (in.note() != null && in.note().length() > 1000) {
            v.add(new Violation("note", "is longer than 1000 characters"));
        }
        LocalDate today = clock.today();
        // the basis itself was checked above, with the values allowed
        v.addAll(SharingRules.validate(basis, in.givenOn(), in.withdrawnOn(), today).stream()
                .filter(x -> !"basis".equals(x.field())).toList());
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        SharingBasis b = SharingBasis.of(pupilId, agency);
        boolean created = b == null;
        if (created) {
            b = new SharingBasis();
            b.id = UUID.randomUUID();
            b.pupilId = pupilId;
            b.agency = agency;
        } else {
            Versions.requireMatch(ifMatch, b.version);
        }
        b.trustId = pupil.trustId;
        b.schoolUrn = pupil.schoolUrn;
        b.basis = basis;
        b.givenOn = in.givenOn();
        b.withdrawnOn = in.withdrawnOn();
        b.note = in.note() == null || in.note().isBlank() ? null : in.note().trim();
        b.updatedAt = Instant.now();
        b.updatedBy = caller.username();
        b.persist();
        SharingBasis.flush();
        int suppressed = suppressWaiting(b, today);
        audit.record(created ? AuditLog.CREATE : AuditLog.UPDATE, "pupil", List.of(pupilId.toString()), pupil.trustId,
                pupil.schoolUrn, "sharing with " + agency + ": " + basis + " from " + b.givenOn
                        + (b.withdrawnOn == null ? "" : ", withdrawn " + b.withdrawnOn)
                        + (suppressed == 0 ? "" : "; " + suppressed + " waiting message(s) suppressed"));
        return new Saved(b, created, suppressed);
    }

    public PanacheQuery<SharingRecord> records(UUID pupilId) {
        KnownPupil pupil = pupils.inScope(pupilId);
        audit.record(AuditLog.LIST, "pupil", List.of(pupilId.toString()), pupil.trustId, pupil.schoolUrn,
                "sharing records");
        return SharingRecord.find("pupilId = ?1 order by sharedAt desc", pupilId);
    }

    /** Waiting messages the basis no longer allows; locked, so one the sender holds is left to its own check. */
    private int suppressWaiting(SharingBasis b, LocalDate today) {
        var refusal = SharingRules.whyNot(b.agency, b.toRule(), today);
        if (refusal.isEmpty()) {
            return 0;
        }
        List<Message> waiting = Message.<Message> find("pupilId = ?1 and agency = ?2 and status = ?3", b.pupilId,
                b.agency, MessageStatus.PENDING).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (Message m : waiting) {
            m.status = MessageStatus.SUPPRESSED;
            m.reasonCode = ReasonCode.SHARING_NOT_ALLOWED.name();
            m.statusReason = refusal.get();
            m.updatedAt = Instant.now();
            events.announce(m);
        }
        return waiting.size();
    }

    static Agency agency(String text) {
        List<Violation> v = new ArrayList<>();
        Agency agency = ContactRules.parse(Agency.class, text, "agency", v, true);
        if (agency == null) {
            throw ProblemException.invalid(v);
        }
        return agency;
    }
}
