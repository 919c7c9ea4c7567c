package uk.sen.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The benchmark run (deploy/bench.sh runs it): every figure of the services measured side by side in one run, each
 * next to the ceiling the machine sets for it, because the machine is shared and noisy and only ratios compare
 * between runs. Writes the results table to the file given as the second argument.
 *
 * <p>
 * Settings (environment): BENCH_IMPORT_ROWS (50000), BENCH_READ_SECONDS (30), BENCH_PIPELINE_SECONDS (60),
 * BENCH_PIPELINE_WARM_UP_RATE (0: none; else a warm-up phase at that rate before the pipeline's measured phases:
 * measured on 2026-12-07, it leaves the verdicts as they are, docs/benchmarks/2026-12-07-pipeline-warm-up.md),
 * BENCH_JAVA_OPTS (the services' JVM options; deploy/bench.sh gives those of deploy/services.sh); BENCH_ONLY=notification
 * measures notification-service alone, in about 8 minutes (register-service and notification-service only).
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path out = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(work);
        int importRows = Integer.parseInt(Stack.env("BENCH_IMPORT_ROWS", "50000"));
        int readSeconds = Integer.parseInt(Stack.env("BENCH_READ_SECONDS", "30"));
        int pipelineSeconds = Integer.parseInt(Stack.env("BENCH_PIPELINE_SECONDS", "60"));
        int warmUpRate = Integer.parseInt(Stack.env("BENCH_PIPELINE_WARM_UP_RATE", "0"));
        // deploy/bench.sh gives the services' options (SERVICE_JAVA_OPTS_DEFAULT in deploy/lib/common.sh, as services.sh)
        String javaOpts = System.getenv("BENCH_JAVA_OPTS");
        if (javaOpts == null || javaOpts.isBlank()) {
            throw new IllegalStateException("BENCH_JAVA_OPTS is not set: run the benchmark through deploy/bench.sh");
        }

        Report report = new Report();
        header(report, root, javaOpts);
        String only = Stack.env("BENCH_ONLY", "");
        if (!only.isEmpty()) {
            switch (only) {
                case "notification" -> notificationOnly(root, work, javaOpts, pipelineSeconds, report);
                case "pipeline" -> pipelineOnly(root, work, javaOpts, pipelineSeconds, warmUpRate, report);
                case "startup" -> startupOnly(root, work, javaOpts, report);
                case "reads" -> readsOnly(root, work, javaOpts, readSeconds, pipelineSeconds, report);
                default -> throw new IllegalArgumentException("BENCH_ONLY is one of notification, pipeline, startup, "
                        + "reads; not " + only);
            }
            report.write(out);
            System.out.println("[bench] results written to " + out);
            return;
        }
        mavenBenchmarks(report, work);
        freshTopics(root);

        try (Stack stack = new Stack(root, work, javaOpts)) {
            startAll(stack, report);

            // the event pipeline first, with all four services; then notification-service alone; then the register
            // alone (the consumers stopped, so the import's own events wait in Kafka and never disturb the reads)
            PipelineBench pipeline = new PipelineBench(stack, report, work);
            pipeline.bothRates(pipelineSeconds, warmUpRate);
            for (Stack.Service s : List.of(Stack.REVIEW, Stack.WORKLOAD)) {
                peakRss(report, stack.running().get(s.name()));
                stack.stop(s);
            }
            pipeline.notificationAlone(100, pipelineSeconds);
            peakRss(report, stack.running().get(Stack.NOTIFICATION.name()));
            stack.stop(Stack.NOTIFICATION);
            pipeline.clearMailboxes();

            RegisterBench register = new RegisterBench(stack, report, work);
            register.importAndCopy(importRows);
            register.reads(readSeconds, PipelineBench.SCHOOL, 150 * pipelineSeconds);
            peakRss(report, stack.running().get(Stack.REGISTER.name()));
        }
        report.write(out);
        System.out.println("[bench] results written to " + out);
    }

    /** The four services started one by one, each timed to ready; their idle RSS 10 s after the last. */
    private static void startAll(Stack stack, Report report) throws Exception {
        for (Stack.Service s : Stack.ALL) {
            stack.train(s);
        }
        for (Stack.Service s : Stack.ALL) {
            Stack.Running r = stack.start(s);
            System.out.printf("[bench] %s ready in %d ms (pid %d)%n", s.name(), r.readyMs(), r.pid());
        }
        Thread.sleep(10_000);
        for (Stack.Running r : stack.running().values()) {
            report.row("startup and memory", r.service().name() + ": process start → ready (fresh database)",
                    r.readyMs() + " ms", "", "", Report.verdict(r.readyMs() <= 2500) + " (≤ 2.5 s)");
            long rss = Stack.rss(r.pid(), false);
            report.row("startup and memory", r.service().name() + ": RSS idle, 10 s after ready", Report.mb(rss), "",
                    "", Report.verdict(rss <= 300L * 1024 * 1024) + " (≤ 300 MB)");
        }
    }

    /** BENCH_ONLY=startup: the four services' startup and idle memory alone, in about a minute. */
    private static void startupOnly(Path root, Path work, String javaOpts, Report report) throws Exception {
        freshTopics(root);
        try (Stack stack = new Stack(root, work, javaOpts)) {
            startAll(stack, report);
        }
    }

    /** BENCH_ONLY=pipeline: the four services and the event pipeline at 50 and 100 changes a second. */
    private static void pipelineOnly(Path root, Path work, String javaOpts, int seconds, int warmUpRate,
            Report report) throws Exception {
        freshTopics(root);
        try (Stack stack = new Stack(root, work, javaOpts)) {
            startAll(stack, report);
            PipelineBench pipeline = new PipelineBench(stack, report, work);
            pipeline.bothRates(seconds, warmUpRate);
            pipeline.clearMailboxes();
        }
    }

    /** BENCH_ONLY=reads: register-service alone, the MIS import against COPY and the list against pgbench. */
    private static void readsOnly(Path root, Path work, String javaOpts, int readSeconds, int pipelineSeconds,
            Report report) throws Exception {
        freshTopics(root);
        try (Stack stack = new Stack(root, work, javaOpts)) {
            stack.start(Stack.REGISTER);
            new PipelineBench(stack, report, work).registerOnly(150 * pipelineSeconds);
            RegisterBench register = new RegisterBench(stack, report, work);
            register.importAndCopy(Integer.parseInt(Stack.env("BENCH_IMPORT_ROWS", "50000")));
            register.reads(readSeconds, PipelineBench.SCHOOL, 150 * pipelineSeconds);
            peakRss(report, stack.running().get(Stack.REGISTER.name()));
        }
    }

    /**
     * notification-service alone, without the pipeline phases: register-service gives it its pupils and the events
     * to replay, then stops; the service is warmed by the first pass of emails and its JIT has caught up.
     */
    private static void notificationOnly(Path root, Path work, String javaOpts, int seconds, Report report)
            throws Exception {
        freshTopics(root);
        try (Stack stack = new Stack(root, work, javaOpts)) {
            for (Stack.Service s : List.of(Stack.REGISTER, Stack.NOTIFICATION)) {
                Stack.Running r = stack.start(s);
                System.out.printf("[bench] %s ready in %d ms (pid %d)%n", s.name(), r.readyMs(), r.pid());
            }
            PipelineBench pipeline = new PipelineBench(stack, report, work);
            pipeline.prepare(0, 100 * seconds);
            pipeline.startSupportUntimed(100 * seconds);
            stack.stop(Stack.REGISTER);
            RegisterBench.awaitJitCaughtUp(stack.running().get(Stack.NOTIFICATION.name()).pid());
            pipeline.notificationAlone(100, seconds);
            peakRss(report, stack.running().get(Stack.NOTIFICATION.name()));
            pipeline.clearMailboxes();
        }
    }

    private static void peakRss(Report report, Stack.Running r) {
        report.row("startup and memory", r.service().name() + ": peak RSS over its run (VmHWM)",
                Report.mb(Stack.rss(r.pid(), true)));
    }

    private static void header(Report report, Path root, String javaOpts) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D+", "");
        String commit = RegisterBench.run(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"), Map.of())
                .trim();
        boolean dirty = !RegisterBench.run(List.of("git", "-C", root.toString(), "status", "--porcelain",
                "--untracked-files=no"), Map.of()).isBlank();
        double[] load = loadAverage();
        report.header(String.format("- date: %s", ZonedDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm z"))));
        report.header("- commit: " + commit + (dirty ? " (with uncommitted changes)" : ""));
        report.header(String.format("- machine: %d cores (%s), %,d MiB memory, load average %.2f at the start",
                Runtime.getRuntime().availableProcessors(), cpu, Long.parseLong(memory) / 1024, load[0]));
        report.header("- services run on Java " + Stack.SERVICE_JAVA_MAJOR + " (`" + Stack.SERVICE_JAVA + "`) as `java "
                + javaOpts + (Stack.SERVICE_JAVA_MAJOR >= 25 ? " -XX:+UseCompactObjectHeaders" : "")
                + (Stack.AOT ? " -XX:AOTCache=<service>.aot" : "") + " -jar quarkus-run.jar`, on their own fresh "
                + "databases (`<service>_bench`) and topics (`bench.sen.*`)" + (Stack.AOT ? "; each AOT cache from a "
                + "training start of its own (on `<service>_aot`) just before" : ""));
        report.header("- PostgreSQL, Kafka, Keycloak and GreenMail as `deploy/infra.sh` runs them, on the same machine");
        report.header("- ratio = measured ÷ ceiling (for latencies, measured ÷ ceiling too: lower is better there)");
    }

    private static double[] loadAverage() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]) };
    }

    /**
     * The deadline scan and the trust report run as @QuarkusTest benchmarks (they seed 200,000 reviews and 50,000
     * entries straight into their test databases); deploy/bench.sh runs them first and leaves their tables here.
     */
    private static void mavenBenchmarks(Report report, Path work) throws Exception {
        for (String[] b : new String[][] { { "deadline-scan.txt", "deadline scan (review-service)" },
                { "trust-report.txt", "trust workload report (workload-service)" } }) {
            Path file = work.resolve(b[0]);
            if (!Files.exists(file)) {
                report.row(b[1], "not run", "see deploy/bench.sh");
                continue;
            }
            List<String> table = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("| ") && !l.startsWith("|---")).toList();
            if (table.isEmpty()) {
                report.row(b[1], "no table printed", "see " + file);
                continue;
            }
            List<String> head = cells(table.get(0));
            for (String line : table.subList(1, table.size())) {
                List<String> cells = cells(line);
                List<String> values = new ArrayList<>();
                for (int i = 1; i < cells.size(); i++) {
                    values.add(head.size() > 2 ? head.get(i) + " " + cells.get(i) : cells.get(i));
                }
                report.row(b[1], cells.get(0), String.join(", ", values), "", "", "");
            }
        }
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
            cells.add(c.trim());
        }
        return cells;
    }

    /** The services' topics with the bench prefix, deleted and created again so each run starts empty. */
    private static void freshTopics(Path root) throws Exception {
        Map<String, Integer> topics = Files.readAllLines(root.resolve("deploy/kafka/topics.txt")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+"))
                .collect(Collectors.toMap(p -> Stack.TOPIC_PREFIX + p[0], p -> Integer.parseInt(p[1])));
        Properties p = new Properties();
        p.put("bootstrap.servers", PipelineBench.BOOTSTRAP);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(Stack.TOPIC_PREFIX)).collect(Collectors.toSet());
            if (!existing.isEmpty()) {
                admin.deleteTopics(existing).all().get();
            }
            for (int attempt = 0; !java.util.Collections.disjoint(admin.listTopics().names().get(), existing); attempt++) {
                if (attempt > 100) {
                    throw new IllegalStateException("Kafka has not deleted the previous run's topics " + existing);
                }
                Thread.sleep(200);
            }
            admin.createTopics(topics.entrySet().stream().map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .toList()).all().get();
        }
    }
}
