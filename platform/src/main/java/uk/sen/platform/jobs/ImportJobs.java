package uk.sen.platform.jobs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.Rows;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;

/**
 * Long imports as jobs: a request with {@code Prefer: respond-async} is answered 202 at once with the job's
 * {@code Location}; the import runs on a worker as the caller (same identity, scope and audit), telling its progress,
 * and its report is kept as the synchronous form would have answered it. A job never outlives its worker unnoticed:
 * a job whose worker has said nothing for {@code sen.jobs.stale-after} (the process ended) is marked FAILED with the
 * counts it had reached, and sending the same file again finishes it (imports are idempotent).
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    public static final String PREFER = "Prefer";
    public static final String RESPOND_ASYNC = "respond-async";

    /** A job as its caller sees it. */
    @Schema(name = "ImportJob", description = "An import running as a job, or finished: its counts so far, and its report")
    public record Job(UUID id,
            @Schema(examples = "mis") String kind,
            @Schema(enumeration = { "RUNNING", "SUCCEEDED", "FAILED" }, examples = "RUNNING") String status,
            @Schema(description = "Rows read so far") long rowsRead,
            @Schema(description = "Rows that added or changed a record so far") long applied,
            @Schema(description = "Rows that changed nothing so far") long unchanged,
            @Schema(description = "Rows refused so far") long invalid,
            @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(type = SchemaType.OBJECT, nullable = true, description = """
                    When SUCCEEDED: the report the synchronous form of the import answers""") String report,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(nullable = true, description = "When FAILED: why, and what to do") String problem,
            Instant createdAt,
            @Schema(nullable = true) Instant finishedAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "sen.jobs.stale-after", defaultValue = "2m")
    Duration staleAfter;

    @ConfigProperty(name = "sen.jobs.progress-interval", defaultValue = "1s")
    Duration progressInterval;

    /**
     * Jobs this process holds at once, running or waiting (two run at a time); each holds its file in memory until it
     * has run, so more are refused (429) rather than queued without bound.
     */
    @ConfigProperty(name = "sen.jobs.max", defaultValue = "4")
    int maxJobs;

    @Inject
    AuditLog audit;

    /** The jobs this process is running: their rows are kept fresh, so only a job whose process ended goes stale. */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    private final ManagedExecutor workers = ManagedExecutor.builder().maxAsync(2).propagated(ThreadContext.NONE)
            .cleared(ThreadContext.ALL_REMAINING).build();

    /** Whether the request asked to be answered at once ({@code Prefer: respond-async}, RFC 7240). */
    public static boolean asked(String prefer) {
        return prefer != null && List.of(prefer.toLowerCase().split("[,;]")).stream().map(String::strip)
                .anyMatch(RESPOND_ASYNC::equals);
    }

    /**
     * Starts the import as a job of the caller's and answers 202 with its location. {@code work} runs on a worker
     * thread, as the caller, and returns the report (written as JSON).
     */
    public Response start(String kind, String schoolUrn, Function<ImportProgress, Object> work) {
        String trust = caller.requireTrust();
        if (running.size() >= maxJobs) {
            throw new ProblemException(429, "too-many-jobs", "Too many imports running", "This service is running "
                    + running.size() + " imports already; send the file again in a few minutes, or without "
                    + "Prefer: respond-async.", List.of());
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO import_job (id, kind, trust_id, school_urn, created_by, status, created_at, updated_at)
                VALUES (?1, ?2, ?3, cast(?4 as text), ?5, 'RUNNING', now(), now())""")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, trust).setParameter(4, schoolUrn)
                .setParameter(5, caller.username()).executeUpdate());
        SecurityIdentity as = identities.getIdentity(); // the caller's own, not the request's proxy of it
        running.add(id); // kept fresh by the heartbeat from now, while it waits for a worker too
        try {
            workers.runAsync(() -> run(id, as, work));
        } catch (RuntimeException e) {
            running.remove(id);
            finish(id, "FAILED", null, "the service is stopping; send the file again");
            throw e;
        }
        return Response.accepted(new Job(id, kind, "RUNNING", 0, 0, 0, 0, null, null, now, null))
                .location(URI.create("/api/v1/import-jobs/" + id)).header("Preference-Applied", RESPOND_ASYNC).build();
    }

    private void run(UUID id, SecurityIdentity as, Function<ImportProgress, Object> work) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(as);
            Recorder progress = new Recorder(id);
            try {
                Object report = work.apply(progress);
                progress.write();
                finish(id, "SUCCEEDED", json.writeValueAsString(report), null);
            } catch (ProblemException e) {
                progress.write();
                finish(id, "FAILED", null, e.violations().size() < 2 ? e.getMessage() : e.getMessage() + ": "
                        + String.join("; ", e.violations().stream().map(v -> v.field() + " " + v.reason()).toList()));
            }
        } catch (Exception | Error e) {
            LOG.warnf(e, "Import job %s failed: %s", id, e.getClass().getSimpleName());
            finish(id, "FAILED", null, "the import stopped on an error of the service; what it applied is kept, "
                    + "and sending the same file again finishes it");
        } finally {
            running.remove(id);
            request.terminate();
        }
    }

    private void finish(UUID id, String status, String report, String problem) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                UPDATE import_job SET status = ?2, report = ?3, problem = ?4, updated_at = now(), finished_at = now()
                WHERE id = ?1 AND status = 'RUNNING'""")
                .setParameter(1, id).setParameter(2, status).setParameter(3, report).setParameter(4, problem)
                .executeUpdate());
    }

    /** Writes the counts to the job, at most once a {@code progress-interval} (and always the first time). */
    private final class Recorder implements ImportProgress {
        private final UUID id;
        private long last;
        private final long[] counts = new long[4];

        Recorder(UUID id) {
            this.id = id;
        }

        @Override
        public void update(long rowsRead, long applied, long unchanged, long invalid) {
            counts[0] = rowsRead;
            counts[1] = applied;
            counts[2] = unchanged;
            counts[3] = invalid;
            long now = System.nanoTime();
            if (last == 0 || now - last >= progressInterval.toNanos()) {
                last = now;
                write();
            }
        }

        /** The counts as they are now. */
        void write() {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    UPDATE import_job SET rows_read = ?2, applied = ?3, unchanged = ?4, invalid = ?5, updated_at = now()
                    WHERE id = ?1 AND status = 'RUNNING'""")
                    .setParameter(1, id).setParameter(2, counts[0]).setParameter(3, counts[1])
                    .setParameter(4, counts[2]).setParameter(5, counts[3]).executeUpdate());
        }
    }

    /** One of the caller's jobs ({@link #visible}); 404 otherwise. */
    public Job get(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, kind, status, rows_read, applied, unchanged, invalid, report, problem, created_at,
                       finished_at, trust_id, school_urn, created_by
                FROM import_job WHERE id = ?1""").setParameter(1, id).getResultList();
        Object[] r = rows.stream().findFirst().filter(this::visible)
                .orElseThrow(() -> ProblemException.notFound("Import job", id));
        // its report names pupils (ids, UPNs): reading it is recorded like any read of pupil data
        audit.record(AuditLog.READ, "import-job", id.toString(), (String) r[11], (String) r[12]);
        return new Job(Rows.uuid(r[0]), (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), (String) r[7],
                (String) r[8], Rows.instant(r[9]), r[10] == null ? null : Rows.instant(r[10]));
    }

    /** Of the caller's trust; for a school role, of one of their schools, or their own when it names no school. */
    private boolean visible(Object[] row) {
        String trust = (String) row[11];
        String school = (String) row[12];
        if (caller.isTrustWide()) {
            return trust.equals(caller.trustId());
        }
        return school != null ? caller.coversSchool(trust, school)
                : trust.equals(caller.trustId()) && caller.username().equals(row[13]);
    }

    /** Tells the other replicas that this process's jobs are alive, even in a long step that reports nothing. */
    @Scheduled(every = "${sen.jobs.heartbeat-interval:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void heartbeat() {
        if (running.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(running);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE import_job SET updated_at = now() WHERE status = 'RUNNING' AND id IN (?1)")
                .setParameter(1, ids).executeUpdate());
    }

    /** Jobs whose worker has gone quiet (its process ended) are failed, on whichever replica sweeps first. */
    @Scheduled(every = "${sen.jobs.sweep-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void failStale() {
        int failed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                UPDATE import_job SET status = 'FAILED', finished_at = now(), updated_at = now(),
                    problem = 'the service stopped while importing; the counts are what it had reached, and what it '
                              || 'applied is kept: send the same file again to finish it'
                WHERE status = 'RUNNING' AND updated_at < now() - ?1 * interval '1 second'""")
                .setParameter(1, staleAfter.toSeconds()).executeUpdate());
        if (failed > 0) {
            LOG.warnf("%d import job(s) marked failed: their worker stopped", failed);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
