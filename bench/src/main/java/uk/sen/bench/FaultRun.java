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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fault run (deploy/faults.sh runs it): a stream of SENCO journeys through the public APIs of the running stack
 * (deploy/services.sh, any number of replicas) while replicas are killed and stopped, a Kafka broker goes away and
 * PostgreSQL restarts; then, once the pipeline has drained, everything is counted end to end, so a lost or doubled
 * effect shows as a number and not as a hunch. Writes the table to the file given as the second argument and exits 1
 * when anything was lost or duplicated, 2 when nothing was but something else failed (a journey the API refused, a
 * replica unhealthy at the end, a replica slower than 10 s to exit on SIGTERM, a fault command that failed, a dead
 * letter received during the run), 3 when the run could not go on at all.
 *
 * <p>
 * Each journey, for one pupil at Northbridge Academy (900103) as its SENCO: register the pupil (Idempotency-Key), open
 * SEN support (K, If-Match), add a parent contact with an email of this pupil and run once notification-service knows
 * the pupil (from the register's pupil-registered event, which K sends: a pupil without SEN is not published;
 * Idempotency-Key), open an EHC plan (E) issued 11 months ago (If-Match), wait for the annual review review-service
 * opens from the register's event, set its meeting a few weeks ahead with the parent invited (If-Match), which makes
 * notification-service email the parent. Requests go to the replicas in turn; one that
 * fails because its replica is down (no connection, reset, 5xx) goes again to the next replica, with the same
 * Idempotency-Key, and a 412 on an If-Match write is settled by reading the resource again (the first attempt may have
 * been applied before its answer was lost).
 *
 * <p>
 * Settings (environment): FAULTS_PUPILS (300), FAULTS_MINUTES (10: the stream's length; the pupils start at an even
 * rate over it), SEN_REPLICAS (1), SEN_KAFKA_BROKERS (1), FAULTS_SKIP (comma list of kill9, sigterm, kafka, postgres
 * or a service name), FAULTS_EVERY_REPLICA (0: each service gets a kill -9 on one replica and a SIGTERM on the other;
 * 1: both on every replica), FAULTS_WARMUP_SECONDS (20), FAULTS_GAP_SECONDS (10), FAULTS_KAFKA_NODE (2),
 * FAULTS_KAFKA_DOWN_SECONDS (30), FAULTS_RETRY_SECONDS (240: how long one request is retried over the replicas),
 * FAULTS_WAIT_SECONDS (600: how long a journey waits for an event's effect), FAULTS_DRAIN_SECONDS (600),
 * FAULTS_SETTLE_SECONDS (60: the drain ends when the counts have not changed for this long).
 */
public final class FaultRun {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String SCHOOL = "900103";
    static final String SENCO = "senco.academy";
    static final String ADMIN = "trust.admin";
    static final String KEYCLOAK = Stack.env("OIDC_URL", "http://127.0.0.1:8180/realms/sen");
    static final String MAILBOX = Stack.env("GREENMAIL_API", "http://127.0.0.1:8025");
    static final String INVITATION = "Invitation: annual review meeting";
    static final long SIGTERM_LIMIT_MS = 10_000;

    /** A service and the ports of its first replica; replica r adds 100 * (r - 1), as deploy/services.sh does. */
    enum Service {
        REGISTER("register-service", 8081, 9181), REVIEW("review-service", 8082, 9182),
        NOTIFICATION("notification-service", 8083, 9183), WORKLOAD("workload-service", 8084, 9184);

        final String name;
        final int port;
        final int managementPort;

        Service(String name, int port, int managementPort) {
            this.name = name;
            this.port = port;
            this.managementPort = managementPort;
        }

        String url(int replica) {
            return "http://127.0.0.1:" + (port + 100 * (replica - 1));
        }

        String healthUrl(int replica) {
            return "http://127.0.0.1:" + (managementPort + 100 * (replica - 1)) + "/q/health/ready";
        }

        /** The name deploy/services.sh gives the replica (its pid file and log are named after it). */
        String instance(int replica) {
            return replica == 1 ? name : name + "-" + replica;
        }
    }

    // ------------------------------------------------------------------ settings

    final Path root;
    final Path out;
    final Path state;
    final Path logs;
    final int pupils = Integer.parseInt(Stack.env("FAULTS_PUPILS", "300"));
    final double minutes = Double.parseDouble(Stack.env("FAULTS_MINUTES", "10"));
    final int replicas = Integer.parseInt(Stack.env("SEN_REPLICAS", "1"));
    final int brokers = Integer.parseInt(Stack.env("SEN_KAFKA_BROKERS", "1"));
    final Set<String> skip = Arrays.stream(Stack.env("FAULTS_SKIP", "").split("[,\\s]+"))
            .map(s -> s.trim().toLowerCase(Locale.ROOT).replace("-", "")).filter(s -> !s.isEmpty())
            .map(s -> switch (s) {
                case "kill", "sigkill" -> "kill9";
                case "term" -> "sigterm";
                case "postgresql", "pg" -> "postgres";
                case "registerservice", "reviewservice", "notificationservice", "workloadservice" ->
                        s.replace("service", "-service");
                default -> s;
            }).collect(Collectors.toCollection(HashSet::new));
    final boolean everyReplica = Stack.env("FAULTS_EVERY_REPLICA", "0").equals("1");
    final int warmupSeconds = Integer.parseInt(Stack.env("FAULTS_WARMUP_SECONDS", "20"));
    final int gapSeconds = Integer.parseInt(Stack.env("FAULTS_GAP_SECONDS", "10"));
    final int kafkaNode = Integer.parseInt(Stack.env("FAULTS_KAFKA_NODE", "2"));
    final int kafkaDownSeconds = Integer.parseInt(Stack.env("FAULTS_KAFKA_DOWN_SECONDS", "30"));
    final int retrySeconds = Integer.parseInt(Stack.env("FAULTS_RETRY_SECONDS", "240"));
    final int waitSeconds = Integer.parseInt(Stack.env("FAULTS_WAIT_SECONDS", "600"));
    final int drainSeconds = Integer.parseInt(Stack.env("FAULTS_DRAIN_SECONDS", "600"));
    final int settleSeconds = Integer.parseInt(Stack.env("FAULTS_SETTLE_SECONDS", "60"));

    /** This run's tag: in every Idempotency-Key, parent email and the pupils' surname, so runs never mix. */
    final String run = Long.toString(System.currentTimeMillis() / 1000, 36);
    final String surname = "Faultrun" + letters(System.currentTimeMillis() / 1000);
    final LocalDate today = LocalDate.now(LONDON);
    final Instant started = Instant.now();

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    final Tokens tokens = new Tokens();
    final List<Journey> journeys = new ArrayList<>();
    final List<FaultResult> faults = Collections.synchronizedList(new ArrayList<>());
    final Map<Service, AtomicInteger> nextReplica = new ConcurrentHashMap<>();
    volatile Instant lastJourneyStarted;
    volatile Instant lastJourneyEnded;

    // what the client saw
    final AtomicLong requests = new AtomicLong();
    final AtomicLong failovers = new AtomicLong();
    final AtomicLong connectionFailures = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong preconditionRereads = new AtomicLong();
    final AtomicLong appliedSeenOnReread = new AtomicLong();
    final AtomicLong upnTaken = new AtomicLong();
    final AtomicLong notYetKnown = new AtomicLong();

    FaultRun(Path root, Path out) {
        this.root = root;
        this.out = out;
        this.state = Path.of(Stack.env("SEN_STATE_DIR", root.resolve("deploy/.state").toString())).toAbsolutePath();
        this.logs = state.resolve("logs");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path out = Path.of(args.length > 1 ? args[1] : root.resolve("docs/reliability/latest.md").toString())
                .toAbsolutePath();
        int code;
        try {
            code = new FaultRun(root, out).execute();
        } catch (Exception e) {
            System.err.println("[faults] the fault run could not go on: " + e);
            e.printStackTrace();
            code = 3; // 1 and 2 are verdicts
        }
        System.exit(code);
    }

    int execute() throws Exception {
        if (replicas < 1 || pupils < 1 || minutes <= 0) {
            throw new IllegalArgumentException("SEN_REPLICAS, FAULTS_PUPILS and FAULTS_MINUTES must be positive");
        }
        Files.createDirectories(logs);
        say("run %s: %d pupils over %.1f min at %s, %d replica(s) per service, %d Kafka broker(s), skipping %s",
                run, pupils, minutes, SCHOOL, replicas, brokers, skip.isEmpty() ? "nothing" : skip);
        preflight();

        LocalDate firstMeeting = today.plusDays(14);
        for (int i = 0; i < pupils; i++) {
            LocalDate meeting = firstMeeting.plusDays(i % 14);
            while (meeting.getDayOfWeek() == DayOfWeek.SATURDAY || meeting.getDayOfWeek() == DayOfWeek.SUNDAY) {
                meeting = meeting.plusDays(1);
            }
            journeys.add(new Journey(i, "parent-" + run + "-" + i + "@faults.example", meeting));
        }

        ExecutorService workers = Executors.newCachedThreadPool(daemon("journey"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("ticker"));
        long intervalNanos = (long) (minutes * 60e9 / pupils);
        for (Journey j : journeys) {
            ticker.schedule(() -> {
                lastJourneyStarted = Instant.now();
                workers.submit(() -> journey(j));
            }, j.index * intervalNanos, TimeUnit.NANOSECONDS);
        }
        Thread faultThread = new Thread(this::faults, "faults");
        faultThread.start();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(daemon("progress"));
        progress.scheduleAtFixedRate(this::progress, 15, 15, TimeUnit.SECONDS);

        ticker.shutdown();
        ticker.awaitTermination((long) (minutes * 60) + 60, TimeUnit.SECONDS);
        faultThread.join();
        workers.shutdown();
        if (!workers.awaitTermination(waitSeconds * 3L + retrySeconds * 6L, TimeUnit.SECONDS)) {
            say("journeys still running after the bound; counting anyway");
        }
        progress.shutdownNow();
        progress();
        Instant journeysEnded = lastJourneyEnded == null ? Instant.now() : lastJourneyEnded;

        drain();
        Counts counts = count();
        Map<String, Integer> deadLetters = deadLetters();
        Map<String, Boolean> health = health();
        return report(counts, deadLetters, health, journeysEnded);
    }

    /** Fails early, with the reason, when the stack is not there to be driven. */
    private void preflight() throws Exception {
        tokens.get(SENCO);
        tokens.get(ADMIN);
        Map<String, Boolean> health = health();
        List<String> down = health.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        if (!down.isEmpty()) {
            throw new IllegalStateException("not ready: " + down + " (deploy/services.sh status)");
        }
        Answer school = send(Service.REGISTER, ADMIN, "GET", "/api/v1/schools/" + SCHOOL, null, Map.of());
        if (school.status() != 200) {
            throw new IllegalStateException("school " + SCHOOL + " is not on the register (" + school.status()
                    + "): load the demo data first (deploy/demo.sh)");
        }
    }

    // ------------------------------------------------------------------ the journeys

    /** One pupil's way through the services; what the API accepted is recorded step by step. */
    static final class Journey {
        final int index;
        final String email;
        final LocalDate meetingDate;
        volatile String pupilId;
        volatile String reviewId;
        volatile boolean registered;
        volatile boolean contact;
        volatile boolean supportOpened;
        volatile boolean planOpened;
        volatile boolean reviewSeen;
        volatile boolean meetingSet;
        volatile boolean finished;
        volatile String failure;

        Journey(int index, String email, LocalDate meetingDate) {
            this.index = index;
            this.email = email;
            this.meetingDate = meetingDate;
        }
    }

    private void journey(Journey j) {
        try {
            register(j);
            // SEN support started 14 months ago: too long ago to be announced to the parent (30 days' catch-up)
            changeProvision(j, "K", Map.of("provision", "K", "startDate", today.minusMonths(14).toString(),
                    "needs", List.of(Map.of("rank", 1, "code", "SPLD"))));
            j.supportOpened = true;
            addParent(j);
            LocalDate issued = today.minusMonths(11);
            changeProvision(j, "E", Map.of("provision", "E", "startDate", issued.toString(), "needs",
                    List.of(Map.of("rank", 1, "code", "ASD"), Map.of("rank", 2, "code", "SLCN")),
                    "issuingLa", "801", "planIssueDate", issued.toString()));
            j.planOpened = true;
            awaitReview(j);
            setMeeting(j);
        } catch (StepFailed e) {
            j.failure = e.getMessage();
            say("journey %d failed: %s", j.index, e.getMessage());
        } catch (Exception e) {
            j.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            say("journey %d failed: %s", j.index, j.failure);
        } finally {
            j.finished = true;
            lastJourneyEnded = Instant.now();
        }
    }

    static final class StepFailed extends Exception {
        StepFailed(String step, Answer a) {
            super(step + ": " + a.status() + " " + abbreviate(a.body()));
        }

        StepFailed(String message) {
            super(message);
        }
    }

    private void register(Journey j) throws Exception {
        LocalDate september = LocalDate.of(today.getMonthValue() >= 9 ? today.getYear() : today.getYear() - 1, 9, 1);
        // year 8: born between September 13 and August 12 years before this school year began
        LocalDate born = september.minusYears(13).plusDays(ThreadLocalRandom.current().nextInt(330));
        for (int attempt = 0; attempt < 10; attempt++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("upn", newUpn());
            body.put("forename", FORENAMES[j.index % FORENAMES.length]);
            body.put("surname", surname);
            body.put("dateOfBirth", born.toString());
            body.put("sex", j.index % 2 == 0 ? "F" : "M");
            body.put("ncYear", "8");
            body.put("schoolUrn", SCHOOL);
            body.put("onRollDate", september.minusYears(1).plusDays(1).toString());
            Answer a = send(Service.REGISTER, SENCO, "POST", "/api/v1/pupils", JSON.writeValueAsString(body),
                    Map.of("Idempotency-Key", "faultrun-" + run + "-" + j.index + "-pupil-" + attempt));
            if (a.status() == 201) {
                j.pupilId = a.json().path("id").asText();
                j.registered = true;
                return;
            }
            if (a.status() != 409) {
                throw new StepFailed("register", a);
            }
            upnTaken.incrementAndGet(); // another pupil holds that UPN: a new one, under a new key
        }
        throw new StepFailed("register: no free UPN in 10 attempts");
    }

    private void addParent(Journey j) throws Exception {
        String body = JSON.writeValueAsString(Map.of("kind", "PARENT_CARER", "name", "Sam " + surname,
                "relationship", "MOTHER", "parentalResponsibility", true, "email", j.email, "preferredChannel", "EMAIL"));
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            Answer a = send(Service.NOTIFICATION, SENCO, "POST", "/api/v1/pupils/" + j.pupilId + "/contacts", body,
                    Map.of("Idempotency-Key", "faultrun-" + run + "-" + j.index + "-contact"));
            if (a.status() == 201) {
                j.contact = true;
                return;
            }
            // 404: notification-service has not had the register's event yet (the key is not kept on a refusal)
            if (a.status() != 404 || System.nanoTime() > deadline) {
                throw new StepFailed("parent contact" + (a.status() == 404 ? " (pupil never known after "
                        + waitSeconds + " s)" : ""), a);
            }
            notYetKnown.incrementAndGet();
            Thread.sleep(1000);
        }
    }

    /** K or E with If-Match; a 412 is settled by reading the pupil again (was the first attempt applied?). */
    private void changeProvision(Journey j, String provision, Map<String, Object> body) throws Exception {
        String url = "/api/v1/pupils/" + j.pupilId;
        for (int attempt = 0; attempt < 6; attempt++) {
            Answer current = send(Service.REGISTER, SENCO, "GET", url, null, Map.of());
            if (current.status() != 200) {
                throw new StepFailed("read pupil before " + provision, current);
            }
            if (provision.equals(current.json().path("provision").asText())) {
                if (attempt > 0) {
                    appliedSeenOnReread.incrementAndGet();
                }
                return;
            }
            Answer a = send(Service.REGISTER, SENCO, "POST", url + "/provisions", JSON.writeValueAsString(body),
                    Map.of("If-Match", current.etag()));
            if (a.status() == 200) {
                return;
            }
            if (a.status() != 412) {
                throw new StepFailed("provision " + provision, a);
            }
            preconditionRereads.incrementAndGet();
        }
        throw new StepFailed("provision " + provision + ": still 412 after 6 reads");
    }

    private void awaitReview(Journey j) throws Exception {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            Answer a = send(Service.REVIEW, SENCO, "GET", "/api/v1/reviews?pupil=" + j.pupilId, null, Map.of());
            if (a.status() != 200) {
                throw new StepFailed("list reviews", a);
            }
            JsonNode items = a.json().path("items");
            if (items.size() > 0) {
                j.reviewId = items.get(0).path("id").asText();
                j.reviewSeen = true;
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StepFailed("annual review not opened within " + waitSeconds + " s of the EHC plan");
            }
            Thread.sleep(1000);
        }
    }

    private void setMeeting(Journey j) throws Exception {
        String url = "/api/v1/reviews/" + j.reviewId;
        String body = JSON.writeValueAsString(Map.of("meetingDate", j.meetingDate.toString(), "invitees", List.of(
                Map.of("role", "PARENT_OR_YOUNG_PERSON", "name", "Sam " + surname), Map.of("role", "HEAD"),
                Map.of("role", "LA_SEN_OFFICER"), Map.of("role", "HEALTH"), Map.of("role", "SOCIAL_CARE"))));
        for (int attempt = 0; attempt < 6; attempt++) {
            Answer current = send(Service.REVIEW, SENCO, "GET", url, null, Map.of());
            if (current.status() != 200) {
                throw new StepFailed("read review", current);
            }
            JsonNode r = current.json();
            if (attempt > 0 && j.meetingDate.toString().equals(r.path("meetingDate").asText())) {
                appliedSeenOnReread.incrementAndGet();
                j.meetingSet = true;
                return;
            }
            Answer a = send(Service.REVIEW, SENCO, "PUT", url + "/meeting", body, Map.of("If-Match", current.etag()));
            if (a.status() == 200) {
                j.meetingSet = true;
                return;
            }
            if (a.status() != 412) {
                throw new StepFailed("set meeting", a);
            }
            preconditionRereads.incrementAndGet();
        }
        throw new StepFailed("set meeting: still 412 after 6 reads");
    }

    // ------------------------------------------------------------------ HTTP over the replicas

    record Answer(int status, String body, Optional<String> etagHeader) {
        JsonNode json() throws IOException {
            return body == null || body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        String etag() {
            return etagHeader.orElse("");
        }
    }

    /**
     * Sends to the next replica of the service in turn; when the replica is down (no connection, reset, timeout) or
     * answers 5xx, the same request goes to the next replica, and round again with a growing pause, for up to
     * FAULTS_RETRY_SECONDS. A 401 fetches a new token. Anything else is the answer.
     */
    Answer send(Service service, String user, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        long deadline = System.nanoTime() + retrySeconds * 1_000_000_000L;
        int replica = Math.floorMod(nextReplica.computeIfAbsent(service, s -> new AtomicInteger()).getAndIncrement(),
                replicas) + 1;
        String lastProblem = "";
        for (int attempt = 0;; attempt++) {
            if (attempt > 0) {
                if (System.nanoTime() > deadline) {
                    throw new StepFailed(method + " " + service.name + path + " gave up after " + retrySeconds
                            + " s over the replicas; last: " + lastProblem);
                }
                if (replicas > 1) {
                    failovers.incrementAndGet();
                }
                replica = replica % replicas + 1;
                if (attempt % replicas == 0) {
                    Thread.sleep(Math.min(2000, 100L * attempt));
                }
            }
            String token = tokens.get(user);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url(replica) + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json");
            headers.forEach(b::header);
            if (body != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            requests.incrementAndGet();
            HttpResponse<String> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                connectionFailures.incrementAndGet();
                lastProblem = service.instance(replica) + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
                continue;
            }
            if (r.statusCode() >= 500) {
                serverErrors.incrementAndGet();
                lastProblem = service.instance(replica) + ": " + r.statusCode() + " " + abbreviate(r.body());
                continue;
            }
            if (r.statusCode() == 401) {
                tokens.invalidate(user, token);
                lastProblem = service.instance(replica) + ": 401";
                continue;
            }
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("ETag"));
        }
    }

    /** Access tokens of the demo users (sen-cli password grant), fetched again before they expire (15 min). */
    final class Tokens {
        private final Map<String, String> token = new HashMap<>();
        private final Map<String, Long> fetchedAt = new HashMap<>();

        synchronized String get(String user) throws Exception {
            Long at = fetchedAt.get(user);
            if (at == null || System.nanoTime() - at > Duration.ofMinutes(10).toNanos()) {
                token.put(user, fetch(user));
                fetchedAt.put(user, System.nanoTime());
            }
            return token.get(user);
        }

        synchronized void invalidate(String user, String stale) {
            if (stale.equals(token.get(user))) {
                fetchedAt.remove(user);
            }
        }

        private String fetch(String user) throws Exception {
            String form = "grant_type=password&client_id=sen-cli&username=" + URLEncoder.encode(user,
                    StandardCharsets.UTF_8) + "&password=demo";
            Exception last = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK
                            + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                    JsonNode body = JSON.readTree(r.body());
                    if (r.statusCode() == 200 && body.hasNonNull("access_token")) {
                        return body.get("access_token").asText();
                    }
                    last = new IllegalStateException("no token for " + user + " from " + KEYCLOAK + ": " + r.body());
                } catch (IOException e) {
                    last = e;
                }
                Thread.sleep(1000);
            }
            throw last;
        }
    }

    // ------------------------------------------------------------------ the faults

    record FaultResult(Instant start, String fault, String target, String outcome, boolean ok, Long exitMs,
            long clientRetries) {
    }

    record Fault(String kind, Service service, int replica) {
        String target(int brokers, int node) {
            return switch (kind) {
                case "kafka" -> brokers >= 3 ? "node " + node + " of " + brokers : "the single broker";
                case "postgres" -> "cluster main";
                default -> service.instance(replica);
            };
        }

        String label(int brokers) {
            return switch (kind) {
                case "kill9" -> "kill -9";
                case "sigterm" -> "SIGTERM";
                case "kafka" -> brokers >= 3 ? "Kafka broker stopped" : "Kafka broker restarted";
                default -> "PostgreSQL restarted";
            };
        }
    }

    /** The schedule: for each service a kill -9 and a SIGTERM (on different replicas), then Kafka, then PostgreSQL. */
    List<Fault> plan() {
        List<Fault> plan = new ArrayList<>();
        int i = 0;
        for (Service s : Service.values()) {
            if (everyReplica) {
                for (int r = 1; r <= replicas; r++) {
                    plan.add(new Fault("kill9", s, r));
                    plan.add(new Fault("sigterm", s, r));
                }
            } else {
                plan.add(new Fault("kill9", s, i % replicas + 1));
                plan.add(new Fault("sigterm", s, (i + 1) % replicas + 1));
            }
            i++;
        }
        plan.add(new Fault("kafka", null, 0));
        plan.add(new Fault("postgres", null, 0));
        return plan;
    }

    private void faults() {
        try {
            Thread.sleep(warmupSeconds * 1000L);
            List<Fault> plan = plan();
            for (int k = 0; k < plan.size(); k++) {
                Fault f = plan.get(k);
                if (skip.contains(f.kind()) || (f.service() != null && skip.contains(f.service().name))) {
                    faults.add(new FaultResult(Instant.now(), f.label(brokers), f.target(brokers, kafkaNode),
                            "skipped (FAULTS_SKIP)", true, null, 0));
                    continue;
                }
                Instant start = Instant.now();
                long retriesBefore = connectionFailures.get() + serverErrors.get();
                say("fault %d/%d: %s %s", k + 1, plan.size(), f.label(brokers), f.target(brokers, kafkaNode));
                FaultResult result;
                try {
                    result = switch (f.kind()) {
                        case "kill9" -> kill(f, start, true);
                        case "sigterm" -> kill(f, start, false);
                        case "kafka" -> kafka(start);
                        default -> postgres(start);
                    };
                } catch (Exception e) {
                    result = new FaultResult(start, f.label(brokers), f.target(brokers, kafkaNode), "**failed**: "
                            + e.getMessage(), false, null, 0);
                }
                long retries = connectionFailures.get() + serverErrors.get() - retriesBefore;
                result = new FaultResult(result.start(), result.fault(), result.target(), result.outcome(),
                        result.ok(), result.exitMs(), retries);
                faults.add(result);
                say("fault %d/%d: %s %s: %s", k + 1, plan.size(), result.fault(), result.target(), result.outcome());
                if (k < plan.size() - 1) {
                    Thread.sleep(gapSeconds * 1000L);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9 or SIGTERM one replica (pid from its pid file), then deploy/services.sh up brings it back. */
    private FaultResult kill(Fault f, Instant start, boolean hard) throws Exception {
        String name = f.service().instance(f.replica());
        long pid = pidOf(f.service(), f.replica());
        command(List.of("kill", hard ? "-KILL" : "-TERM", Long.toString(pid)));
        long t0 = System.nanoTime();
        long limit = hard ? 10_000 : 30_000;
        while (alive(pid) && (System.nanoTime() - t0) / 1_000_000 < limit) {
            Thread.sleep(10);
        }
        long exitMs = (System.nanoTime() - t0) / 1_000_000;
        String what;
        boolean ok = true;
        if (alive(pid)) {
            command(List.of("kill", "-KILL", Long.toString(pid)));
            what = hard ? "pid " + pid + " still alive 10 s after kill -9" : "SIGTERM: pid " + pid
                    + " had not exited after 30 s: **failed** (kill -9 sent)";
            ok = false;
        } else if (hard) {
            what = "kill -9 pid " + pid;
        } else {
            ok = exitMs < SIGTERM_LIMIT_MS;
            what = String.format("SIGTERM pid %d: exited in %,d ms (%s)", pid, exitMs, ok ? "< 10 s" : "**≥ 10 s**");
        }
        awaitPortsFree(f.service(), f.replica());
        keepLog(name, hard ? "kill9" : "sigterm");
        long up0 = System.nanoTime();
        command(List.of(root.resolve("deploy/services.sh").toString(), "up"));
        boolean ready = ready(f.service(), f.replica());
        double upSeconds = (System.nanoTime() - up0) / 1e9;
        return new FaultResult(start, hard ? "kill -9" : "SIGTERM", name, what + String.format(
                "; services.sh up: %s in %.1f s", ready ? "ready" : "**not ready**", upSeconds), ok && ready,
                hard ? null : exitMs, 0);
    }

    private FaultResult kafka(Instant start) throws Exception {
        String infra = root.resolve("deploy/infra.sh").toString();
        long t0 = System.nanoTime();
        if (brokers >= 3) {
            command(List.of(infra, "kafka-node", "stop", Integer.toString(kafkaNode)));
            double stopped = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(kafkaDownSeconds * 1000L);
            long t1 = System.nanoTime();
            command(List.of(infra, "kafka-node", "start", Integer.toString(kafkaNode)));
            return new FaultResult(start, "Kafka broker stopped", "node " + kafkaNode + " of " + brokers,
                    String.format("stopped in %.1f s, down %d s, started again and ready in %.1f s", stopped,
                            kafkaDownSeconds, (System.nanoTime() - t1) / 1e9), true, null, 0);
        }
        command(List.of(infra, "down", "kafka"));
        double stopped = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(kafkaDownSeconds * 1000L);
        long t1 = System.nanoTime();
        command(List.of(infra, "up", "kafka"));
        return new FaultResult(start, "Kafka broker restarted", "the single broker",
                String.format("stopped in %.1f s, down %d s, started again and ready in %.1f s", stopped,
                        kafkaDownSeconds, (System.nanoTime() - t1) / 1e9), true, null, 0);
    }

    private FaultResult postgres(Instant start) throws Exception {
        String infra = root.resolve("deploy/infra.sh").toString();
        long t0 = System.nanoTime();
        command(List.of(infra, "down", "postgres"));
        double stopped = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        command(List.of(infra, "up", "postgres"));
        return new FaultResult(start, "PostgreSQL restarted", "cluster main", String.format(
                "stopped in %.1f s, started again and ready in %.1f s", stopped, (System.nanoTime() - t1) / 1e9), true,
                null, 0);
    }

    /** The replica's pid from deploy/services.sh's pid file, checked against the process's command line. */
    private long pidOf(Service service, int replica) throws IOException {
        Path file = state.resolve("run").resolve(service.instance(replica) + ".pid");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no pid file " + file + ": " + service.instance(replica) + " is not running");
        }
        long pid = Long.parseLong(Files.readString(file).replaceAll("\\D", ""));
        String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        if (!cmdline.contains(service.name + "/target/quarkus-app/quarkus-run.jar")) {
            throw new IllegalStateException("pid " + pid + " of " + file + " is not " + service.name + ": " + cmdline);
        }
        return pid;
    }

    /**
     * Whether the process still runs: a zombie counts as gone only once its last thread has exited (after kill -9 the
     * JVM's main thread turns zombie while its other threads, and their sockets, are still being torn down).
     */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            if (stat.charAt(stat.lastIndexOf(')') + 2) != 'Z') {
                return true;
            }
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                return tasks.count() > 1;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The stopped replica's log (services.sh starts the new one on a fresh file), kept under <state>/faults/<run>/. */
    private void keepLog(String name, String fault) {
        try {
            Path dir = state.resolve("faults").resolve(run);
            Files.createDirectories(dir);
            Files.copy(logs.resolve(name + ".log"), dir.resolve(name + "-" + fault + ".log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            say("could not keep the log of %s: %s", name, e);
        }
    }

    /** Waits (at most 30 s) until nothing accepts connections on the replica's ports, so services.sh can start it. */
    private static void awaitPortsFree(Service s, int replica) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        int[] ports = { s.port + 100 * (replica - 1), s.managementPort + 100 * (replica - 1) };
        while (System.nanoTime() < deadline) {
            boolean taken = false;
            for (int port : ports) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                    taken = true;
                } catch (IOException e) {
                    // refused: free
                }
            }
            if (!taken) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** Runs a command, its output appended to logs/faults-commands.log; fails when it exits non-zero. */
    private void command(List<String> command) throws IOException, InterruptedException {
        Path log = logs.resolve("faults-commands.log");
        Files.writeString(log, "\n$ " + String.join(" ", command) + "   (" + Instant.now() + ")\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroy();
            throw new IllegalStateException(String.join(" ", command) + " still running after 10 min; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + "; see "
                    + log);
        }
    }

    private boolean ready(Service s, int replica) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(s.healthUrl(replica))).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Map<String, Boolean> health() {
        Map<String, Boolean> health = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            for (int r = 1; r <= replicas; r++) {
                health.put(s.instance(r), ready(s, r));
            }
        }
        return health;
    }

    // ------------------------------------------------------------------ drain and count

    /** Per pupil, what the services hold at the end. */
    record Held(boolean present, String provision, int kPeriods, int ePeriods, int contacts, int reviews,
            boolean meeting, int invitations, int otherMail) {
    }

    record Counts(Map<Journey, Held> held, int listedWithSurname) {
    }

    /**
     * Waits until every accepted EHC plan has its annual review and every accepted meeting its invitation, and then a
     * little longer so a late duplicate has its chance to show; or until nothing has arrived for FAULTS_SETTLE_SECONDS;
     * at most FAULTS_DRAIN_SECONDS. What has arrived is not read again (the final count reads everything).
     */
    private void drain() throws Exception {
        long deadline = System.nanoTime() + drainSeconds * 1_000_000_000L;
        Set<Journey> reviewed = new HashSet<>();
        Set<Journey> invited = new HashSet<>();
        int last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            int expectedReviews = 0;
            int expectedInvitations = 0;
            for (Journey j : journeys) {
                if (j.planOpened) {
                    expectedReviews++;
                    if (!reviewed.contains(j) && !reviewsOf(j).isEmpty()) {
                        reviewed.add(j);
                    }
                }
                if (j.meetingSet) {
                    expectedInvitations++;
                    if (!invited.contains(j) && mail(j)[0] > 0) {
                        invited.add(j);
                    }
                }
            }
            int now = reviewed.size() + invited.size();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
            boolean complete = reviewed.size() == expectedReviews && invited.size() == expectedInvitations;
            double quiet = (System.nanoTime() - lastChange) / 1e9;
            say("drain: annual reviews %d of %d, invitations %d of %d (unchanged for %.0f s)", reviewed.size(),
                    expectedReviews, invited.size(), expectedInvitations, quiet);
            if ((complete && quiet >= Math.min(20, settleSeconds)) || quiet >= settleSeconds
                    || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(5000);
        }
    }

    private List<JsonNode> reviewsOf(Journey j) throws Exception {
        Answer a = send(Service.REVIEW, SENCO, "GET", "/api/v1/reviews?pupil=" + j.pupilId + "&size=50", null,
                Map.of());
        List<JsonNode> items = new ArrayList<>();
        a.json().path("items").forEach(items::add);
        return items;
    }

    /** The parent's mailbox on GreenMail: {invitations, other messages}. */
    private int[] mail(Journey j) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(MAILBOX + "/api/user/" + URLEncoder.encode(
                j.email, StandardCharsets.UTF_8) + "/messages")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 400) {
            return new int[] { 0, 0 }; // no mailbox: nothing was ever sent to this address
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GreenMail answered " + r.statusCode() + " for " + j.email);
        }
        int invitations = 0;
        int other = 0;
        for (JsonNode m : JSON.readTree(r.body())) {
            if (m.path("subject").asText().startsWith(INVITATION)) {
                invitations++;
            } else {
                other++;
            }
        }
        return new int[] { invitations, other };
    }

    private Counts count() throws Exception {
        Map<Journey, Held> held = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(6, daemon("count"));
        List<Future<?>> work = new ArrayList<>();
        for (Journey j : journeys) {
            if (j.pupilId == null) {
                continue;
            }
            work.add(pool.submit(() -> {
                held.put(j, holdings(j));
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        Answer list = send(Service.REGISTER, SENCO, "GET", "/api/v1/pupils?school=" + SCHOOL + "&name=" + surname
                + "&size=1", null, Map.of());
        return new Counts(held, list.json().path("totalItems").asInt(-1));
    }

    private Held holdings(Journey j) throws Exception {
        Answer pupil = send(Service.REGISTER, SENCO, "GET", "/api/v1/pupils/" + j.pupilId, null, Map.of());
        Answer history = send(Service.REGISTER, SENCO, "GET", "/api/v1/pupils/" + j.pupilId + "/provisions", null,
                Map.of());
        int k = 0;
        int e = 0;
        for (JsonNode p : history.status() == 200 ? history.json() : JSON.createArrayNode()) {
            k += p.path("provision").asText().equals("K") ? 1 : 0;
            e += p.path("provision").asText().equals("E") ? 1 : 0;
        }
        Answer contacts = send(Service.NOTIFICATION, SENCO, "GET", "/api/v1/pupils/" + j.pupilId
                + "/contacts?kind=PARENT_CARER&size=50", null, Map.of());
        List<JsonNode> reviews = reviewsOf(j);
        boolean meeting = reviews.stream().anyMatch(r -> j.meetingDate.toString().equals(r.path("meetingDate")
                .asText()));
        int[] mail = mail(j);
        return new Held(pupil.status() == 200, pupil.status() == 200 ? pupil.json().path("provision").asText() : "",
                k, e, contacts.status() == 200 ? contacts.json().path("totalItems").asInt() : 0, reviews.size(),
                meeting, mail[0], mail[1]);
    }

    /** Dead letters each service lists (trust admin) that arrived since the run started. */
    private Map<String, Integer> deadLetters() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            try {
                Answer a = send(s, ADMIN, "GET", "/api/v1/dead-letters", null, Map.of());
                if (a.status() != 200) {
                    counts.put(s.name, -a.status());
                    continue;
                }
                int n = 0;
                for (JsonNode letter : a.json()) {
                    String at = letter.path("receivedAt").asText();
                    if (!at.isEmpty() && !Instant.parse(at).isBefore(started)) {
                        n++;
                    }
                }
                counts.put(s.name, n);
            } catch (Exception e) {
                counts.put(s.name, Integer.MIN_VALUE);
            }
        }
        return counts;
    }

    // ------------------------------------------------------------------ the report

    record Row(String what, int accepted, int present, int lost, int duplicated) {
    }

    private int report(Counts counts, Map<String, Integer> deadLetters, Map<String, Boolean> health,
            Instant journeysEnded) throws Exception {
        Map<Journey, Held> held = counts.held();
        List<Row> rows = new ArrayList<>();
        int accepted = (int) journeys.stream().filter(j -> j.registered).count();
        int present = (int) held.values().stream().filter(Held::present).count();
        rows.add(new Row("pupils registered", accepted, present, accepted - present,
                Math.max(0, counts.listedWithSurname() - accepted)));
        rows.add(row("parent contacts (one per pupil)", j -> j.contact, held, h -> h.contacts() > 0,
                h -> Math.max(0, h.contacts() - 1)));
        rows.add(row("SEN support opened (K)", j -> j.supportOpened, held, h -> h.kPeriods() > 0,
                h -> Math.max(0, h.kPeriods() - 1)));
        rows.add(row("K → E: EHC plan, current provision E", j -> j.planOpened, held, h -> "E".equals(h.provision()),
                h -> Math.max(0, h.ePeriods() - 1)));
        rows.add(row("annual reviews in review-service (exactly one per pupil)", j -> j.planOpened, held,
                h -> h.reviews() > 0, h -> Math.max(0, h.reviews() - 1)));
        rows.add(row("review meetings set", j -> j.meetingSet, held, Held::meeting, h -> 0));
        rows.add(row("invitation emails in the parent's mailbox (exactly one per pupil)", j -> j.meetingSet, held,
                h -> h.invitations() > 0, h -> Math.max(0, h.invitations() - 1)));
        // an invitation to a parent whose meeting the API never accepted would be a phantom: counted as duplicated
        int phantom = held.entrySet().stream().filter(e -> !e.getKey().meetingSet)
                .mapToInt(e -> e.getValue().invitations()).sum();
        int otherMail = held.values().stream().mapToInt(Held::otherMail).sum();
        int lost = rows.stream().mapToInt(Row::lost).sum();
        int duplicated = rows.stream().mapToInt(Row::duplicated).sum() + phantom;
        int dead = deadLetters.values().stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum();
        long healthy = health.values().stream().filter(b -> b).count();
        List<Journey> failed = journeys.stream().filter(j -> j.failure != null || !j.finished).toList();
        boolean faultsOk = faults.stream().allMatch(FaultResult::ok);

        StringBuilder md = new StringBuilder("# Reliability under faults\n\n");
        md.append("Written by `deploy/faults.sh` (`bench/`, `uk.sen.bench.FaultRun`): a stream of SENCO journeys through "
                + "the public APIs while replicas, a Kafka broker and PostgreSQL fail, then everything counted end to "
                + "end once the pipeline has drained.\n\n");
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memoryKb = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D+", ""));
        md.append(String.format("- date: %s (run `%s`, %s to %s UTC)%n", ZonedDateTime.now(LONDON).format(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")), run, utc(started), utc(Instant.now())));
        md.append("- commit: ").append(commit()).append('\n');
        md.append(String.format("- machine: %d cores (%s), %,d MiB memory; Java %s%n",
                Runtime.getRuntime().availableProcessors(), cpu, memoryKb / 1024, System.getProperty("java.version")));
        md.append(String.format("- settings: %d pupils at %s over %.1f min (one every %.1f s), %d replica(s) per "
                + "service, %d Kafka broker(s), faults skipped: %s%n", pupils, SCHOOL, minutes, minutes * 60 / pupils,
                replicas, brokers, skip.isEmpty() ? "none" : String.join(", ", skip)));
        long afterStream = faults.stream().filter(f -> !f.outcome().startsWith("skipped")
                && f.start().isAfter(journeysEnded)).count();
        md.append(String.format("- stream: the last journey started %s UTC, the last ended %s UTC%s%n",
                lastJourneyStarted == null ? "-" : utc(lastJourneyStarted), utc(journeysEnded), afterStream == 0 ? ""
                        : "; **" + afterStream + " fault(s) began after it** (a longer FAULTS_MINUTES keeps them "
                                + "under load)"));
        md.append(String.format("- client: %,d requests; %,d failed because a replica was down or answered 5xx "
                + "(%,d connection failures, %,d 5xx) and went again%s; %,d answers 412 settled by reading again "
                + "(%,d changes found already applied); %,d UPNs already taken (new UPN, new key); %,d contacts "
                + "refused 404 until notification-service knew the pupil%n", requests.get(),
                connectionFailures.get() + serverErrors.get(), connectionFailures.get(), serverErrors.get(),
                replicas > 1 ? " to the other replica" : "", preconditionRereads.get(), appliedSeenOnReread.get(),
                upnTaken.get(), notYetKnown.get()));

        md.append("\n## Faults\n\n| # | start (UTC) | +s | fault | target | outcome | SIGTERM → exit | client retries |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        int n = 1;
        for (FaultResult f : faults) {
            md.append(String.format("| %d | %s | %d | %s | %s | %s | %s | %s |%n", n++, utc(f.start()),
                    Duration.between(started, f.start()).toSeconds(), f.fault(), f.target(), f.outcome(),
                    f.exitMs() == null ? "" : String.format("%,d ms", f.exitMs()), f.outcome().startsWith("skipped")
                            ? "" : Long.toString(f.clientRetries())));
        }

        md.append("\n## End to end\n\n| what | accepted by the API | present at the end | lost | duplicated |\n"
                + "|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(String.format("| %s | %d | %d | %s | %s |%n", r.what(), r.accepted(), r.present(),
                    mark(r.lost()), mark(r.duplicated())));
        }
        md.append(String.format("| invitations to a parent whose meeting was never accepted | 0 | %d | | %s |%n",
                phantom, mark(phantom)));
        md.append(String.format("| **total** | | | **%d** | **%d** |%n", lost, duplicated));
        md.append("\n| other figures | value |\n|---|---|\n");
        md.append(String.format("| journeys completed (meeting set) / started | %d / %d |%n",
                journeys.stream().filter(j -> j.meetingSet).count(), journeys.size()));
        md.append(String.format("| journeys the API did not complete | %s |%n", failed.isEmpty() ? "0"
                : "**" + failed.size() + "**"));
        md.append(String.format("| other messages in the parents' mailboxes (not invitations) | %d |%n", otherMail));
        md.append(String.format("| dead letters received during the run | %s |%n", dead == 0 ? "0" : "**" + dead + "**"
                + " (" + deadLetters.entrySet().stream().filter(e -> e.getValue() != 0).map(e -> e.getKey() + " "
                        + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        deadLetters.forEach((s, c) -> {
            if (c < 0) {
                md.append(String.format("| dead letters of %s | not readable (%s) |%n", s, c == Integer.MIN_VALUE
                        ? "no answer" : "HTTP " + -c));
            }
        });
        md.append(String.format("| replicas ready at the end (/q/health/ready) | %d / %d%s |%n", healthy,
                health.size(), healthy == health.size() ? "" : ": **not ready: " + health.entrySet().stream()
                        .filter(e -> !e.getValue()).map(Map.Entry::getKey).collect(Collectors.joining(", ")) + "**"));
        boolean clean = lost == 0 && duplicated == 0;
        boolean otherwiseOk = failed.isEmpty() && healthy == health.size() && faultsOk && dead == 0
                && deadLetters.values().stream().allMatch(c -> c >= 0);
        md.append(String.format("%n**Verdict:** %s%n", clean && otherwiseOk ? "nothing lost, nothing duplicated, "
                + "every fault recovered." : (clean ? "nothing lost or duplicated" : "**" + lost + " lost, "
                        + duplicated + " duplicated**") + (otherwiseOk ? "." : "; **see the failures above**.")));
        if (!failed.isEmpty()) {
            md.append("\n## Journeys not completed\n\n");
            failed.stream().limit(20).forEach(j -> md.append("- pupil ").append(j.index).append(j.pupilId == null ? ""
                    : " (" + j.pupilId + ")").append(": ").append(j.failure == null ? "still running" : j.failure)
                    .append('\n'));
            if (failed.size() > 20) {
                md.append("- … and ").append(failed.size() - 20).append(" more\n");
            }
        }
        List<String> odd = new ArrayList<>();
        held.forEach((j, h) -> {
            if ((j.meetingSet && h.invitations() != 1) || (j.planOpened && h.reviews() != 1) || h.contacts() > 1
                    || h.kPeriods() > 1 || h.ePeriods() > 1 || (!j.meetingSet && h.invitations() > 0)) {
                odd.add(String.format("pupil %d (%s, %s): contacts %d, K %d, E %d, reviews %d, meeting %s, "
                        + "invitations %d", j.index, j.pupilId, j.email, h.contacts(), h.kPeriods(), h.ePeriods(),
                        h.reviews(), h.meeting(), h.invitations()));
            }
        });
        if (!odd.isEmpty()) {
            md.append("\n## Pupils with a lost or duplicated effect\n\n");
            odd.stream().sorted().limit(30).forEach(o -> md.append("- ").append(o).append('\n'));
        }
        md.append("\nService logs: `deploy/.state/logs/<service>[-r].log`; each stopped replica's log up to its end: "
                + "`deploy/.state/faults/" + run + "/`; the fault commands' output: "
                + "`deploy/.state/logs/faults-commands.log`.\n");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println();
        System.out.println(md);
        say("results written to %s", out);
        return !clean ? 1 : otherwiseOk ? 0 : 2;
    }

    private Row row(String what, java.util.function.Predicate<Journey> accepted, Map<Journey, Held> held,
            java.util.function.Predicate<Held> present, java.util.function.ToIntFunction<Held> extra) {
        int a = 0;
        int p = 0;
        int lost = 0;
        int dup = 0;
        for (Journey j : journeys) {
            Held h = held.get(j);
            if (h == null) {
                continue;
            }
            boolean acc = accepted.test(j);
            boolean pre = present.test(h);
            a += acc ? 1 : 0;
            p += pre ? 1 : 0;
            lost += acc && !pre ? 1 : 0;
            dup += extra.applyAsInt(h);
        }
        return new Row(what, a, p, lost, dup);
    }

    private static String mark(int n) {
        return n == 0 ? "0" : "**" + n + "**";
    }

    private void progress() {
        say("+%d s: pupils registered %d, contacts %d, K %d, E %d, reviews seen %d, meetings %d, failed %d "
                + "(of %d); requests %,d, retried %,d",
                Duration.between(started, Instant.now()).toSeconds(), n(j -> j.registered), n(j -> j.contact),
                n(j -> j.supportOpened), n(j -> j.planOpened), n(j -> j.reviewSeen), n(j -> j.meetingSet),
                n(j -> j.failure != null), pupils, requests.get(), connectionFailures.get() + serverErrors.get());
    }

    private long n(java.util.function.Predicate<Journey> p) {
        return journeys.stream().filter(p).count();
    }

    // ------------------------------------------------------------------ small things

    static final String[] FORENAMES = { "Avery", "Blake", "Casey", "Devon", "Ellis", "Finley", "Harper", "Indigo",
        "Jordan", "Kai", "Logan", "Morgan", "Nico", "Oakley", "Parker", "Quinn", "Riley", "Sage", "Tatum", "Wren" };

    /** A valid UPN of Northbridge Academy (LA 801, establishment 4001), year of issue 10-29, random serial. */
    static String newUpn() {
        String body = "8014001" + String.format("%02d%03d", 10 + ThreadLocalRandom.current().nextInt(20),
                ThreadLocalRandom.current().nextInt(1000));
        int sum = 0;
        for (int position = 2; position <= 13; position++) {
            sum += (body.charAt(position - 2) - '0') * position;
        }
        return "ABCDEFGHJKLMNPQRTUVWXYZ".charAt(sum % 23) + body;
    }

    /** A number in lower-case letters (a surname cannot hold digits). */
    static String letters(long n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.reverse().toString();
    }

    private String commit() {
        try {
            String commit = RegisterBench.run(List.of("git", "-C", root.toString(), "rev-parse", "--short", "HEAD"),
                    Map.of()).trim();
            boolean dirty = !RegisterBench.run(List.of("git", "-C", root.toString(), "status", "--porcelain",
                    "--untracked-files=no"), Map.of()).isBlank();
            return commit + (dirty ? " (with uncommitted changes)" : "");
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String utc(Instant t) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    static void say(String format, Object... args) {
        System.out.printf("%s [faults] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(Instant.now()), String.format(Locale.ROOT, format, args));
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
