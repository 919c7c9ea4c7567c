package uk.sen.platform.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Group commit of the audit records of reads. A read's record is handed to one writer thread, which inserts whatever
 * has gathered meanwhile in one transaction of its own connection and commits it; the reading request waits until its
 * record's commit has returned, so nothing is answered before its audit record is durable. Concurrent reads share
 * one commit (one WAL flush) instead of each paying for their own, and the reads' own transactions write nothing.
 * A record that cannot be written fails the read (the caller gets an error, not the data).
 */
@ApplicationScoped
public class AuditGroupCommit {

    private static final Logger LOG = Logger.getLogger(AuditGroupCommit.class);
    private static final String INSERT = """
            INSERT INTO audit_record (occurred_at, actor, actor_roles, action, subject_type, subject_ids, trust_id,
                                      school_urn, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** One record to write, and the read waiting for it. */
    record Pending(Instant at, String actor, String roles, String action, String subjectType, Collection<String> ids,
            String trustId, String schoolUrn, String detail, CompletableFuture<Void> durable) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "sen.audit.group-commit.max-records", defaultValue = "500")
    int maxRecords;

    @ConfigProperty(name = "sen.audit.group-commit.wait", defaultValue = "30s")
    Duration wait;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean stopped;
    private Connection connection;
    private DistributionSummary batchSizes;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    /** Writes the record with others waiting at the same moment; returns once it is committed. */
    void writeAndWait(Instant at, String actor, String roles, String action, String subjectType,
            Collection<String> ids, String trustId, String schoolUrn, String detail) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        queue.add(new Pending(at, actor, roles, action, subjectType, List.copyOf(ids), trustId, schoolUrn, detail,
                durable));
        startWriter();
        try {
            durable.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The audit record of this read could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The audit record of this read was not written within " + wait, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the audit record of this read was written", e);
        }
    }

    /** Commits made since start (the meter {@code sen.audit.group-commit.records} tells operators the same). */
    long commits() {
        return commits.get();
    }

    /** Records those commits wrote. */
    long written() {
        return written.get();
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null && !stopped) {
                    batchSizes = DistributionSummary.builder("sen.audit.group-commit.records")
                            .description("Audit records of reads written by one commit").register(metrics);
                    Thread t = new Thread(this::run, "audit-group-commit");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (!stopped || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxRecords - 1);
                commit(batch);
                batch.forEach(p -> p.durable().complete(null));
                batchSizes.record(batch.size());
                commits.incrementAndGet();
                written.addAndGet(batch.size());
            } catch (InterruptedException e) {
                if (stopped) {
                    break;
                }
            } catch (Exception e) {
                LOG.warnf("Audit records of %d reads could not be written: %s", batch.size(), e.toString());
                closeQuietly();
                batch.forEach(p -> p.durable().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        closeQuietly();
    }

    private void commit(List<Pending> batch) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending p : batch) {
                insert.setObject(1, OffsetDateTime.ofInstant(p.at(), ZoneOffset.UTC));
                insert.setString(2, p.actor());
                insert.setString(3, p.roles());
                insert.setString(4, p.action());
                insert.setString(5, p.subjectType());
                insert.setArray(6, connection.createArrayOf("text", p.ids().toArray()));
                insert.setString(7, p.trustId());
                insert.setString(8, p.schoolUrn());
                insert.setString(9, p.detail());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is closed below
            }
            throw e;
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already gone
            }
            connection = null;
        }
    }

    /** On shutdown: what is queued is still written before the data source closes. */
    @PreDestroy
    void stop() {
        stopped = true;
        Thread t = writer;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
