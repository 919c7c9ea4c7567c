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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Group commit of the audit records of reads. A read's record is queued; one of the reads waiting at that moment (the
 * leader, whichever takes the lock first) inserts everything queued in one transaction of the group commit's own
 * connection and commits it, then completes the others, and goes round again while records keep arriving. No thread
 * of its own: the reads that wait do the writing. Each read returns only once the commit that wrote its record has
 * returned, so nothing is answered before its audit record is durable; concurrent reads share one commit (one WAL
 * flush) instead of each paying for their own, and the reads' own transactions write nothing. A record that cannot
 * be written fails its read (the caller gets an error, not the data).
 *
 * <p>The group commit's connection comes from a pool of its own, the data source {@code audit} (one connection, on the
 * service's database, outside every transaction). Taken from the service's pool, it waited behind the reads that
 * held every connection of that pool while they waited for it: each read failed at the pool's acquisition timeout.
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
    @DataSource("audit")
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "sen.audit.group-commit.max-records", defaultValue = "500")
    int maxRecords;

    @ConfigProperty(name = "sen.audit.group-commit.wait", defaultValue = "30s")
    Duration wait;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by the leader while it writes; guards {@link #connection}. */
    private final ReentrantLock leader = new ReentrantLock();
    private Connection connection;
    private volatile DistributionSummary batchSizes;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    /** Writes the record with others waiting at the same moment; returns once it is committed. */
    void writeAndWait(Instant at, String actor, String roles, String action, String subjectType,
            Collection<String> ids, String trustId, String schoolUrn, String detail) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        queue.add(new Pending(at, actor, roles, action, subjectType, List.copyOf(ids), trustId, schoolUrn, detail,
                durable));
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!durable.isDone()) {
                if (leader.tryLock()) {
                    try {
                        // what arrived while it wrote goes in the next round, a few rounds at most: then the leader
                        // answers its own read and another waiting read leads. The read's own transaction, if any, is
                        // suspended meanwhile: the group commit's connection never takes part in it.
                        QuarkusTransaction.suspendingExisting().run(() -> {
                            for (int round = 0; round < 4 && !queue.isEmpty(); round++) {
                                writeQueued();
                            }
                        });
                    } finally {
                        leader.unlock();
                    }
                } else {
                    // another read is writing (perhaps this record too); look again shortly, or lead the next round
                    try {
                        durable.get(5, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("The audit record of this read was not written within "
                                    + wait, e);
                        }
                    }
                }
            }
            durable.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The audit record of this read could not be written", e.getCause());
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

    /** The leader's round: what is queued now, in one commit. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < maxRecords && (p = queue.poll()) != null;) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            commit(batch);
            commits.incrementAndGet();
            written.addAndGet(batch.size());
            sizes().record(batch.size());
            batch.forEach(p -> p.durable().complete(null));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Audit records of %d reads could not be written: %s", batch.size(), e.toString());
            closeQuietly();
            batch.forEach(p -> p.durable().completeExceptionally(e));
        }
    }

    private DistributionSummary sizes() {
        if (batchSizes == null) {
            batchSizes = DistributionSummary.builder("sen.audit.group-commit.records")
                    .description("Audit records of reads written by one commit").register(metrics);
        }
        return batchSizes;
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

    /** On shutdown: the connection is given back before the data source closes. */
    @PreDestroy
    void stop() {
        leader.lock();
        try {
            closeQuietly();
        } finally {
            leader.unlock();
        }
    }
}
