package uk.sen.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four services as the benchmark runs them: the built jars, each on its own port (18081 to 18084), fresh database
 * ({@code <service>_bench}), topics ({@code bench.sen.*}) and consumer group ({@code bench-<service>}), so a run never
 * mixes with the demo stack and every run starts from the same empty state. Also the HTTP side: tokens from Keycloak and calls with them.
 */
final class Stack implements AutoCloseable {

    /** The key the services of one run sign contribution links with (SEN_LINK_KEY): made for the run. */
    private static final String LINK_KEY = linkKey();

    private static String linkKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEYCLOAK = env("OIDC_URL", "http://127.0.0.1:8180/realms/sen");
    static final String TOPIC_PREFIX = "bench.";

    record Service(String name, int port, Map<String, String> env) {
        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** Health and metrics: the management interface, 1,000 above the API port. */
        int managementPort() {
            return port + 1000;
        }

        String managementUrl() {
            return "http://127.0.0.1:" + managementPort();
        }
    }

    /** A started service: its process, and how long it took from the process start to its first ready answer. */
    record Running(Service service, Process process, long readyMs) {
        long pid() {
            return process.pid();
        }
    }

    static final Service REGISTER = new Service("register-service", 18081, Map.of(
            "SEN_TOPICS_REGISTER", "bench.sen.register.v1"));
    static final Service REVIEW = new Service("review-service", 18082, Map.of(
            "SEN_TOPICS_REVIEW", "bench.sen.review.v1",
            "MP_MESSAGING_INCOMING_REGISTER_EVENTS_TOPIC", "bench.sen.register.v1",
            "MP_MESSAGING_INCOMING_REGISTER_EVENTS_DEAD_LETTER_QUEUE_TOPIC", "bench.sen.register.v1.dlq.review-service"));
    static final Service NOTIFICATION = new Service("notification-service", 18083, Map.of(
            "SEN_TOPICS_NOTIFICATION", "bench.sen.notification.v1",
            "MP_MESSAGING_INCOMING_REGISTER_EVENTS_TOPIC", "bench.sen.register.v1",
            "MP_MESSAGING_INCOMING_REGISTER_EVENTS_DEAD_LETTER_QUEUE_TOPIC",
            "bench.sen.register.v1.dlq.notification-service",
            "MP_MESSAGING_INCOMING_REVIEW_EVENTS_TOPIC", "bench.sen.review.v1",
            "MP_MESSAGING_INCOMING_REVIEW_EVENTS_DEAD_LETTER_QUEUE_TOPIC", "bench.sen.review.v1.dlq.notification-service",
            "MP_MESSAGING_INCOMING_WORKLOAD_EVENTS_TOPIC", "bench.sen.workload.v1",
            "MP_MESSAGING_INCOMING_WORKLOAD_EVENTS_DEAD_LETTER_QUEUE_TOPIC",
            "bench.sen.workload.v1.dlq.notification-service"));
    static final Service WORKLOAD = new Service("workload-service", 18084, Map.of(
            "SEN_TOPICS_WORKLOAD", "bench.sen.workload.v1",
            "WORKLOAD_TOPIC", "bench.sen.workload.v1",
            "MP_MESSAGING_INCOMING_REVIEW_EVENTS_TOPIC", "bench.sen.review.v1",
            "MP_MESSAGING_INCOMING_REVIEW_EVENTS_DEAD_LETTER_QUEUE_TOPIC", "bench.sen.review.v1.dlq.workload-service",
            "MP_MESSAGING_INCOMING_REGISTER_EVENTS_TOPIC", "bench.sen.register.v1",
            "MP_MESSAGING_INCOMING_REGISTER_EVENTS_DEAD_LETTER_QUEUE_TOPIC",
            "bench.sen.register.v1.dlq.workload-service"));
    static final List<Service> ALL = List.of(REGISTER, REVIEW, NOTIFICATION, WORKLOAD);

    // HTTP/1.1 with a connection per concurrent request, as separate apps and MIS clients would call (not one h2c connection)
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path root;
    private final Path logs;
    private final String javaOpts;
    private final Map<String, Running> running = new LinkedHashMap<>();

    Stack(Path root, Path logs, String javaOpts) {
        this.root = root;
        this.logs = logs;
        this.javaOpts = javaOpts;
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    /** The JVM that runs the services (deploy/bench.sh picks it as services.sh does: a JDK 25 when there is one). */
    static final String SERVICE_JAVA = env("BENCH_SERVICE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java")
            .toString());
    /** Its feature release; from 25 the services run with compact object headers and an AOT cache (see {@link #train}). */
    static final int SERVICE_JAVA_MAJOR = Integer.parseInt(env("BENCH_SERVICE_JAVA_MAJOR",
            Integer.toString(Runtime.version().feature())));
    static final boolean AOT = SERVICE_JAVA_MAJOR >= 25 && !env("BENCH_AOT", "1").equals("0");

    private final Map<String, Path> aotCaches = new LinkedHashMap<>();

    /** Starts one service and waits for its readiness check (database and Kafka) to answer 200. */
    Running start(Service s) throws IOException, InterruptedException {
        Path cache = aotCaches.get(s.name());
        return start(s, "_bench", cache == null ? List.of() : List.of("-XX:AOTCache=" + cache));
    }

    /**
     * The AOT cache's training run (JDK 25 and newer): the service started on a database of its own
     * ({@code <service>_aot}), until ready, then stopped; the JVM writes the cache as it exits, and later starts of
     * {@link #start} load it. Not timed.
     */
    void train(Service s) throws IOException, InterruptedException {
        if (!AOT) {
            return;
        }
        Path cache = logs.resolve(s.name() + ".aot");
        Files.deleteIfExists(cache);
        start(s, "_aot", List.of("-XX:AOTCacheOutput=" + cache));
        stop(s);
        if (!Files.exists(cache)) {
            throw new IllegalStateException("No AOT cache was written for " + s.name() + "; see its log");
        }
        aotCaches.put(s.name(), cache);
    }

    private Running start(Service s, String dbSuffix, List<String> extraOpts) throws IOException, InterruptedException {
        Path jar = root.resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(SERVICE_JAVA);
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        if (SERVICE_JAVA_MAJOR >= 25) {
            command.add("-XX:+UseCompactObjectHeaders");
        }
        command.addAll(extraOpts);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("bench-" + s.name() + dbSuffix + ".log").toFile());
        String db = s.name().replace("-service", "");
        pb.environment().put("DB_URL", "jdbc:postgresql://127.0.0.1:5432/" + db + dbSuffix);
        pb.environment().put("DB_USER", db);
        pb.environment().put("DB_PASSWORD", db);
        pb.environment().put("HTTP_PORT", Integer.toString(s.port()));
        pb.environment().put("MANAGEMENT_PORT", Integer.toString(s.managementPort()));
        pb.environment().put("KAFKA_GROUP_ID", group(s));
        pb.environment().put("SEN_LINK_KEY", LINK_KEY);
        pb.environment().putAll(s.env());
        long start = System.nanoTime();
        Process process = pb.start();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(s.name() + " exited with " + process.exitValue() + "; see "
                        + logs.resolve("bench-" + s.name() + dbSuffix + ".log"));
            }
            if (ready(s)) {
                break;
            }
            if (System.nanoTime() - start > Duration.ofSeconds(180).toNanos()) {
                process.destroy();
                throw new IllegalStateException(s.name() + " not ready after 180 s");
            }
            Thread.sleep(20);
        }
        Running r = new Running(s, process, (System.nanoTime() - start) / 1_000_000);
        running.put(s.name(), r);
        return r;
    }

    private boolean ready(Service s) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(s.managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The consumer group of the bench instance (never the demo stack's). */
    static String group(Service s) {
        return "bench-" + s.name();
    }

    Map<String, Running> running() {
        return running;
    }

    /** Resident set size now, or its peak ({@code VmHWM}), of a process, from /proc. */
    static long rss(long pid, boolean peak) {
        try {
            String key = peak ? "VmHWM:" : "VmRSS:";
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has gone: no figure
        }
        return -1;
    }

    /** CPU time the process has used so far, user and system, in milliseconds (-1 when it has gone). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The whole machine's CPU time so far, busy and idle, in clock ticks: {busy, total}. */
    static long[] machineCpu() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] { total - idle, total };
        } catch (IOException | NumberFormatException e) {
            return new long[] { 0, 0 };
        }
    }

    /**
     * CPU time used so far, in milliseconds, by each process of the run: the services by name, the infrastructure
     * by what it is (every PostgreSQL backend together, the Kafka broker, Keycloak, GreenMail), and this load
     * generator itself. Differences of two snapshots say what one phase cost whom.
     */
    Map<String, Long> cpuByProcess() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (Running r : running.values()) {
            cpu.put(r.service().name(), cpuMillis(r.pid()));
        }
        Set<Long> services = new java.util.HashSet<>();
        running.values().forEach(r -> services.add(r.pid()));
        long self = ProcessHandle.current().pid();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || services.contains(Long.parseLong(name))) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String what = pid == self ? "load generator (this program)" : infraPiece(dir);
                if (what != null) {
                    long ms = cpuMillis(pid);
                    if (ms >= 0) {
                        cpu.merge(what, ms, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            // /proc unreadable: the services' figures only
        }
        return cpu;
    }

    private static String infraPiece(Path proc) {
        try {
            String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            if (Files.readString(proc.resolve("comm")).trim().startsWith("postgres")) {
                return "PostgreSQL";
            }
            if (cmd.contains("kafka.Kafka")) {
                return "Kafka";
            }
            if (cmd.contains("keycloak")) {
                return "Keycloak";
            }
            if (cmd.contains("greenmail")) {
                return "GreenMail";
            }
        } catch (IOException e) {
            // gone meanwhile
        }
        return null;
    }

    /** Linux's USER_HZ, 100 on every common kernel. */
    private static final long CLOCK_TICKS = 100;

    /** Heap in use now, summed over the pools, from the service's Prometheus metrics. */
    long heapUsed(Service s) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(s.managementUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** Stops one service (SIGTERM, as a platform would) and forgets it. */
    synchronized void stop(Service s) throws InterruptedException {
        Running r = running.remove(s.name());
        if (r != null) {
            r.process().destroy();
            // a training run writes its AOT cache as it exits, which takes longer than a plain stop
            if (!r.process().waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                r.process().destroyForcibly();
            }
        }
    }

    @Override
    public synchronized void close() {
        for (Running r : running.values()) {
            r.process().destroy();
        }
        for (Running r : running.values()) {
            try {
                if (!r.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    r.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                r.process().destroyForcibly();
            }
        }
        running.clear();
    }

    // --- HTTP with tokens ---

    String userToken(String user) throws IOException, InterruptedException {
        return token("grant_type=password&client_id=sen-cli&username=" + user + "&password=demo");
    }

    String misToken() throws IOException, InterruptedException {
        return token("grant_type=client_credentials&client_id=sen-mis&client_secret="
                + URLEncoder.encode("sen-mis-secret", StandardCharsets.UTF_8));
    }

    private String token(String form) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new IllegalStateException("No token from " + KEYCLOAK + ": " + r.body());
        }
        return body.get("access_token").asText();
    }

    static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token);
    }

    /** Sends and insists on a 2xx answer; the body as JSON (null when empty). */
    JsonNode call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                    + ": " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    static HttpRequest.BodyPublisher json(Object body) throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
