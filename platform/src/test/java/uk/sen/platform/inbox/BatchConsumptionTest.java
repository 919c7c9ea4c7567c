package uk.sen.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

/**
 * Batch consumption (EventConsumption.consumeBatch) against the real database and transaction manager; the Kafka
 * connector's commit and failure handlers are the boundary, recorded here: a batch takes effect in one transaction,
 * exactly once per event; a poison event is dead-lettered alone while its neighbours take effect; the batch is
 * acknowledged only after that.
 */
@QuarkusTest
class BatchConsumptionTest {

    static final String TOPIC = "test.batch";

    /** A follower whose effect is the inbox row; it notes the transaction each event was applied in. */
    @ApplicationScoped
    static class BatchFollower extends EventFollower {
        // static: the test reaches the bean through its client proxy, which has fields of its own
        static final Map<String, Long> transactionOf = new ConcurrentHashMap<>();
        static final List<String> applied = new CopyOnWriteArrayList<>();

        @Inject
        EntityManager em;

        BatchFollower() {
            super("batch-test", "platform-test.batch");
        }

        @Override
        protected void follow(IncomingEvent event) {
            if (event.data().contains("poison")) {
                throw new IllegalArgumentException("this event can never be applied");
            }
            long txid = ((Number) em.createNativeQuery("SELECT txid_current()").getSingleResult()).longValue();
            transactionOf.put(event.id(), txid);
            applied.add(event.id());
        }
    }

    /** What the connector's handlers were asked to do. */
    static final class Settled implements KafkaCommitHandler, KafkaFailureHandler {
        final List<Long> committed = new CopyOnWriteArrayList<>();
        final List<Long> deadLettered = new CopyOnWriteArrayList<>();

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            committed.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            deadLettered.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }
    }

    @Inject
    EventConsumption consumption;

    @Inject
    BatchFollower follower;

    @Inject
    Inbox inbox;

    private long nextOffset;

    @BeforeEach
    void fresh() {
        BatchFollower.transactionOf.clear();
        BatchFollower.applied.clear();
    }

    @Test
    void aBatchTakesEffectInOneTransactionAndOnceOnly() throws Exception {
        List<String> ids = ids(5);
        Settled settled = new Settled();
        long before = inbox.handledCount("platform-test.batch");
        consumption.consumeBatch(follower, batch(ids, Set.of(), settled)).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals(ids, BatchFollower.applied, "each event applied, in the partition's order");
        assertEquals(1, Set.copyOf(BatchFollower.transactionOf.values()).size(), "all five in one transaction");
        assertEquals(before + 5, inbox.handledCount("platform-test.batch"));
        assertEquals(List.of(nextOffset - 1), settled.committed, "the batch acknowledged through its latest record");
        assertTrue(settled.deadLettered.isEmpty());

        // the same batch delivered again (a crash before the offsets were committed): nothing takes effect twice
        BatchFollower.applied.clear();
        Settled again = new Settled();
        consumption.consumeBatch(follower, batch(ids, Set.of(), again, nextOffset - 5)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertTrue(BatchFollower.applied.isEmpty(), "a redelivered batch is skipped by the inbox");
        assertEquals(before + 5, inbox.handledCount("platform-test.batch"));
        assertEquals(List.of(nextOffset - 1), again.committed);
    }

    @Test
    void aPoisonEventIsDeadLetteredAloneAndItsNeighboursTakeEffect() throws Exception {
        List<String> ids = ids(5);
        String poison = ids.get(2);
        Settled settled = new Settled();
        long before = inbox.handledCount("platform-test.batch");
        consumption.consumeBatch(follower, batch(ids, Set.of(poison), settled)).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        List<String> neighbours = new ArrayList<>(ids);
        neighbours.remove(poison);
        assertEquals(neighbours, List.copyOf(new java.util.LinkedHashSet<>(BatchFollower.applied)),
                "the four neighbours applied, in order (the first two once in the rolled-back batch as well)");
        assertEquals(before + 4, inbox.handledCount("platform-test.batch"), "each neighbour recorded once");
        assertEquals(4, Set.copyOf(neighbours.stream().map(BatchFollower.transactionOf::get).toList()).size(),
                "after the batch rolled back, each neighbour in its own transaction");
        assertEquals(List.of(nextOffset - 3), settled.deadLettered, "only the poison event to the dead-letter topic");
        assertTrue(settled.committed.contains(nextOffset - 1), "and the batch acknowledged after it");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> inbox.firstDelivery("platform-test.batch", poison)),
                "the poison event never counted as applied");
    }

    @Test
    void aRecordThatIsNoCloudEventIsDeadLetteredAlone() throws Exception {
        List<String> ids = ids(3);
        Settled settled = new Settled();
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long first = nextOffset;
        records.add(record(ids.get(0), "{}", nextOffset++));
        records.add(new ConsumerRecord<>(TOPIC, 0, nextOffset++, "pupil", "not a CloudEvent"));
        records.add(record(ids.get(2), "{}", nextOffset++));
        consumption.consumeBatch(follower, new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(Map.of(tp, records)),
                "batch-test", 0, settled, settled, false, false)).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertEquals(List.of(ids.get(0), ids.get(2)), BatchFollower.applied);
        assertEquals(List.of(first + 1), settled.deadLettered);
        assertTrue(settled.committed.contains(first + 2));
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private IncomingKafkaRecordBatch<String, String> batch(List<String> ids, Set<String> poison, Settled settled) {
        IncomingKafkaRecordBatch<String, String> batch = batch(ids, poison, settled, nextOffset);
        nextOffset += ids.size();
        return batch;
    }

    private static IncomingKafkaRecordBatch<String, String> batch(List<String> ids, Set<String> poison,
            Settled settled, long firstOffset) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long offset = firstOffset;
        for (String id : ids) {
            records.add(record(id, poison.contains(id) ? "{\"poison\":true}" : "{}", offset++));
        }
        return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(Map.of(new TopicPartition(TOPIC, 0), records)),
                "batch-test", 0, settled, settled, false, false);
    }

    private static ConsumerRecord<String, String> record(String id, String data, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "uk.sen.test.happened".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "urn:uk-sen:test".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_time", java.time.Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(TOPIC, 0, offset, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                -1, -1, "pupil", data, headers, java.util.Optional.empty());
    }
}
