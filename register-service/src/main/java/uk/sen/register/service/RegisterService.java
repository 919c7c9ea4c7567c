package uk.sen.register.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.time.EnglandClock;
import uk.sen.register.config.RegisterConfig;
import uk.sen.register.domain.NeedType;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.RegisterSync;
import uk.sen.register.domain.School;
import uk.sen.register.domain.SenProvision;
import uk.sen.register.domain.SenRules;
import uk.sen.register.domain.SenRules.RankedNeed;
import uk.sen.register.domain.Upn;
import uk.sen.register.events.RegisterEvents;
import uk.sen.register.repository.PupilRepository;

/**
 * Changes to the register. Every change is checked against the rules, audited and announced through the outbox in
 * one transaction; a refused change throws and so changes nothing.
 */
@ApplicationScoped
@Transactional
public class RegisterService {


    /** The pupil-level fields a caller may set. */
    public record PupilDetails(String upn, String formerUpn, String forename, String surname, LocalDate dateOfBirth,
            String sex, String ncYear, String schoolUrn, LocalDate onRollDate, LocalDate leavingDate) {
    }

    /**
     * A pupil as the API answers them: the pupil, the provision open on the day read (null: N) and their current
     * ranked needs.
     */
    public record PupilRecord(Pupil pupil, SenProvision current, List<Pupil.Need> needs) {
    }

    @Inject
    PupilRepository pupils;

    @Inject
    RegisterEvents events;

    @Inject
    AuditLog audit;

    @Inject
    CallerScope caller;

    @Inject
    RegisterConfig config;

    @Inject
    EnglandClock clock;

    public LocalDate today() {
        return clock.today();
    }

    public LocalDateTime now() {
        return clock.now();
    }

    // ---- reads (scope and audit) -----------------------------------------------------------------------------

    /** A pupil the caller may see, audited as read; anything else is 404 so existence does not leak. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Pupil visiblePupil(UUID id) {
        Pupil pupil = pupils.findByIdOptional(id).filter(this::visible)
                .orElseThrow(() -> ProblemException.notFound("Pupil", id));
        audit.record(AuditLog.READ, "pupil", id.toString(), pupil.trustId, pupil.schoolUrn);
        return pupil;
    }

    /** A pupil the caller may see with their open provision and needs, audited as read (else 404). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public PupilRecord pupil(UUID id) {
        return record(visiblePupil(id));
    }

    /** The provision history of a pupil the caller may see, oldest first, audited as read (else 404). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SenProvision> provisionHistory(UUID id) {
        visiblePupil(id);
        return pupils.history(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean visible(Pupil pupil) {
        if (caller.coversSchool(pupil.trustId, pupil.schoolUrn)) {
            return true;
        }
        if (caller.hasRole(Roles.LA_OFFICER) && caller.la() != null) {
            School school = School.findById(pupil.schoolUrn);
            return school != null && caller.la().equals(school.laCode)
                    && pupils.openProvision(pupil.id).map(p -> p.provision == Provision.E).orElse(false);
        }
        return false;
    }

    // ---- pupils ---------------------------------------------------------------------------------------------

    public PupilRecord register(PupilDetails details) {
        String trust = caller.requireTrust();
        School school = schoolInScope(trust, details.schoolUrn());
        checkDetails(details);
        if (pupils.findByUpn(trust, details.upn()).isPresent()) {
            throw ProblemException.conflict("More than one pupil record with the same UPN: " + details.upn()
                    + " is already on the roll of this trust.");
        }
        Pupil pupil = new Pupil();
        pupil.id = UUID.randomUUID();
        pupil.trustId = trust;
        pupil.createdAt = Instant.now();
        apply(pupil, details, school);
        pupils.persist(pupil);
        audit.record(AuditLog.CREATE, "pupil", pupil.id.toString(), trust, school.urn);
        pupils.flush();
        events.publish(RegisterEvents.PUPIL_ADDED, pupil, school, null, null, null, null);
        return record(pupil);
    }

    public PupilRecord updateDetails(UUID id, PupilDetails details, String ifMatch) {
        Pupil pupil = visiblePupilForChange(id, ifMatch);
        School school = schoolInScope(pupil.trustId, details.schoolUrn());
        checkDetails(details);
        if (!pupil.upn.equals(details.upn())) {
            Optional<Pupil> other = pupils.findByUpn(pupil.trustId, details.upn());
            if (other.isPresent() && !other.get().id.equals(pupil.id)) {
                throw ProblemException.conflict("More than one pupil record with the same UPN: " + details.upn());
            }
        }
        List<String> changed = new ArrayList<>();
        if (!pupil.schoolUrn.equals(details.schoolUrn())) {
            changed.add("schoolUrn");
        }
        if (!pupil.ncYear.equals(details.ncYear())) {
            changed.add("ncYear");
        }
        if (!pupil.dateOfBirth.equals(details.dateOfBirth())) {
            changed.add("dateOfBirth");
        }
        boolean leaving = pupil.leavingDate == null && details.leavingDate() != null;
        apply(pupil, details, school);
        touch(pupil);
        audit.record(AuditLog.UPDATE, "pupil", id.toString(), pupil.trustId, pupil.schoolUrn);
        Optional<SenProvision> open = pupils.openProvision(id);
        if (leaving && open.isPresent()) {
            closeProvision(pupil, open.get(), details.leavingDate(), RegisterSync.LEFT_SCHOOL);
        } else if (!changed.isEmpty()) {
            events.publish(RegisterEvents.PUPIL_DETAILS_CHANGED, pupil, school, open.orElse(null), null, null,
                    changed);
        }
        return record(pupil);
    }

    // ---- provision and needs --------------------------------------------------------------------------------

    /** Opens a provision from N, or changes the open one (K to E, E to K), closing it the day the new one starts. */
    public PupilRecord openProvision(UUID id, String provisionCode, LocalDate startDate, List<RankedNeed> needs,
            String issuingLa, LocalDate planIssueDate, String ifMatch) {
        Pupil pupil = visiblePupilForChange(id, ifMatch);
        Provision provision = parseProvision(provisionCode);
        List<Violation> v = SenRules.checkProvision(provision, startDate, needs, issuingLa, planIssueDate,
                pupil.dateOfBirth, today(), false);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        if (pupil.leavingDate != null) {
            throw ProblemException.rule("leavingDate", "the pupil has left the school; a provision cannot be opened");
        }
        Optional<SenProvision> current = pupils.openProvision(id);
        Provision previous = Provision.N;
        if (current.isPresent()) {
            SenProvision open = current.get();
            if (open.provision == provision) {
                throw ProblemException.rule("provision", "the pupil already has " + provision + " open since "
                        + open.startDate + "; change the needs instead");
            }
            if (startDate.isBefore(open.startDate)) {
                throw ProblemException.rule("startDate", "must not be before the start of the open provision ("
                        + open.startDate + ")");
            }
            open.endDate = startDate;
            open.endReason = "Changed to " + provision;
            SenProvision.getEntityManager().flush();
            previous = open.provision;
        }
        SenProvision next = new SenProvision();
        next.id = UUID.randomUUID();
        next.pupilId = id;
        next.provision = provision;
        next.startDate = startDate;
        next.issuingLa = provision == Provision.E ? issuingLa : null;
        next.planIssueDate = provision == Provision.E ? planIssueDate : null;
        next.recordedAt = Instant.now();
        next.persist();
        replaceNeeds(pupil, needs, startDate);
        touch(pupil);
        audit.record(AuditLog.UPDATE, "pupil", id.toString(), pupil.trustId, pupil.schoolUrn);
        events.publish(previous == Provision.N ? RegisterEvents.PUPIL_REGISTERED : RegisterEvents.PROVISION_CHANGED,
                pupil, schoolOf(pupil), next, previous, current.orElse(null), null);
        return record(pupil);
    }

    /** Closes the open provision: the pupil goes back to N; the history is kept. */
    public PupilRecord close(UUID id, LocalDate endDate, String reason, String ifMatch) {
        Pupil pupil = visiblePupilForChange(id, ifMatch);
        SenProvision open = pupils.openProvision(id)
                .orElseThrow(() -> ProblemException.rule("provision", "the pupil has no open provision to close"));
        if (endDate.isBefore(open.startDate)) {
            throw ProblemException.invalid("endDate", "must not be before the provision's start (" + open.startDate + ")");
        }
        if (endDate.isAfter(today())) {
            throw ProblemException.invalid("endDate", "must not be in the future");
        }
        closeProvision(pupil, open, endDate, reason);
        return record(pupil);
    }

    public PupilRecord changeNeeds(UUID id, List<RankedNeed> needs, String ifMatch) {
        Pupil pupil = visiblePupilForChange(id, ifMatch);
        Provision provision = pupils.openProvision(id).map(p -> p.provision).orElse(Provision.N);
        List<Violation> v = SenRules.checkNeeds(provision, needs);
        if (provision == Provision.N && !needs.isEmpty()) {
            v = new ArrayList<>(v);
            v.add(new Violation("needs", "a pupil without SEN provision (N) has no recorded needs"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        replaceNeeds(pupil, needs, today());
        touch(pupil);
        audit.record(AuditLog.UPDATE, "pupil", id.toString(), pupil.trustId, pupil.schoolUrn);
        events.publish(RegisterEvents.NEEDS_CHANGED, pupil, schoolOf(pupil), pupils.openProvision(id).orElse(null),
                null, null, List.of("needs"));
        return record(pupil);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /**
     * The pupil as a change (or a read) left them, with the provision open now. A change answers from inside its
     * transaction, so the version is the one the change gave and the needs can still be loaded.
     */
    private PupilRecord record(Pupil pupil) {
        return new PupilRecord(pupil, pupils.openProvision(pupil.id).orElse(null), pupil.needs);
    }

    private void closeProvision(Pupil pupil, SenProvision open, LocalDate endDate, String reason) {
        open.endDate = endDate;
        open.endReason = reason;
        pupil.needs.clear();
        SenProvision.getEntityManager().flush();
        pupils.recordNeedHistory(pupil.id, List.of(), endDate);
        touch(pupil);
        audit.record(AuditLog.UPDATE, "pupil", pupil.id.toString(), pupil.trustId, pupil.schoolUrn);
        events.publish(RegisterEvents.PUPIL_LEFT_REGISTER, pupil, schoolOf(pupil), null, open.provision, open, null);
    }

    private Pupil visiblePupilForChange(UUID id, String ifMatch) {
        Pupil pupil = pupils.findByIdOptional(id).filter(p -> caller.coversSchool(p.trustId, p.schoolUrn))
                .orElseThrow(() -> ProblemException.notFound("Pupil", id));
        uk.sen.platform.web.Versions.requireMatch(ifMatch, pupil.version);
        return pupil;
    }

    private School schoolInScope(String trust, String urn) {
        School school = School.findById(urn);
        if (school == null || !caller.coversSchool(school.trustId, urn) || !school.trustId.equals(trust)) {
            throw ProblemException.invalid("schoolUrn", "school " + urn + " is not one of your schools");
        }
        return school;
    }

    private void checkDetails(PupilDetails d) {
        List<Violation> v = new ArrayList<>();
        Upn.validate(d.upn(), config::recognisedLa).ifPresent(m -> v.add(new Violation("upn", m)));
        if (d.formerUpn() != null && !d.formerUpn().isBlank()) {
            Upn.validate(d.formerUpn(), config::recognisedLa).ifPresent(m -> v.add(new Violation("formerUpn", m)));
        }
        v.addAll(SenRules.checkPupil(d.dateOfBirth(), d.sex(), d.ncYear(), d.onRollDate(), d.leavingDate(), today()));
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }

    private static void apply(Pupil pupil, PupilDetails d, School school) {
        pupil.upn = d.upn();
        pupil.formerUpn = d.formerUpn() == null || d.formerUpn().isBlank() ? null : d.formerUpn();
        pupil.forename = d.forename().trim();
        pupil.surname = d.surname().trim();
        pupil.dateOfBirth = d.dateOfBirth();
        pupil.sex = d.sex();
        pupil.ncYear = d.ncYear();
        pupil.schoolUrn = school.urn;
        pupil.onRollDate = d.onRollDate();
        pupil.leavingDate = d.leavingDate();
        pupil.updatedAt = Instant.now();
    }

    /** The current needs, and their history from {@code effective} on (the register read as at a date). */
    private void replaceNeeds(Pupil pupil, List<RankedNeed> needs, LocalDate effective) {
        pupil.needs.clear();
        needs.stream().sorted((a, b) -> Integer.compare(a.rank(), b.rank()))
                .forEach(n -> pupil.needs.add(new Pupil.Need(n.rank(), Objects.requireNonNull(NeedType.parse(n.code())).name())));
        pupils.recordNeedHistory(pupil.id, pupil.needs.stream().map(n -> new RankedNeed(n.rank, n.needCode)).toList(),
                effective);
    }

    /**
     * Every change to the provision or needs makes the pupil dirty, so Hibernate bumps its version and one ETag
     * guards the whole record; the flush makes the new version readable for the response.
     */
    private void touch(Pupil pupil) {
        pupil.updatedAt = Instant.now();
        pupils.flush();
    }

    private static Provision parseProvision(String code) {
        try {
            return code == null ? null : Provision.valueOf(code.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("provision", "'" + code + "' is not a provision code; use K or E");
        }
    }

    private static School schoolOf(Pupil pupil) {
        return School.findById(pupil.schoolUrn);
    }
}
