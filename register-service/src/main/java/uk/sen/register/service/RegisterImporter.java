package uk.sen.register.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.register.domain.ProvisionPeriod;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.RegisterSync;
import uk.sen.register.domain.RegisterSync.Event;
import uk.sen.register.domain.RegisterSync.Held;
import uk.sen.register.domain.RegisterSync.Incoming;
import uk.sen.register.domain.RegisterSync.Outcome;
import uk.sen.register.domain.RegisterSync.Plan;
import uk.sen.register.domain.RegisterSync.Source;
import uk.sen.register.domain.School;
import uk.sen.register.domain.SenProvision;
import uk.sen.register.events.RegisterEvents;
import uk.sen.register.repository.RegisterBatchRepository;
import uk.sen.register.repository.RegisterBatchRepository.Write;

/**
 * Applies a batch of pupils read from a file (MIS or CTF) to one school's register: looks them up by UPN in the
 * trust, plans each change with {@link RegisterSync}, writes the batch, publishes each pupil's changes as the same
 * events the API publishes, and audits the pupils as imported, all in the caller's transaction.
 */
@ApplicationScoped
public class RegisterImporter {

    /** A pupil to apply; {@code ref} says where it is in the file (CSV row, or position in the CTF). */
    public record Candidate(long ref, Incoming incoming) {
    }

    /**
     * What happened to a candidate; {@code existed} when the register already held the pupil; {@code ref} 0 for a
     * pupil no row holds (missing from a full MIS file).
     */
    public record Result(long ref, String upn, Plan plan, UUID pupilId, boolean existed) {
    }

    @Inject
    RegisterBatchRepository batches;

    @Inject
    RegisterEvents events;

    @Inject
    AuditLog audit;

    @Inject
    CallerScope caller;

    /**
     * Runs a whole file's import in one transaction of its own (with the import's time limit): committed, or for a
     * dry run rolled back, so the report says what would change and nothing is stored or announced. A failure rolls
     * it all back and is thrown on.
     */
    public static <T> T inOneTransaction(Duration timeout, boolean dryRun, Supplier<T> work) {
        QuarkusTransaction.begin(QuarkusTransaction.beginOptions().timeout((int) timeout.toSeconds()));
        try {
            T result = work.get();
            if (dryRun) {
                QuarkusTransaction.rollback();
            } else {
                QuarkusTransaction.commit();
            }
            return result;
        } finally {
            if (QuarkusTransaction.isActive()) {
                QuarkusTransaction.rollback();
            }
        }
    }

    /**
     * Starts importing a file in this transaction: its pupils are gathered into batches of {@code size}, and a pupil
     * whose UPN the file gave before, in the same batch or an earlier one, is reported as {@code duplicate} of the
     * first (given where that one is in the file).
     */
    public Batch startFile(int size, ImportReport.Builder report, LongFunction<Violation> duplicate) {
        batches.startUpnCheck();
        return new Batch(size, report, duplicate);
    }

    /** The pupils of a file read since its last batch was taken, each UPN once. */
    public final class Batch {
        private final int size;
        private final ImportReport.Builder report;
        private final LongFunction<Violation> duplicate;
        // the batch's UPNs only: those of earlier batches are remembered by the database
        private final Map<String, Long> refByUpn = new HashMap<>();
        private List<Candidate> candidates;

        private Batch(int size, ImportReport.Builder report, LongFunction<Violation> duplicate) {
            this.size = size;
            this.report = report;
            this.duplicate = duplicate;
            this.candidates = new ArrayList<>(size);
        }

        /** Adds the pupil, or reports them as a duplicate of a pupil of the batch with the same UPN (false). */
        public boolean add(long ref, Incoming incoming) {
            Long earlier = refByUpn.putIfAbsent(incoming.upn(), ref);
            if (earlier != null) {
                report.invalid(ref, incoming.upn(), List.of(duplicate.apply(earlier)));
                return false;
            }
            candidates.add(new Candidate(ref, incoming));
            return true;
        }

        public boolean full() {
            return candidates.size() == size;
        }

        /**
         * Empties the batch, answering its pupils whose UPN no earlier batch of the file had (the file's UPNs so far
         * are kept by the database, {@link RegisterBatchRepository#startUpnCheck}); each other one is reported as a
         * duplicate of its first sighting.
         */
        public List<Candidate> take() {
            List<Candidate> batch = candidates;
            candidates = new ArrayList<>(size);
            Map<String, Long> readBefore = batches.readBefore(refByUpn);
            refByUpn.clear();
            if (readBefore.isEmpty()) {
                return batch;
            }
            List<Candidate> first = new ArrayList<>(batch.size());
            for (Candidate c : batch) {
                Long earlier = readBefore.get(c.incoming().upn());
                if (earlier == null) {
                    first.add(c);
                } else {
                    report.invalid(c.ref(), c.incoming().upn(), List.of(duplicate.apply(earlier)));
                }
            }
            return first;
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Result> apply(School school, Source source, LocalDate today, List<Candidate> batch, String auditDetail) {
        String trust = school.trustId;
        // The school is one of the caller's, so the caller is in its trust; read the token's schools once.
        boolean trustWide = caller.isTrustWide();
        Set<String> callerSchools = caller.schools();
        Map<String, Held> held = batches.findByUpns(trust, batch.stream().map(c -> c.incoming().upn()).toList(),
                urn -> trustWide || callerSchools.contains(urn));
        List<Step> steps = new ArrayList<>(batch.size());
        for (Candidate candidate : batch) {
            Held pupil = held.get(candidate.incoming().upn());
            Plan plan = RegisterSync.plan(candidate.incoming(), pupil, school.urn, today, source);
            UUID id = pupil != null ? pupil.id() : UUID.randomUUID();
            steps.add(new Step(new Result(candidate.ref(), candidate.incoming().upn(), plan, id, pupil != null),
                    pupil == null ? 0 : pupil.version()));
        }
        return write(school, steps, auditDetail);
    }

    /**
     * A full sync's last step: every pupil on the school's roll on {@code date} whom the file did not name leaves the
     * school that day ({@link RegisterSync#leave}), a batch of {@code size} at a time, written, announced and audited
     * as the file's rows are. Their results have {@code ref} 0: no row of the file holds them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Result> leaveNotInFile(School school, LocalDate date, int size, String auditDetail) {
        List<Result> all = new ArrayList<>();
        String after = null;
        List<String> upns;
        while (!(upns = batches.notInFile(school.trustId, school.urn, date, after, size)).isEmpty()) {
            Map<String, Held> held = batches.findByUpns(school.trustId, upns, urn -> true);
            List<Step> steps = new ArrayList<>(upns.size());
            for (String upn : upns) {
                Held pupil = held.get(upn);
                steps.add(new Step(new Result(0, upn, RegisterSync.leave(upn, pupil, date), pupil.id(), true),
                        pupil.version()));
            }
            all.addAll(write(school, steps, auditDetail));
            after = upns.get(upns.size() - 1);
        }
        return all;
    }

    /** How many pupils are on the school's roll on {@code date}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long countOnRoll(School school, LocalDate date) {
        return batches.countOnRoll(school.trustId, school.urn, date);
    }

    /**
     * For a full sync: the pupils of rows that are not applied are in the file all the same; call {@link #named} with
     * their UPNs, then {@link #countNotInFile} and {@link #leaveNotInFile} once every row is read.
     */
    public void startRollCheck() {
        batches.startRollCheck();
    }

    public void named(List<String> upns) {
        batches.named(upns);
    }

    /** How many pupils on the school's roll on {@code date} the file read does not name. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long countNotInFile(School school, LocalDate date) {
        return batches.countNotInFile(school.trustId, school.urn, date);
    }

    /**
     * Writes the planned changes in one go, publishes each pupil's events as the API would and audits every pupil
     * the file holds as imported; invalid plans, and leavers the register does not hold at this school, are
     * neither.
     */
    private List<Result> write(School school, List<Step> steps, String auditDetail) {
        List<Result> results = new ArrayList<>(steps.size());
        List<Write> writes = new ArrayList<>();
        List<RegisterEvents.Planned> planned = new ArrayList<>();
        List<String> audited = new ArrayList<>();
        for (Step step : steps) {
            Result result = step.result();
            results.add(result);
            Plan plan = result.plan();
            if (plan.outcome() == Outcome.INVALID || plan.pupil() == null) {
                continue;
            }
            audited.add(result.pupilId().toString());
            if (plan.outcome() == Outcome.UNCHANGED) {
                continue;
            }
            writes.add(new Write(result.pupilId(), !result.existed(), step.version(), plan.pupil(),
                    plan.provisionChanges(), plan.needsChange()));
            for (Event event : plan.events()) {
                planned.add(toEvent(event, result.pupilId(), school, plan));
            }
        }
        batches.apply(school.trustId, writes);
        events.publishAll(planned);
        audit.record(AuditLog.IMPORT, "pupil", audited, school.trustId, school.urn, auditDetail);
        return results;
    }

    /** A pupil's result with the version of the pupil read, so a change made meanwhile is detected. */
    private record Step(Result result, long version) {
    }

    /** The event as the API would publish it, with the pupil as they are after the whole plan. */
    private static RegisterEvents.Planned toEvent(Event event, UUID id, School school, Plan plan) {
        Pupil pupil = new Pupil();
        pupil.id = id;
        pupil.trustId = school.trustId;
        pupil.schoolUrn = plan.pupil().schoolUrn();
        pupil.upn = plan.pupil().upn();
        pupil.dateOfBirth = plan.pupil().dateOfBirth();
        pupil.ncYear = plan.pupil().ncYear();
        plan.needsAfter().forEach(n -> pupil.needs.add(new Pupil.Need(n.rank(), n.code())));
        String type = switch (event.kind()) {
            case PUPIL_ADDED -> RegisterEvents.PUPIL_ADDED;
            case PUPIL_REGISTERED -> RegisterEvents.PUPIL_REGISTERED;
            case PROVISION_CHANGED -> RegisterEvents.PROVISION_CHANGED;
            case NEEDS_CHANGED -> RegisterEvents.NEEDS_CHANGED;
            case PUPIL_LEFT_REGISTER -> RegisterEvents.PUPIL_LEFT_REGISTER;
            case PUPIL_DETAILS_CHANGED -> RegisterEvents.PUPIL_DETAILS_CHANGED;
        };
        return new RegisterEvents.Planned(type, pupil, school, provision(plan.openAfter()), event.previous(),
                provision(event.closed()), event.changedFields());
    }

    private static SenProvision provision(ProvisionPeriod period) {
        if (period == null) {
            return null;
        }
        SenProvision p = new SenProvision();
        p.provision = period.code();
        p.startDate = period.start();
        p.endDate = period.end();
        p.endReason = period.endReason();
        p.issuingLa = period.issuingLa();
        p.planIssueDate = period.planIssueDate();
        return p;
    }
}
