package uk.sen.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * register-service: the MIS import of 50,000 rows against PostgreSQL's own COPY of the same rows, and the paged
 * register list under wrk against pgbench running the list's SQL on the same database.
 */
final class RegisterBench {

    /** A demo school's URN, because the MIS client's scope is the demo schools; the bench database is its own. */
    static final String SCHOOL = "900101";
    static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/register_bench";

    private final Stack stack;
    private final Report report;
    private final Path work;

    RegisterBench(Stack stack, Report report, Path work) {
        this.stack = stack;
        this.report = report;
        this.work = work;
    }

    static void addSchool(Stack stack, String urn, String estab, String name) throws IOException, InterruptedException {
        String admin = stack.userToken("trust.admin");
        stack.call(Stack.request(Stack.REGISTER.url() + "/api/v1/schools", admin)
                .header("Content-Type", "application/json")
                .POST(Stack.json(Map.of("urn", urn, "laCode", "801", "estabNumber", estab, "name", name,
                        "phase", "PRIMARY", "lowestAge", 4, "highestAge", 11))).build());
    }

    void importAndCopy(int rows) throws Exception {
        addSchool(stack, SCHOOL, "2001", "Harbour Primary School");
        Path file = work.resolve("mis-" + rows + ".csv");
        MisFile.write(file, SCHOOL, "2001", rows, true, 0);
        String section = "register import";
        long registerPid = stack.running().get(Stack.REGISTER.name()).pid();

        JsonNode result;
        double seconds;
        try (Sampler sampler = new Sampler(stack, true)) {
            long start = System.nanoTime();
            result = stack.call(Stack.request(Stack.REGISTER.url() + "/api/v1/imports/mis?school=" + SCHOOL,
                    stack.misToken()).header("Content-Type", "text/csv; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
            seconds = (System.nanoTime() - start) / 1e9;
            report.row(section, "peak heap in use (sampled every 250 ms; -Xmx256m)",
                    Report.mb(sampler.peakRegisterHeap()));
        }
        if (result.path("created").asInt() != rows || result.path("invalid").asInt() != 0) {
            throw new IllegalStateException("The import did not create every row: " + result);
        }
        double copySeconds = copy(file);
        double rate = rows / seconds;
        double copyRate = rows / copySeconds;
        report.row(section, String.format("%,d-row MIS CSV, first import (every pupil created, events written)", rows),
                String.format("%.1f s = %,.0f rows/s", seconds, rate), String.format("COPY %.2f s = %,.0f rows/s",
                        copySeconds, copyRate), Report.ratio(rate, copyRate),
                "≤ 15 s: " + Report.verdict(seconds <= 15));
        report.row(section, "peak RSS of register-service (VmHWM)", Report.mb(Stack.rss(registerPid, true)));

        long start = System.nanoTime();
        JsonNode again = stack.call(Stack.request(Stack.REGISTER.url() + "/api/v1/imports/mis?school=" + SCHOOL,
                stack.misToken()).header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        double rerun = (System.nanoTime() - start) / 1e9;
        report.row(section, "the same file again (nothing changes)",
                String.format("%.1f s, %d unchanged", rerun, again.path("unchanged").asInt()));
    }

    /** COPY of the same file into a table with the CSV's columns, typed, and a primary key on the UPN. */
    private double copy(Path file) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(DB_URL, "register", "register");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_mis_copy");
            s.execute("""
                    CREATE TABLE bench_mis_copy (upn char(13) PRIMARY KEY, surname varchar(100) NOT NULL,
                      forename varchar(100) NOT NULL, dob date NOT NULL, sex char(1) NOT NULL, nc_year varchar(3) NOT NULL,
                      school_urn varchar(6), sen_provision char(1) NOT NULL, sen_start_date date, primary_need varchar(4),
                      secondary_need varchar(4), issuing_la char(3), plan_issue_date date)""");
            long start = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_mis_copy FROM STDIN WITH (FORMAT csv, HEADER true)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            s.execute("DROP TABLE bench_mis_copy");
            return seconds;
        }
    }

    /**
     * The register list at 20 connections: wrk against the service, pgbench with the list's SQL against PostgreSQL,
     * over a school of {@code pupils} (the pipeline's school, larger than any real one); then wrk alone over the
     * 50,000 pupils of the import, as one school, to show how the list scales.
     */
    void reads(int seconds, String school, int pupils) throws Exception {
        String section = "register reads";
        long registerPid = stack.running().get(Stack.REGISTER.name()).pid();
        long rssUnderLoad;
        Wrk wrk;
        try (Sampler sampler = new Sampler(stack, false)) {
            wrk = wrk(school, seconds);
            rssUnderLoad = sampler.peakRss(Stack.REGISTER);
        }
        Path sql = work.resolve("register-list.sql");
        try (var in = RegisterBench.class.getResourceAsStream("/pgbench/register-list.sql")) {
            Files.write(sql, in.readAllBytes());
        }
        String pgOut = run(List.of("pgbench", "-n", "-h", "127.0.0.1", "-U", "register", "-c", "20", "-j", "2", "-M",
                "prepared", "-T", Integer.toString(seconds), "-D", "school=" + school, "-l",
                "--log-prefix=" + work.resolve("pgbench"), "-f", sql.toString(), "register_bench"),
                Map.of("PGPASSWORD", "register"));
        double tps = number(pgOut, "tps = ([\\d.]+)");
        List<Double> latencies = new ArrayList<>();
        try (var logs = Files.list(work)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("pgbench.")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    latencies.add(Long.parseLong(line.split(" ")[2]) / 1000.0);
                }
                Files.delete(log);
            }
        }
        Stats pg = Stats.of(latencies);
        report.row(section, String.format("paged register list of a %,d-pupil school, 20 connections, %d s (wrk; "
                + "trust admin's token; the page of 20 after a random pupil, by cursor)", pupils, seconds),
                String.format("%,.0f req/s", wrk.rps),
                String.format("pgbench %,.0f tx/s", tps), Report.ratio(wrk.rps, tps),
                "≥ 0.5 of pgbench: " + Report.verdict(wrk.rps >= 0.5 * tps));
        report.row(section, "latency p50 / p99", Report.ms(wrk.p50) + " / " + Report.ms(wrk.p99) + " ms",
                Report.ms(pg.p50()) + " / " + Report.ms(pg.p99()) + " ms", Report.ratio(wrk.p99, pg.p99()) + " (p99)",
                "p99 < 50 ms: " + Report.verdict(wrk.p99 < 50));
        report.row(section, "answers other than 2xx; socket errors", wrk.errors, "", "",
                wrk.errors.equals("0; none") ? "none" : "**some**");
        report.row(section, "register-service RSS under this load (peak sampled)", Report.mb(rssUnderLoad));
        report.row(section, "warm-up before the list was measured: rounds of 20 s under the same load, until one was "
                + "no more than 5% faster than the best before it", wrk.warmUp().stream()
                        .map(r -> String.format("%,.0f", r)).collect(Collectors.joining(", "))
                        + " req/s");

        Wrk large = wrk(SCHOOL, seconds);
        report.row(section, "the same list over the import's 50,000 pupils as one school (wrk only)",
                String.format("%,.0f req/s, p50 %s / p99 %s ms", large.rps, Report.ms(large.p50), Report.ms(large.p99)),
                "", "", large.errors.equals("0; none") ? "" : "errors: " + large.errors);
        report.row(section, "register-service peak RSS since start (VmHWM)", Report.mb(Stack.rss(registerPid, true)));
    }

    private record Wrk(double rps, double p50, double p99, String errors, List<Double> warmUp) {
    }

    /** The most warm-up rounds of 20 s before the list is measured. */
    static final int WARM_UP_ROUNDS = 12;

    /**
     * Each request asks for the page after a random pupil of the school, by the cursor the list gave for it (as a
     * client walking the register does; every page costs the same, the last as the first). The figure is the
     * service's steady state: first rounds of 20 s under the same load until a round is no more than 5% faster than
     * the best before it (at most {@link #WARM_UP_ROUNDS}), then a wait until the JIT compiler has nothing queued.
     * On two cores that the load keeps busy, the compiler's single C2 thread gets a small share of them: the list
     * went on getting faster for two minutes and more (325, 445, 532, 665, 722, 823 and 709 req/s in the rounds of
     * one run), and the fixed 30 s warm-up of earlier runs measured it part way.
     */
    private Wrk wrk(String school, int seconds) throws Exception {
        String token = stack.userToken("trust.admin");
        List<String> cursors = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = stack.call(Stack.request(Stack.REGISTER.url() + "/api/v1/pupils?size=20&school=" + school
                    + (next == null ? "" : "&after=" + next), token).GET().build());
            next = page.path("next").isTextual() ? page.get("next").asText() : null;
            if (next != null) {
                cursors.add(next);
            }
        } while (next != null);
        Path script = work.resolve("register-list-" + school + ".lua");
        Files.writeString(script, """
                cursors = {"%s"}
                wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
                request = function()
                  return wrk.format("GET", "/api/v1/pupils?school=%s&size=20&after=" .. cursors[math.random(1, #cursors)])
                end
                """.formatted(String.join("\",\"", cursors), school));
        List<Double> warmUp = new ArrayList<>();
        double best = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            double rate = rate(run(List.of("wrk", "-t2", "-c20", "-d20s", "-s", script.toString(),
                    Stack.REGISTER.url()), Map.of("BENCH_TOKEN", token)));
            warmUp.add(rate);
            System.out.printf("[bench] register list warm-up round %d: %.0f req/s%n", round + 1, rate);
            if (round > 0 && rate <= 1.05 * best) {
                break;
            }
            best = Math.max(best, rate);
        }
        awaitJitCaughtUp(stack.running().get(Stack.REGISTER.name()).pid());
        String out = run(List.of("wrk", "-t2", "-c20", "-d" + seconds + "s", "--latency", "-s", script.toString(),
                Stack.REGISTER.url()), Map.of("BENCH_TOKEN", token));
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
        int non2xx = errors.find() ? Integer.parseInt(errors.group(1)) : 0;
        Matcher socket = Pattern.compile("Socket errors: (.*)").matcher(out);
        String socketErrors = socket.find() ? socket.group(1).trim() : "none";
        double rps = rate(out);
        return new Wrk(rps, rps == 0 ? Double.NaN : wrkMs(out, "50%"), rps == 0 ? Double.NaN : wrkMs(out, "99%"),
                non2xx + "; " + socketErrors, warmUp);
    }

    /** Waits (at most 90 s) until the service's JIT compiler has nothing queued or running, twice 2 s apart. */
    static void awaitJitCaughtUp(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        // "C2 CompilerThread0  28971 ... method" (running) or "17267       4       method" (queued)
        Pattern task = Pattern.compile("(?m)^(C\\d \\S+\\s+\\d+|\\s*\\d+\\s)");
        long deadline = System.nanoTime() + 90_000_000_000L;
        int idle = 0;
        while (idle < 2 && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            idle = task.matcher(run(List.of(jcmd, Long.toString(pid), "Compiler.queue"), Map.of())).find() ? 0 : idle + 1;
        }
    }

    static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("No " + regex + " in:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    /** wrk's requests per second. */
    private static double rate(String wrkOutput) {
        return number(wrkOutput, "Requests/sec:\\s+([\\d.]+)");
    }

    /** wrk's latency distribution line, e.g. "     99%   12.34ms", in milliseconds. */
    private static double wrkMs(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)\\b").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("No " + percentile + " latency in:\n" + text);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
