package uk.sen.platform.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Group commit of the reads' audit records: no read returns before its record is committed, and reads waiting at the
 * same moment share one commit.
 */
@QuarkusTest
class AuditGroupCommitTest {

    @Inject
    AuditGroupCommit groupCommit;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noReadReturnsBeforeItsRecordIsCommittedAndWaitingReadsShareACommit() throws Exception {
        String detail = "group commit test " + UUID.randomUUID();
        groupCommit.writeAndWait(Instant.now(), "senco.test", "senco", AuditLog.LIST, "pupil", List.of("warm-up"),
                "northbridge", "100001", detail + " warm-up"); // the writer and its meter exist from here
        long commitsBefore = groupCommit.commits();
        long recordsBefore = groupCommit.written();
        ExecutorService readers = Executors.newFixedThreadPool(12);
        List<Future<?>> reads = new ArrayList<>();
        try (Connection blocker = dataSource.getConnection()) {
            // another transaction holds the table, so the writer's next insert waits for it
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLE audit_record IN EXCLUSIVE MODE");
            }
            for (int i = 0; i < 12; i++) {
                String pupil = UUID.randomUUID().toString();
                reads.add(readers.submit(() -> groupCommit.writeAndWait(Instant.now(), "senco.test", "senco",
                        AuditLog.LIST, "pupil", List.of(pupil), "northbridge", "100001", detail)));
            }
            Thread.sleep(1500);
            for (Future<?> read : reads) {
                assertFalse(read.isDone(), "a read answered while its audit record could not be committed");
            }
            blocker.rollback();
        }
        for (Future<?> read : reads) {
            read.get(30, TimeUnit.SECONDS);
        }
        readers.shutdown();
        assertEquals(12, committedWith(detail), "every read's record is committed once it has returned");
        // the writer took one or a few records before the lock stopped it; the others waited and went in one commit
        assertEquals(12, groupCommit.written() - recordsBefore);
        long used = groupCommit.commits() - commitsBefore;
        assertTrue(used <= 2, "12 reads in at most two commits, not " + used);
    }

    @Test
    void aReadInsideATransactionWritesItsRecordOutsideIt() throws Exception {
        String detail = "group commit in a transaction " + UUID.randomUUID();
        // twice: the second leads with the connection the first opened
        for (int i = 0; i < 2; i++) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> QuarkusTransaction.requiringNew().run(() -> {
                        groupCommit.writeAndWait(Instant.now(), "senco.test", "senco", AuditLog.READ, "pupil",
                                List.of(UUID.randomUUID().toString()), "northbridge", "100001", detail);
                        throw new IllegalStateException("the read failed after its record was written");
                    }));
        }
        assertEquals(2, committedWith(detail), "the records are committed, whatever became of the reads' transactions");
    }

    @Test
    void readsHoldingEveryConnectionOfTheServicesPoolStillHaveTheirRecordsWritten() throws Exception {
        String detail = "group commit with the pool taken " + UUID.randomUUID();
        groupCommit.stop(); // its connection given back: the next leader takes one again, with the pool all taken
        List<Connection> held = new ArrayList<>();
        try {
            int max = dataSource.getConfiguration().connectionPoolConfiguration().maxSize();
            for (int i = 0; i < max; i++) {
                held.add(dataSource.getConnection());
            }
            groupCommit.writeAndWait(Instant.now(), "senco.test", "senco", AuditLog.LIST, "pupil",
                    List.of(UUID.randomUUID().toString()), "northbridge", "100001", detail);
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertEquals(1, committedWith(detail));
    }

    private long committedWith(String detail) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_record WHERE detail = '" + detail + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
