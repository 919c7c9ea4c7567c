package uk.sen.workload.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.platform.web.Versions;
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.Durations;
import uk.sen.workload.domain.SencoPost;
import uk.sen.workload.domain.SupportEntry;
import uk.sen.workload.repository.Where;

/**
 * An SEN administrator's time given to the SENCOs of their schools. The administrator logs and changes their own
 * entries; each is for a SENCO holding a post at the school that day (named, or the only one holding a post then).
 * The SENCO sees the time given to them, SLT that of their schools, a trust admin the trust's.
 */
@ApplicationScoped
@Transactional
public class SupportTimeService {

    /** What an administrator says about time they gave; {@code senco} may be left out when the school has one. */
    public record SupportDetails(String schoolUrn, String senco, LocalDate date, Integer minutes, String category,
            String note) {
    }

    @Inject
    CallerScope caller;

    @Inject
    Categories categories;

    @Inject
    WorkloadClock clock;

    @Inject
    WorkloadConfig config;

    @Inject
    AuditLog audit;

    public SupportEntry create(SupportDetails d) {
        String trust = caller.requireTrust();
        caller.requireSchool(trust, d.schoolUrn());
        SupportEntry e = new SupportEntry();
        e.id = UUID.randomUUID();
        e.trustId = trust;
        e.givenBy = caller.username();
        e.createdAt = clock.instant();
        apply(e, d, null);
        e.persist();
        audit(AuditLog.CREATE, e);
        return e;
    }

    public SupportEntry update(UUID id, SupportDetails d, String ifMatch) {
        SupportEntry e = own(id);
        Versions.requireMatch(ifMatch, e.version);
        caller.requireSchool(e.trustId, d.schoolUrn());
        apply(e, d, e.categoryCode);
        audit(AuditLog.UPDATE, e);
        return e;
    }

    public void delete(UUID id, String ifMatch) {
        SupportEntry e = own(id);
        Versions.requireMatch(ifMatch, e.version);
        e.delete();
        audit(AuditLog.DELETE, e);
    }

    /** One entry the caller may see: their own, given to them, or of their schools (SLT) or trust (trust admin). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SupportEntry visible(UUID id) {
        SupportEntry e = SupportEntry.findById(id);
        if (e == null || !e.trustId.equals(caller.trustId()) || !sees(e)) {
            throw ProblemException.notFound("Support time entry", id);
        }
        return e;
    }

    /** A page of the entries the caller may see, the latest day first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SupportEntry> list(LocalDate from, LocalDate to, String school, PageRequest page) {
        Where where = Where.inScope(caller);
        if (!caller.hasAnyRole(Roles.SLT, Roles.TRUST_ADMIN)) {
            // an administrator their own; a SENCO what was given to them
            where.and("(givenBy = :self or senco = :self)", "self", caller.username());
        }
        where.andIfGiven("date >= :from", "from", from).andIfGiven("date <= :to", "to", to)
                .andIfGiven("schoolUrn = :school", "school", school);
        return Page.of(SupportEntry.<SupportEntry> find(where.orderBy("date desc, createdAt desc"), where.params()),
                page, e -> e);
    }

    private boolean sees(SupportEntry e) {
        if (!caller.coversSchool(e.trustId, e.schoolUrn)) {
            return false;
        }
        return caller.hasAnyRole(Roles.SLT, Roles.TRUST_ADMIN) || e.givenBy.equals(caller.username())
                || e.senco.equals(caller.username());
    }

    private SupportEntry own(UUID id) {
        SupportEntry e = SupportEntry.findById(id);
        if (e == null || !e.givenBy.equals(caller.username()) || !e.trustId.equals(caller.trustId())) {
            throw ProblemException.notFound("Support time entry", id);
        }
        return e;
    }

    private void apply(SupportEntry e, SupportDetails d, String currentCategory) {
        List<Violation> violations = new ArrayList<>();
        if (currentCategory == null || !currentCategory.equals(d.category())) {
            Violation category = categories.refusal("category", d.category());
            if (category != null) {
                violations.add(category);
            }
        }
        Durations.Outcome duration = Durations.resolve(d.date(), d.minutes(), null, null,
                config.entries().maxMinutes(), clock.now(),
                Duration.ofMinutes(config.entries().futureToleranceMinutes()));
        violations.addAll(duration.violations());
        if (d.note() != null && d.note().length() > 2000) {
            violations.add(new Violation("note", "must be at most 2000 characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        e.schoolUrn = d.schoolUrn();
        e.senco = supported(e.trustId, d.schoolUrn(), d.senco(), d.date());
        e.date = d.date();
        e.minutes = duration.resolved().minutes();
        e.categoryCode = d.category();
        e.note = d.note() == null || d.note().isBlank() ? null : d.note().strip();
        e.updatedAt = clock.instant();
    }

    /** The SENCO the time was for: one holding a post at the school that day, named or the only one. */
    private String supported(String trust, String school, String senco, LocalDate day) {
        List<String> holders = SencoPost.<SencoPost> list("trustId = ?1 and schoolUrn = ?2 and appointedOn <= ?3"
                + " and (endedOn is null or endedOn >= ?3) order by senco", trust, school, day).stream()
                .map(p -> p.senco).distinct().toList();
        if (senco != null) {
            if (!holders.contains(senco)) {
                throw ProblemException.rule("senco", senco + " held no SENCO post at " + school + " on " + day);
            }
            return senco;
        }
        if (holders.size() != 1) {
            throw ProblemException.rule("senco", holders.isEmpty()
                    ? "no SENCO post at " + school + " was held on " + day + ": the school records its SENCO first"
                    : "several SENCOs held a post at " + school + " on " + day + ": name the one you supported");
        }
        return holders.get(0);
    }

    private void audit(String action, SupportEntry e) {
        audit.record(action, "support-entry", List.of(e.id.toString()), e.trustId, e.schoolUrn,
                e.minutes + " min " + e.categoryCode + " on " + e.date + " for " + e.senco);
    }
}
