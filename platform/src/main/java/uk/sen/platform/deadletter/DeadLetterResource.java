package uk.sen.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;

/**
 * Events this service's consumers could not apply, read straight from its dead-letter topics (one per consumer
 * channel, named in the channel's {@code dead-letter-queue.topic}). Reading the topic itself means every replica
 * shows the same list and nothing can drift from what Kafka holds.
 */
@Path("/api/v1/dead-letters")
@Tag(name = "Dead letters")
@Blocking
public class DeadLetterResource {

    public record DeadLetter(String deadLetterTopic, int partition, long offset, Instant receivedAt,
            String originalTopic, String originalPartition, String originalOffset, String key, String eventId,
            String eventType, String trustId, String reason, String cause, String payload) {
    }

    private static final int MAX_PER_TOPIC = 500;

    @Inject
    Config config;

    @Inject
    CallerScope caller;

    @GET
    @RolesAllowed({ Roles.TRUST_ADMIN, Roles.INTEGRATION })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events that could not be applied (newest first, at most 500 per dead-letter topic)")
    public List<DeadLetter> list() {
        String trust = caller.requireTrust();
        TreeSet<String> topics = deadLetterTopics();
        if (topics.isEmpty()) {
            return List.of();
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(5))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - MAX_PER_TOPIC));
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (!reachedEnd(consumer, partitions, ends) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        letters.add(toDeadLetter(r, trust));
                    }
                }
            }
        }
        letters.removeIf(l -> l.trustId() != null && !l.trustId().equals(trust));
        letters.sort(Comparator.comparing(DeadLetter::receivedAt).reversed());
        return letters;
    }

    private TreeSet<String> deadLetterTopics() {
        TreeSet<String> topics = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic")) {
                String channel = name.substring("mp.messaging.incoming.".length(),
                        name.length() - ".dead-letter-queue.topic".length());
                boolean enabled = config.getOptionalValue("mp.messaging.incoming." + channel + ".enabled",
                        Boolean.class).orElse(true);
                if (enabled) {
                    topics.add(config.getValue(name, String.class));
                }
            }
        }
        return topics;
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < ends.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, String> r, String callerTrust) {
        String trust = header(r, "ce_trustid");
        // A record whose trust cannot be read may belong to anyone, so its content is not shown.
        String payload = trust != null && trust.equals(callerTrust) ? r.value() : null;
        return new DeadLetter(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                header(r, "dead-letter-topic"), header(r, "dead-letter-partition"), header(r, "dead-letter-offset"),
                r.key(), header(r, "ce_id"), header(r, "ce_type"), trust, header(r, "dead-letter-reason"),
                header(r, "dead-letter-cause"), payload);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
