package uk.sen.workload.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.web.Versions;
import uk.sen.platform.problem.Violation;
import uk.sen.workload.domain.SencoPost;
import uk.sen.workload.domain.SencoQualification;
import uk.sen.workload.repository.Sql;
import uk.sen.workload.repository.Where;

/**
 * The SENCO role per school: who holds it from when, on the senior leadership team or not, and the mandatory
 * qualification. SLT record it for their own schools, trust admins for any school of the trust; a SENCO reads their
 * own posts, SLT and SEN administrators those of their schools, a trust admin the trust's.
 */
@ApplicationScoped
@Transactional
public class SencoPostService {

    /** What a post says; the school and the SENCO are fixed once it is recorded. */
    public record PostDetails(String schoolUrn, String senco, LocalDate appointedOn, LocalDate endedOn, Boolean onSlt,
            SencoQualification qualification, LocalDate qualificationExpectedOn, LocalDate qualificationAchievedOn) {
    }

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    EntityManager em;

    @Inject
    WorkloadClock clock;

    @Inject
    QualificationWatch watch;

    public SencoPost create(PostDetails d) {
        String trust = caller.requireTrust();
        validate(d, true);
        caller.requireSchool(trust, d.schoolUrn());
        SencoPost post = new SencoPost();
        post.id = UUID.randomUUID();
        post.trustId = trust;
        post.schoolUrn = d.schoolUrn();
        post.senco = d.senco();
        apply(post, d);
        write(post, true);
        audit.record(AuditLog.CREATE, "senco-post", List.of(post.id.toString()), trust, post.schoolUrn,
                describe(post));
        watch.check(post, clock.today());
        return post;
    }

    public SencoPost update(UUID id, PostDetails d, String ifMatch) {
        SencoPost post = visible(id);
        requireWriter(post);
        Versions.requireMatch(ifMatch, post.version);
        validate(d, false);
        List<Violation> fixed = new ArrayList<>();
        if (d.schoolUrn() != null && !d.schoolUrn().equals(post.schoolUrn)) {
            fixed.add(new Violation("schoolUrn", "cannot change: record a post at the other school instead"));
        }
        if (d.senco() != null && !d.senco().equals(post.senco)) {
            fixed.add(new Violation("senco", "cannot change: end this post and record the new SENCO's"));
        }
        if (!fixed.isEmpty()) {
            throw ProblemException.invalid(fixed);
        }
        apply(post, d);
        write(post, false);
        audit.record(AuditLog.UPDATE, "senco-post", List.of(post.id.toString()), post.trustId, post.schoolUrn,
                describe(post));
        watch.check(post, clock.today());
        return post;
    }

    /** The posts the caller may see: current ones unless {@code all}; by school, then SENCO, latest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SencoPost> list(String school, boolean all) {
        Where where = Where.inScope(caller);
        if (onlyOwn()) {
            where.and("senco = :self", "self", caller.username());
        }
        where.andIfGiven("schoolUrn = :school", "school", school);
        if (!all) {
            where.and("(endedOn is null or endedOn >= :today)", "today", clock.today());
        }
        return SencoPost.list(where.orderBy("schoolUrn, senco, appointedOn desc"), where.params());
    }

    /** One post the caller may see (the rule of {@link #list}), or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SencoPost visible(UUID id) {
        SencoPost p = SencoPost.findById(id);
        if (p == null || !caller.coversSchool(p.trustId, p.schoolUrn)
                || (onlyOwn() && !p.senco.equals(caller.username()))) {
            throw ProblemException.notFound("SENCO post", id);
        }
        return p;
    }

    private void requireWriter(SencoPost post) {
        if (!caller.hasAnyRole(Roles.SLT, Roles.TRUST_ADMIN)) {
            throw ProblemException.forbidden("Only the school's senior leaders or a trust administrator record "
                    + "SENCO posts");
        }
        caller.requireSchool(post.trustId, post.schoolUrn);
    }

    /** A SENCO who is neither SLT nor a trust admin sees only their own posts. */
    private boolean onlyOwn() {
        return caller.hasRole(Roles.SENCO) && !caller.hasAnyRole(Roles.SLT, Roles.TRUST_ADMIN, Roles.SEN_ADMIN);
    }

    private void apply(SencoPost post, PostDetails d) {
        post.appointedOn = d.appointedOn();
        post.endedOn = d.endedOn();
        post.onSlt = d.onSlt();
        post.qualification = d.qualification();
        post.qualificationExpectedOn = d.qualification() == SencoQualification.IN_PROGRESS
                ? d.qualificationExpectedOn() : null;
        post.qualificationAchievedOn = d.qualification() == SencoQualification.NPQ_ACHIEVED
                || d.qualification() == SencoQualification.NASENCO ? d.qualificationAchievedOn() : null;
        post.setBy = caller.username();
        post.setAt = clock.instant();
    }

    private void write(SencoPost post, boolean isNew) {
        try {
            if (isNew) {
                post.persist();
            }
            em.flush();
        } catch (PersistenceException e) {
            if (Sql.causedBy(e, Sql.EXCLUSION_VIOLATION)) {
                throw new ProblemException(409, "senco-post-overlap", "The SENCO already holds a post at the school",
                        post.senco + " already holds a post at " + post.schoolUrn + " in that time; change that post "
                                + "(or end it) instead of recording another",
                        List.of(new Violation("appointedOn", "overlaps another post of this SENCO at this school")));
            }
            throw e;
        }
    }

    private void validate(PostDetails d, boolean creating) {
        List<Violation> v = new ArrayList<>();
        if (creating && (d.schoolUrn() == null || !ProtectedTimeService.URN.matcher(d.schoolUrn()).matches())) {
            v.add(new Violation("schoolUrn", "must be a 6-digit URN"));
        }
        if (creating && (d.senco() == null || !ProtectedTimeService.USERNAME.matcher(d.senco()).matches())) {
            v.add(new Violation("senco", "must be the SENCO's username"));
        }
        LocalDate today = clock.today();
        if (d.appointedOn() == null) {
            v.add(new Violation("appointedOn", "is required"));
        } else if (d.appointedOn().getYear() < 1990) {
            v.add(new Violation("appointedOn", "must not be before 1990"));
        } else if (d.appointedOn().isAfter(today.plusYears(1))) {
            v.add(new Violation("appointedOn", "must be within a year from today"));
        } else if (d.endedOn() != null && d.endedOn().isBefore(d.appointedOn())) {
            v.add(new Violation("endedOn", "must not be before appointedOn"));
        }
        if (d.onSlt() == null) {
            v.add(new Violation("onSlt", "is required: whether the SENCO sits on the senior leadership team"));
        }
        if (d.qualification() == null) {
            v.add(new Violation("qualification", "is required"));
        } else {
            if (d.qualificationExpectedOn() != null && d.qualification() != SencoQualification.IN_PROGRESS) {
                v.add(new Violation("qualificationExpectedOn", "is given only while the qualification is IN_PROGRESS"));
            }
            if (d.qualificationAchievedOn() != null && d.qualification().outstanding()) {
                v.add(new Violation("qualificationAchievedOn",
                        "is given only when the qualification is NPQ_ACHIEVED or NASENCO"));
            } else if (d.qualificationAchievedOn() != null && d.qualificationAchievedOn().isAfter(today)) {
                v.add(new Violation("qualificationAchievedOn", "must not be in the future"));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }

    private static String describe(SencoPost p) {
        return "SENCO post of " + p.senco + " from " + p.appointedOn + (p.endedOn == null ? "" : " to " + p.endedOn)
                + (p.onSlt ? ", on SLT" : ", not on SLT") + ", qualification " + p.qualification;
    }
}
