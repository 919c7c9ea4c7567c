package uk.sen.workload.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.workload.domain.ProtectedTime;
import uk.sen.workload.domain.SencoPost;
import uk.sen.workload.repository.Sql;
import uk.sen.workload.repository.Where;

/**
 * Protected time allocated to SENCOs, set by SLT for their own schools or by a trust admin for any school of the
 * trust. Allocations are history: a new one ends the one it replaces the day before it starts (and, when it is
 * temporary, the old allocation resumes the day after it ends), so what was allocated in any week stays known.
 */
@ApplicationScoped
@Transactional
public class ProtectedTimeService {

    public static final Pattern URN = Pattern.compile("\\d{6}");
    private static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,100}");

    public record AllocationDetails(String schoolUrn, String senco, BigDecimal hoursPerWeek, LocalDate effectiveFrom,
            LocalDate effectiveTo, String reason) {
    }

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    AllocationWatch watch;

    @Inject
    EntityManager em;

    @Inject
    WorkloadClock clock;

    public ProtectedTime set(AllocationDetails d) {
        String trust = caller.requireTrust();
        validate(d);
        caller.requireSchool(trust, d.schoolUrn());
        if (!caller.isTrustWide() && !holdsPost(trust, d)) {
            // SLT allocate only to the SENCOs of their schools; a trust admin answers for every school of the trust
            throw ProblemException.rule("senco", d.senco() + " holds no SENCO post at " + d.schoolUrn()
                    + " in that time: record the post first (POST /api/v1/senco-posts)");
        }
        List<ProtectedTime> existing = ProtectedTime.<ProtectedTime> find(
                "trustId = ?1 and schoolUrn = ?2 and senco = ?3 order by effectiveFrom", trust, d.schoolUrn(), d.senco())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<ProtectedTime> resumed = new ArrayList<>();
        for (ProtectedTime p : existing) {
            if (!overlaps(p, d.effectiveFrom(), d.effectiveTo())) {
                continue;
            }
            if (!p.effectiveFrom.isBefore(d.effectiveFrom())) {
                throw new ProblemException(409, "allocation-overlap", "Allocation overlaps a later one",
                        "effectiveFrom: " + d.senco() + " already has " + p.hoursPerWeek + " hours a week at "
                                + d.schoolUrn() + " from " + p.effectiveFrom
                                + (p.effectiveTo == null ? "" : " to " + p.effectiveTo)
                                + "; a new allocation must start after every allocation it overlaps",
                        List.of(new Violation("effectiveFrom", "overlaps the allocation from " + p.effectiveFrom)));
            }
            LocalDate oldEnd = p.effectiveTo;
            p.effectiveTo = d.effectiveFrom().minusDays(1);
            p.endedBy = caller.username();
            if (d.effectiveTo() != null && (oldEnd == null || oldEnd.isAfter(d.effectiveTo()))) {
                resumed.add(copy(p, d.effectiveTo().plusDays(1), oldEnd));
            }
        }
        ProtectedTime allocation = new ProtectedTime();
        allocation.id = UUID.randomUUID();
        allocation.trustId = trust;
        allocation.schoolUrn = d.schoolUrn();
        allocation.senco = d.senco();
        allocation.hoursPerWeek = d.hoursPerWeek().setScale(1, RoundingMode.UNNECESSARY);
        allocation.effectiveFrom = d.effectiveFrom();
        allocation.effectiveTo = d.effectiveTo();
        allocation.reason = d.reason() == null || d.reason().isBlank() ? null : d.reason().strip();
        allocation.setBy = caller.username();
        allocation.setAt = clock.instant();
        try {
            // Hibernate runs inserts before updates within one flush: write the shortened periods first, so the
            // exclusion constraint never sees the new period beside an old one's former end
            em.flush();
            allocation.persist();
            resumed.forEach(r -> r.persist());
            em.flush();
        } catch (PersistenceException e) {
            if (Sql.causedBy(e, Sql.EXCLUSION_VIOLATION)) {
                throw ProblemException.conflict("Another allocation for " + d.senco() + " at " + d.schoolUrn()
                        + " was set at the same moment; read the allocations and try again.");
            }
            throw e;
        }
        audit.record(AuditLog.CREATE, "protected-time", List.of(allocation.id.toString()), trust, d.schoolUrn(),
                d.senco() + ": " + d.hoursPerWeek() + " hours a week from " + d.effectiveFrom()
                        + (d.effectiveTo() == null ? "" : " to " + d.effectiveTo()));
        LocalDate today = clock.today();
        watch.checkActual(trust, d.schoolUrn(), d.senco(), today);
        watch.checkActual(trust, d.schoolUrn(), d.senco(), clock.calendar().previousTerm(today).to());
        watch.checkForecast(trust, d.schoolUrn());
        return allocation;
    }

    /** Whether the SENCO holds a post at the school on some day of the allocation's period. */
    private boolean holdsPost(String trust, AllocationDetails d) {
        LocalDate last = d.effectiveTo() == null ? OPEN_END : d.effectiveTo();
        return SencoPost.count("trustId = ?1 and schoolUrn = ?2 and senco = ?3 and appointedOn <= ?4"
                + " and (endedOn is null or endedOn >= ?5)", trust, d.schoolUrn(), d.senco(), last,
                d.effectiveFrom()) > 0;
    }

    /**
     * Allocations the caller may see, newest first per SENCO: a SENCO sees their own, SLT those of their schools,
     * a trust admin the trust's.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProtectedTime> history(String school, String senco) {
        Where where = Where.inScope(caller);
        if (onlyOwn()) {
            where.and("senco = :self", "self", caller.username());
        }
        where.andIfGiven("schoolUrn = :school", "school", school).andIfGiven("senco = :senco", "senco", senco);
        return ProtectedTime.list(where.orderBy("schoolUrn, senco, effectiveFrom desc"), where.params());
    }

    /** One allocation period the caller may see (the same rule as {@link #history}), or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProtectedTime visible(UUID id) {
        ProtectedTime p = ProtectedTime.findById(id);
        if (p == null || !caller.coversSchool(p.trustId, p.schoolUrn) || (onlyOwn() && !p.senco.equals(caller.username()))) {
            throw ProblemException.notFound("Allocation", id);
        }
        return p;
    }

    /** Whether the caller sees only their own allocations: a SENCO who is neither SLT nor a trust admin. */
    private boolean onlyOwn() {
        return caller.hasRole(Roles.SENCO) && !caller.hasAnyRole(Roles.SLT, Roles.TRUST_ADMIN);
    }

    private static void validate(AllocationDetails d) {
        List<Violation> v = new ArrayList<>();
        if (d.schoolUrn() == null || !URN.matcher(d.schoolUrn()).matches()) {
            v.add(new Violation("schoolUrn", "must be a 6-digit URN"));
        }
        if (d.senco() == null || !USERNAME.matcher(d.senco()).matches()) {
            v.add(new Violation("senco", "must be the SENCO's username"));
        }
        if (d.hoursPerWeek() == null) {
            v.add(new Violation("hoursPerWeek", "is required"));
        } else if (d.hoursPerWeek().signum() < 0 || d.hoursPerWeek().compareTo(BigDecimal.valueOf(60)) > 0) {
            v.add(new Violation("hoursPerWeek", "must be from 0 to 60"));
        } else if (d.hoursPerWeek().stripTrailingZeros().scale() > 1) {
            v.add(new Violation("hoursPerWeek", "may have at most one decimal place"));
        }
        if (d.effectiveFrom() == null) {
            v.add(new Violation("effectiveFrom", "is required"));
        } else if (d.effectiveTo() != null && d.effectiveTo().isBefore(d.effectiveFrom())) {
            v.add(new Violation("effectiveTo", "must not be before effectiveFrom"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }

    private static boolean overlaps(ProtectedTime p, LocalDate from, LocalDate to) {
        boolean startsBeforeEnd = to == null || !p.effectiveFrom.isAfter(to);
        boolean endsAfterStart = p.effectiveTo == null || !p.effectiveTo.isBefore(from);
        return startsBeforeEnd && endsAfterStart;
    }

    private ProtectedTime copy(ProtectedTime p, LocalDate from, LocalDate to) {
        ProtectedTime c = new ProtectedTime();
        c.id = UUID.randomUUID();
        c.trustId = p.trustId;
        c.schoolUrn = p.schoolUrn;
        c.senco = p.senco;
        c.hoursPerWeek = p.hoursPerWeek;
        c.effectiveFrom = from;
        c.effectiveTo = to;
        c.reason = "resumes after a temporary allocation";
        c.setBy = caller.username();
        c.setAt = clock.instant();
        return c;
    }
}
