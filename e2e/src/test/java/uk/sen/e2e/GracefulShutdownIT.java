package uk.sen.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import uk.sen.platform.testing.Tokens;
import uk.sen.platform.testing.TopicReader;

/**
 * A SIGTERM while a service is consuming dead-letters nothing and loses nothing. Runs review-service replicas of its
 * own from the built jar, in the test profile (the review_test database, the test.* topics and test consumer group,
 * which the module tests have finished with by now), so the running stack is not touched: replica A consumes a burst
 * of register events and is stopped with SIGTERM half way; replica B then starts and applies the rest. Every event
 * is applied exactly once, none reaches the dead-letter topic, and A exits within 10 seconds.
 */
class GracefulShutdownIT {

    static final Path JAR = Path.of("..", "review-service", "target", "quarkus-app", "quarkus-run.jar");
    static final String TOPIC = "test.sen.register.v1";
    static final String DLQ = "test.sen.register.v1.dlq.review-service";
    static final int EVENTS = 1500;

    private final List<Process> replicas = new ArrayList<>();

    record Replica(Process process, int port, Path log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(p -> p.toHandle().destroyForcibly());
    }

    @Test
    void aSigtermDuringConsumptionDeadLettersNothingAndTheNextReplicaAppliesTheRest() throws Exception {
        List<String> pupils = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            pupils.add(UUID.randomUUID().toString());
        }
        Replica a = start("a", true);
        try (TopicReader deadLetters = TopicReader.fromNow(DLQ)) {
            send(pupils);
            // consuming: the first pupils are applied while the last are not yet
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> applied(a, pupils.get(0)) || applied(a, pupils.get(1)) || applied(a, pupils.get(2)));
            assertTrue(!applied(a, pupils.get(EVENTS - 1)), "replica A was not stopped during consumption");

            long t0 = System.nanoTime();
            a.process().destroy(); // SIGTERM
            assertTrue(a.process().waitFor(20, TimeUnit.SECONDS), "replica A did not exit within 20 s of SIGTERM");
            long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String logA = Files.readString(a.log(), StandardCharsets.UTF_8);
            assertTrue(exitMillis < 10_000, "replica A took " + exitMillis + " ms to exit after SIGTERM");

            Replica b = start("b", false);
            for (String pupil : pupils) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .until(() -> applied(b, pupil));
                given().auth().oauth2(Tokens.of("senco.harbour")).get(b.url() + "/api/v1/pupils/" + pupil).then()
                        .statusCode(200).body("timeline.size()", equalTo(1));
            }
            List<ConsumerRecord<String, String>> dead = deadLetters.drain(Duration.ofSeconds(2)).stream()
                    .filter(r -> pupils.contains(r.key())).toList();
            assertEquals(List.of(), dead.stream().map(r -> TopicReader.header(r, "dead-letter-reason")).toList(),
                    "events dead-lettered by the stop; replica A's log: " + a.log());
            System.out.printf("SIGTERM during consumption: replica A exited in %d ms; %d events applied once, "
                    + "0 dead letters%n%s%n", exitMillis, EVENTS,
                    logA.lines().filter(l -> l.contains("Shutdown")).reduce("", (x, y) -> x + y + "\n"));
        }
    }

    private static boolean applied(Replica replica, String pupil) {
        return given().auth().oauth2(Tokens.of("senco.harbour")).get(replica.url() + "/api/v1/pupils/" + pupil)
                .statusCode() == 200;
    }

    private Replica start(String name, boolean fresh) throws IOException {
        assertTrue(Files.exists(JAR), "build review-service first (./mvnw install): " + JAR.toAbsolutePath());
        int port = freePort();
        int management = freePort();
        Path log = Files.createDirectories(Path.of("target", "replicas")).resolve("review-service-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.profile=test",
                "-Dquarkus.flyway.clean-at-start=" + fresh));
        String asAt = System.getProperty("sen.test.as-at");
        if (asAt != null && !asAt.isBlank()) {
            command.add("-Dsen.test.as-at=" + asAt);
        }
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(management));
        Process process = builder.start();
        replicas.add(process);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertTrue(process.isAlive(), "replica " + name + " ended; see " + log.toAbsolutePath());
            try {
                return given().get("http://127.0.0.1:" + management + "/q/health/ready").statusCode() == 200;
            } catch (Exception notYet) { // connection refused while it starts
                return false;
            }
        });
        return new Replica(process, port, log);
    }

    private static void send(List<String> pupils) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicReader.BOOTSTRAP);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (String pupil : pupils) {
                ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, pupil, data(pupil));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", UUID.randomUUID().toString());
                header(record, "ce_type", "uk.sen.register.pupil-registered");
                header(record, "ce_source", "urn:uk-sen:register-service");
                header(record, "ce_subject", pupil);
                header(record, "ce_time", "2026-11-23T10:15:30Z");
                header(record, "ce_trustid", "northbridge");
                header(record, "ce_schoolurn", "900101");
                header(record, "content-type", "application/json");
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String data(String pupil) {
        return String.format("""
                {"pupilId":"%s","trustId":"northbridge","schoolUrn":"900101","laCode":"801","dateOfBirth":"2016-03-14",
                 "ncYear":"4","provision":"K","provisionStartDate":"2026-09-07",
                 "needs":[{"rank":1,"code":"SLCN","area":"COMMUNICATION_AND_INTERACTION"}]}""", pupil);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
