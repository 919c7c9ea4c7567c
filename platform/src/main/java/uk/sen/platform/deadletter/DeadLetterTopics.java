package uk.sen.platform.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;

/**
 * The service's dead-letter topics (one per incoming channel, named in its {@code dead-letter-queue.topic}), read
 * straight from Kafka: every replica sees the same letters, and nothing can drift from what the broker holds.
 */
@ApplicationScoped
public class DeadLetterTopics {

    static final int MAX_PER_TOPIC = 500;

    @Inject
    Config config;

    /** Dead-letter topic to the channel whose failures it holds, for the channels that are enabled. */
    public Map<String, String> channelsByTopic() {
        Map<String, String> topics = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.incoming.") && name.endsWith(".dead-letter-queue.topic")) {
                String channel = name.substring("mp.messaging.incoming.".length(),
                        name.length() - ".dead-letter-queue.topic".length());
                boolean enabled = config.getOptionalValue("mp.messaging.incoming." + channel + ".enabled",
                        Boolean.class).orElse(true);
                if (enabled) {
                    topics.put(config.getValue(name, String.class), channel);
                }
            }
        }
        return topics;
    }

    /** The last {@value #MAX_PER_TOPIC} records of each topic. */
    public List<ConsumerRecord<String, String>> latest(Collection<String> topics) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        if (topics.isEmpty()) {
            return records;
        }
        try (KafkaConsumer<String, String> consumer = consumer()) {
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
                        records.add(r);
                    }
                }
            }
        }
        return records;
    }

    /** The record at this position of a dead-letter topic, if the topic holds it. */
    public Optional<ConsumerRecord<String, String>> one(String topic, int partition, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            if (partition < 0 || partition >= consumer.partitionsFor(topic, Duration.ofSeconds(5)).size()) {
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            long begin = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                    if (r.offset() > offset) {
                        return Optional.empty(); // compacted away
                    }
                }
            }
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
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
}
