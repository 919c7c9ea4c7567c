package uk.sen.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the services asked of PostgreSQL during a phase, per change, by service database ({@code <service>_bench}):
 * transactions (pg_stat_database), statements and their execution time (pg_stat_statements, which deploy/infra.sh has
 * the cluster load; execution time includes waiting for row locks), and the statements that took most of that time.
 * Read as the postgres user, as deploy/bench.sh prepares the databases. Off when the cluster does not load the module
 * (BENCH_PG_STATEMENTS=0).
 */
final class DatabaseWork {

    static final boolean ON = "1".equals(Stack.env("BENCH_PG_STATEMENTS", "0"));
    private static final String PORT = Stack.env("BENCH_PG_PORT", "5432");
    private static final String SEPARATOR = "\u001f";
    private static final String BENCH_DATABASES = "d.datname LIKE '%\\_bench'";

    private final Map<String, Long> transactionsBefore;

    private DatabaseWork(Map<String, Long> transactionsBefore) {
        this.transactionsBefore = transactionsBefore;
    }

    /** Starts counting: the statement statistics emptied, the transaction counters noted. */
    static DatabaseWork start() throws IOException, InterruptedException {
        if (!ON) {
            return new DatabaseWork(Map.of());
        }
        psql("SELECT pg_stat_statements_reset()");
        return new DatabaseWork(transactions());
    }

    /** Two rows of the section: each database's work per change, and the three statements that took longest. */
    void report(Report report, String section, int changes) throws IOException, InterruptedException {
        if (!ON || changes == 0) {
            return;
        }
        // an idle connection's transactions reach pg_stat_database within 10 s (PostgreSQL's idle flush interval)
        Thread.sleep(11_000);
        Map<String, Long> transactions = transactions();
        StringBuilder each = new StringBuilder();
        for (String[] r : rows("SELECT d.datname, sum(s.calls), sum(s.total_exec_time) FROM pg_stat_statements s"
                + " JOIN pg_database d ON d.oid = s.dbid WHERE " + BENCH_DATABASES + " GROUP BY 1 ORDER BY 1")) {
            long tx = transactions.getOrDefault(r[0], 0L) - transactionsBefore.getOrDefault(r[0], 0L);
            each.append(each.isEmpty() ? "" : "; ").append(service(r[0])).append(String.format(" %.1f, %.1f, %.2f ms",
                    tx / (double) changes, Long.parseLong(r[1]) / (double) changes,
                    Double.parseDouble(r[2]) / changes));
        }
        report.row(section, "PostgreSQL per change, by service: transactions, statements, execution time (lock waits "
                + "included)", each.toString());
        StringBuilder longest = new StringBuilder();
        for (String[] r : rows("SELECT d.datname, s.calls, s.total_exec_time, s.mean_exec_time,"
                + " left(regexp_replace(s.query, '\\s+', ' ', 'g'), 70) FROM pg_stat_statements s"
                + " JOIN pg_database d ON d.oid = s.dbid WHERE " + BENCH_DATABASES
                + " ORDER BY s.total_exec_time DESC LIMIT 3")) {
            longest.append(longest.isEmpty() ? "" : "; ").append(service(r[0])).append(String.format(
                    " %.2f ms per change (%,d calls, mean %.2f ms): `%s…`", Double.parseDouble(r[2]) / changes,
                    Long.parseLong(r[1]), Double.parseDouble(r[3]), r[4].replace("|", "\\|").replace("`", "'")));
        }
        report.row(section, "PostgreSQL: the statements that took longest, per change", longest.toString());
    }

    private static String service(String database) {
        return database.replace("_bench", "");
    }

    private static Map<String, Long> transactions() throws IOException, InterruptedException {
        Map<String, Long> count = new LinkedHashMap<>();
        for (String[] r : rows("SELECT d.datname, d.xact_commit + d.xact_rollback FROM pg_stat_database d WHERE "
                + BENCH_DATABASES)) {
            count.put(r[0], Long.parseLong(r[1]));
        }
        return count;
    }

    private static List<String[]> rows(String sql) throws IOException, InterruptedException {
        List<String[]> rows = new ArrayList<>();
        for (String line : psql(sql).split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split(SEPARATOR, -1));
            }
        }
        return rows;
    }

    private static String psql(String sql) throws IOException, InterruptedException {
        return RegisterBench.run(List.of("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-At", "-F", SEPARATOR,
                "-p", PORT, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql), Map.of());
    }
}
