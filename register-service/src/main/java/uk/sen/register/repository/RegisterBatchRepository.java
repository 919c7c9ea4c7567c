package uk.sen.register.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.postgresql.PGStatement;

import uk.sen.platform.problem.ProblemException;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.ProvisionPeriod;
import uk.sen.register.domain.RegisterSync.Close;
import uk.sen.register.domain.RegisterSync.Correct;
import uk.sen.register.domain.RegisterSync.Held;
import uk.sen.register.domain.RegisterSync.HeldProvision;
import uk.sen.register.domain.RegisterSync.Insert;
import uk.sen.register.domain.RegisterSync.NeedsChange;
import uk.sen.register.domain.RegisterSync.ProvisionChange;
import uk.sen.register.domain.RegisterSync.PupilFields;
import uk.sen.register.domain.RegisterSync.Reopen;
import uk.sen.register.domain.SenRules.RankedNeed;

/**
 * Reads and writes many pupils at once for the imports, in plain JDBC on the transaction's connection: a batch of
 * pupils is looked up with three queries and written with one JDBC batch per kind of statement, so an import's cost
 * grows with the number of batches, not of rows. The writes are those the API makes one pupil at a time (the
 * pupil's version goes up with every change, needs keep their history).
 */
@ApplicationScoped
public class RegisterBatchRepository {

    /** One pupil's changes; {@code version} is the one read, so a concurrent change is detected. */
    public record Write(UUID pupilId, boolean create, long version, PupilFields pupil,
            List<ProvisionChange> provisionChanges, NeedsChange needsChange) {
    }

    @Inject
    EntityManager em;

    /**
     * Starts remembering the UPNs the import in this transaction reads ({@link #readBefore}), in a temporary table
     * dropped with the transaction: a file of any length is checked for a repeated UPN without holding its UPNs
     * in memory.
     */
    public void startUpnCheck() {
        session().doWork(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS import_upn (upn text PRIMARY KEY, ref bigint NOT NULL) "
                        + "ON COMMIT DROP");
            }
        });
    }

    /**
     * Records that the import read these UPNs (each given once, with where in the file), and answers, for those it
     * had already read in an earlier batch, where it first read them.
     */
    public Map<String, Long> readBefore(Map<String, Long> refByUpn) {
        if (refByUpn.isEmpty()) {
            return Map.of();
        }
        return session().doReturningWork(c -> {
            Map<String, Long> earlier = new HashMap<>();
            // one snapshot for the whole statement: "before" sees the table as it was, without this batch's rows
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH batch AS (SELECT * FROM unnest(?::text[], ?::bigint[]) AS b (upn, ref)),
                         before AS (SELECT i.upn, i.ref FROM import_upn i JOIN batch b ON b.upn = i.upn),
                         added AS (INSERT INTO import_upn (upn, ref) SELECT upn, ref FROM batch
                                   ON CONFLICT (upn) DO NOTHING)
                    SELECT upn, ref FROM before""")) {
                Object[] upns = new Object[refByUpn.size()];
                Object[] refs = new Object[refByUpn.size()];
                int i = 0;
                for (Map.Entry<String, Long> e : refByUpn.entrySet()) {
                    upns[i] = e.getKey();
                    refs[i++] = e.getValue();
                }
                ps.setArray(1, c.createArrayOf("text", upns));
                ps.setArray(2, c.createArrayOf("bigint", refs));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        earlier.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return earlier;
        });
    }

    /**
     * Starts remembering, for a full sync, the UPNs of rows the import could not apply ({@link #named}): their pupils
     * are in the file all the same. The applied rows' UPNs are those {@link #readBefore} keeps.
     */
    public void startRollCheck() {
        session().doWork(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS import_named_upn (upn text PRIMARY KEY) "
                        + "ON COMMIT DROP");
            }
        });
    }

    /** Records UPNs the file names on rows that were not applied ({@link #startRollCheck}). */
    public void named(Collection<String> upns) {
        if (upns.isEmpty()) {
            return;
        }
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO import_named_upn (upn) SELECT unnest(?::text[]) ON CONFLICT (upn) DO NOTHING")) {
                ps.setArray(1, c.createArrayOf("text", upns.toArray()));
                ps.executeUpdate();
            }
        });
    }

    private static final String ON_ROLL = """
            p.trust_id = ? AND p.school_urn = ? AND p.on_roll_date <= ? \
            AND (p.leaving_date IS NULL OR p.leaving_date > ?)""";

    private static final String NOT_IN_FILE = ON_ROLL + """
             AND NOT EXISTS (SELECT 1 FROM import_upn i WHERE i.upn = p.upn) \
            AND NOT EXISTS (SELECT 1 FROM import_named_upn n WHERE n.upn = p.upn)""";

    /** How many pupils are on the school's roll on {@code date}: on roll by then, and not left by then. */
    public long countOnRoll(String trustId, String schoolUrn, LocalDate date) {
        return count("SELECT count(*) FROM pupil p WHERE " + ON_ROLL, trustId, schoolUrn, date);
    }

    /** How many of them the file read so far does not name (a full sync, {@link #startRollCheck}). */
    public long countNotInFile(String trustId, String schoolUrn, LocalDate date) {
        return count("SELECT count(*) FROM pupil p WHERE " + NOT_IN_FILE, trustId, schoolUrn, date);
    }

    /** The UPNs of those pupils, in UPN order after {@code afterUpn} (null: from the first), at most {@code limit}. */
    public List<String> notInFile(String trustId, String schoolUrn, LocalDate date, String afterUpn, int limit) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.upn FROM pupil p WHERE " + NOT_IN_FILE
                    + " AND p.upn > ? ORDER BY p.upn LIMIT ?")) {
                bindRoll(ps, trustId, schoolUrn, date);
                ps.setString(5, afterUpn == null ? "" : afterUpn);
                ps.setInt(6, limit);
                List<String> upns = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        upns.add(rs.getString(1));
                    }
                }
                return upns;
            }
        });
    }

    private long count(String sql, String trustId, String schoolUrn, LocalDate date) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindRoll(ps, trustId, schoolUrn, date);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void bindRoll(PreparedStatement ps, String trustId, String schoolUrn, LocalDate date)
            throws SQLException {
        ps.setString(1, trustId);
        ps.setString(2, schoolUrn);
        ps.setObject(3, date);
        ps.setObject(4, date);
    }

    /** The trust's pupils with these UPNs, by UPN, with all their provisions and current needs. */
    public Map<String, Held> findByUpns(String trustId, Collection<String> upns, Predicate<String> inScope) {
        if (upns.isEmpty()) {
            return Map.of();
        }
        return session().doReturningWork(c -> {
            Map<UUID, Object[]> pupils = new LinkedHashMap<>();
            try (PreparedStatement ps = lookup(c, """
                    SELECT id, version, school_urn, upn, surname, forename, date_of_birth, sex, nc_year, on_roll_date,
                           leaving_date
                    FROM pupil WHERE trust_id = ? AND upn = ANY (?)""")) {
                ps.setString(1, trustId);
                ps.setArray(2, c.createArrayOf("text", upns.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pupils.put(rs.getObject(1, UUID.class), new Object[] { rs.getLong(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class),
                                rs.getString(8), rs.getString(9), rs.getObject(10, LocalDate.class),
                                rs.getObject(11, LocalDate.class) });
                    }
                }
            }
            if (pupils.isEmpty()) {
                return Map.of();
            }
            java.sql.Array ids = c.createArrayOf("uuid", pupils.keySet().toArray());
            Map<UUID, List<HeldProvision>> provisions = new HashMap<>();
            try (PreparedStatement ps = lookup(c, """
                    SELECT id, pupil_id, provision, start_date, end_date, end_reason, issuing_la, plan_issue_date
                    FROM sen_provision WHERE pupil_id = ANY (?)""")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        provisions.computeIfAbsent(rs.getObject(2, UUID.class), k -> new ArrayList<>())
                                .add(new HeldProvision(rs.getObject(1, UUID.class), new ProvisionPeriod(
                                        Provision.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class),
                                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7),
                                        rs.getObject(8, LocalDate.class))));
                    }
                }
            }
            Map<UUID, List<RankedNeed>> needs = new HashMap<>();
            try (PreparedStatement ps = lookup(c,
                    "SELECT pupil_id, rank, need_code FROM pupil_need WHERE pupil_id = ANY (?) ORDER BY rank")) {
                ps.setArray(1, ids);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        needs.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new RankedNeed(rs.getInt(2), rs.getString(3)));
                    }
                }
            }
            Map<String, Held> byUpn = new HashMap<>();
            pupils.forEach((id, r) -> {
                String school = (String) r[1];
                byUpn.put((String) r[2], new Held(id, (Long) r[0], school, (String) r[3], (String) r[4],
                        (LocalDate) r[5], (String) r[6], (String) r[7], (LocalDate) r[8], (LocalDate) r[9],
                        inScope.test(school), provisions.getOrDefault(id, List.of()), needs.getOrDefault(id, List.of())));
            });
            return byUpn;
        });
    }

    /**
     * Writes the changes, in the order the constraints need (pupils before their provisions, a provision closed
     * before another opens). A pupil changed by someone else since it was read refuses the whole import.
     */
    public void apply(String trustId, List<Write> writes) {
        if (writes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        session().doWork(c -> {
            List<Write> creates = writes.stream().filter(Write::create).toList();
            List<Write> updates = writes.stream().filter(w -> !w.create()).toList();
            batch(c, """
                    INSERT INTO pupil (id, trust_id, upn, school_urn, forename, surname, date_of_birth, sex, nc_year,
                                       on_roll_date, leaving_date, version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""", creates, (ps, w) -> {
                ps.setObject(1, w.pupilId());
                ps.setString(2, trustId);
                ps.setString(3, w.pupil().upn());
                bindDetails(ps, 4, w.pupil());
                ps.setTimestamp(12, now);
                ps.setTimestamp(13, now);
            });
            int[] updated = batch(c, """
                    UPDATE pupil SET school_urn = ?, forename = ?, surname = ?, date_of_birth = ?, sex = ?, nc_year = ?,
                                     on_roll_date = ?, leaving_date = ?, version = version + 1, updated_at = ?
                    WHERE id = ? AND version = ?""", updates, (ps, w) -> {
                bindDetails(ps, 1, w.pupil());
                ps.setTimestamp(9, now);
                ps.setObject(10, w.pupilId());
                ps.setLong(11, w.version());
            });
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    throw ProblemException.conflict("Pupil " + updates.get(i).pupil().upn() + " was changed by "
                            + "someone else while the file was being imported; nothing was imported. Import the file "
                            + "again.");
                }
            }
            List<Object[]> closes = new ArrayList<>();
            List<UUID> reopens = new ArrayList<>();
            List<Correct> corrections = new ArrayList<>();
            List<Object[]> inserts = new ArrayList<>();
            for (Write w : writes) {
                for (ProvisionChange change : w.provisionChanges()) {
                    if (change instanceof Close close) {
                        closes.add(new Object[] { close.id(), close.end(), close.reason() });
                    } else if (change instanceof Reopen reopen) {
                        reopens.add(reopen.id());
                    } else if (change instanceof Correct correct) {
                        corrections.add(correct);
                    } else if (change instanceof Insert insert) {
                        inserts.add(new Object[] { w.pupilId(), insert.period() });
                    }
                }
            }
            batch(c, "UPDATE sen_provision SET end_date = ?, end_reason = ? WHERE id = ? AND end_date IS NULL",
                    closes, (ps, x) -> {
                        ps.setObject(1, x[1]);
                        ps.setString(2, (String) x[2]);
                        ps.setObject(3, x[0]);
                    });
            batch(c, "UPDATE sen_provision SET end_date = NULL, end_reason = NULL WHERE id = ?", reopens,
                    (ps, id) -> ps.setObject(1, id));
            batch(c, "UPDATE sen_provision SET start_date = ?, issuing_la = ?, plan_issue_date = ? WHERE id = ?",
                    corrections, (ps, x) -> {
                        ps.setObject(1, x.start());
                        ps.setString(2, x.issuingLa());
                        ps.setObject(3, x.planIssueDate());
                        ps.setObject(4, x.id());
                    });
            batch(c, """
                    INSERT INTO sen_provision (id, pupil_id, provision, start_date, end_date, end_reason, issuing_la,
                                               plan_issue_date, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts, (ps, x) -> {
                ProvisionPeriod p = (ProvisionPeriod) x[1];
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, x[0]);
                ps.setString(3, p.code().name());
                ps.setObject(4, p.start());
                ps.setObject(5, p.end());
                ps.setString(6, p.endReason());
                ps.setString(7, p.issuingLa());
                ps.setObject(8, p.planIssueDate());
                ps.setTimestamp(9, now);
            });

            List<Write> needChanges = writes.stream().filter(w -> w.needsChange() != null).toList();
            List<Object[]> needRows = new ArrayList<>();
            for (Write w : needChanges) {
                for (RankedNeed need : w.needsChange().needs()) {
                    needRows.add(new Object[] { w.pupilId(), need, w.needsChange().effective() });
                }
            }
            List<Write> replaced = needChanges.stream().filter(w -> !w.create()).toList();
            batch(c, "DELETE FROM pupil_need WHERE pupil_id = ?", replaced, (ps, w) -> ps.setObject(1, w.pupilId()));
            batch(c, "INSERT INTO pupil_need (pupil_id, rank, need_code) VALUES (?, ?, ?)", needRows,
                    RegisterBatchRepository::bindNeed);
            batch(c, """
                    UPDATE pupil_need_history SET valid_to = GREATEST(valid_from, ?)
                    WHERE pupil_id = ? AND (valid_to IS NULL OR valid_to > ?)""", replaced, (ps, w) -> {
                ps.setObject(1, w.needsChange().effective());
                ps.setObject(2, w.pupilId());
                ps.setObject(3, w.needsChange().effective());
            });
            batch(c, "INSERT INTO pupil_need_history (pupil_id, rank, need_code, valid_from) VALUES (?, ?, ?, ?)",
                    needRows, (ps, x) -> {
                        bindNeed(ps, x);
                        ps.setObject(4, x[2]);
                    });
        });
    }

    /** Binds the pupil's fields that both creating and updating write, school to leaving date, from {@code first}. */
    private static void bindDetails(PreparedStatement ps, int first, PupilFields p) throws SQLException {
        ps.setString(first, p.schoolUrn());
        ps.setString(first + 1, p.forename());
        ps.setString(first + 2, p.surname());
        ps.setObject(first + 3, p.dateOfBirth());
        ps.setString(first + 4, p.sex());
        ps.setString(first + 5, p.ncYear());
        ps.setObject(first + 6, p.onRollDate());
        ps.setObject(first + 7, p.leavingDate());
    }

    /** Binds a need row ({pupil id, need, effective date}) as pupil id, rank and need code. */
    private static void bindNeed(PreparedStatement ps, Object[] row) throws SQLException {
        RankedNeed need = (RankedNeed) row[1];
        ps.setObject(1, row[0]);
        ps.setInt(2, need.rank());
        ps.setString(3, need.code());
    }

    /**
     * A lookup by a batch of keys, planned each time with the keys it is given: a server-side prepared statement
     * would after a few batches get PostgreSQL's generic plan, which cannot hash the array and compares every row
     * with every key.
     */
    private static PreparedStatement lookup(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        return ps;
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    private static <T> int[] batch(Connection c, String sql, List<T> items, Binder<T> binder) throws SQLException {
        if (items.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private Session session() {
        return em.unwrap(Session.class);
    }
}
