package uk.sen.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.inbox.EventChannel;
import uk.sen.platform.io.Rows;
import uk.sen.platform.inbox.EventConsumption;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.time.EnglandClock;

/**
 * Events this service's consumers could not apply, read from its dead-letter topics, and their replay by a trust
 * admin once the cause is mended (DeadLetterResource is their API). A replayed letter goes through the channel's own handler, whose inbox keeps the
 * effect exactly once however often it is replayed; each replay is recorded (who, when, how it went) and audited.
 */
@ApplicationScoped
public class DeadLetters {

    public record Replay(String deadLetterTopic, int partition, long offset, @Schema(nullable = true) String eventId,
            String replayedBy, Instant replayedAt, @Schema(enumeration = { REPLAYED, FAILED }) String outcome,
            @Schema(nullable = true, description = "Why a replay failed") String detail) {
    }

    public record DeadLetter(@Schema(examples = "sen.register.v1.dlq.review-service") String deadLetterTopic,
            int partition, long offset, Instant receivedAt,
            @Schema(nullable = true) String originalTopic, @Schema(nullable = true) String originalPartition,
            @Schema(nullable = true) String originalOffset, @Schema(nullable = true) String key,
            @Schema(nullable = true) String eventId, @Schema(nullable = true) String eventType,
            @Schema(nullable = true, description = "Left out when the record's trust cannot be read") String trustId,
            @Schema(nullable = true) String reason, @Schema(nullable = true) String cause,
            @Schema(nullable = true, description = "The event's data, only for a record of your trust") String payload,
            List<Replay> replays) {
    }

    /** One letter (topic, partition and offset), or with only the topic every letter of the caller's trust there. */
    public record ReplayRequest(@Schema(examples = "sen.register.v1.dlq.review-service") String deadLetterTopic,
            @Schema(nullable = true, examples = "0") Integer partition, @Schema(nullable = true, examples = "42") Long offset) {
    }

    public static final String REPLAYED = "REPLAYED";
    public static final String FAILED = "FAILED";

    @Inject
    DeadLetterTopics topics;

    @Inject
    CallerScope caller;

    @Inject
    EventConsumption consumption;

    @Inject
    @All
    List<EventChannel> channels;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock clock;

    /** The dead letters of the caller's trust (and those whose trust cannot be read, without content), newest first. */
    public List<DeadLetter> list() {
        String trust = caller.requireTrust();
        Map<String, List<Replay>> replays = replaysOf(trust);
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<String, String> r : topics.latest(topics.channelsByTopic().keySet())) {
            String owner = header(r, "ce_trustid");
            // a record whose trust cannot be read may belong to anyone: listed without its content
            if (owner == null || owner.equals(trust)) {
                letters.add(toDeadLetter(r, trust, replays.getOrDefault(position(r.topic(), r.partition(), r.offset()),
                        List.of())));
            }
        }
        letters.sort(Comparator.comparing(DeadLetter::receivedAt).reversed());
        return letters;
    }

    /** Replays one letter, or every letter of the caller's trust on a topic not yet replayed. */
    public List<Replay> replay(ReplayRequest request) {
        String trust = caller.requireTrust();
        Map<String, String> channelsByTopic = topics.channelsByTopic();
        if (request == null || request.deadLetterTopic() == null
                || !channelsByTopic.containsKey(request.deadLetterTopic())) {
            throw ProblemException.invalid("deadLetterTopic", "must be one of " + channelsByTopic.keySet());
        }
        if ((request.partition() == null) != (request.offset() == null)) {
            throw ProblemException.invalid(request.partition() == null ? "partition" : "offset",
                    "give partition and offset together (one letter), or neither (every letter of the topic)");
        }
        EventChannel channel = channel(channelsByTopic.get(request.deadLetterTopic()));
        List<ConsumerRecord<String, String>> letters = new ArrayList<>();
        if (request.partition() != null) {
            Optional<ConsumerRecord<String, String>> one = topics.one(request.deadLetterTopic(), request.partition(),
                    request.offset());
            if (one.isEmpty() || !trust.equals(header(one.get(), "ce_trustid"))) {
                throw ProblemException.notFound("Dead letter", request.deadLetterTopic() + "/" + request.partition()
                        + "@" + request.offset());
            }
            letters.add(one.get());
        } else {
            Map<String, List<Replay>> replays = replaysOf(trust);
            for (ConsumerRecord<String, String> r : topics.latest(List.of(request.deadLetterTopic()))) {
                boolean replayed = replays.getOrDefault(position(r.topic(), r.partition(), r.offset()), List.of())
                        .stream().anyMatch(p -> REPLAYED.equals(p.outcome()));
                if (trust.equals(header(r, "ce_trustid")) && !replayed) {
                    letters.add(r);
                }
            }
        }
        List<Replay> done = new ArrayList<>();
        for (ConsumerRecord<String, String> letter : letters) {
            done.add(replayOne(channel, letter, trust));
        }
        return done;
    }

    private Replay replayOne(EventChannel channel, ConsumerRecord<String, String> letter, String trust) {
        String outcome = REPLAYED;
        String detail = null;
        try {
            consumption.replay(channel, original(letter));
        } catch (RuntimeException e) {
            outcome = FAILED;
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            detail = detail.length() > 500 ? detail.substring(0, 500) : detail;
        }
        Replay replay = new Replay(letter.topic(), letter.partition(), letter.offset(), header(letter, "ce_id"),
                caller.username(), clock.instant(), outcome, detail);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    INSERT INTO dead_letter_replay (dead_letter_topic, dead_letter_partition, dead_letter_offset,
                        event_id, trust_id, replayed_by, replayed_at, outcome, detail)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""")
                    .setParameter(1, replay.deadLetterTopic()).setParameter(2, replay.partition())
                    .setParameter(3, replay.offset()).setParameter(4, replay.eventId()).setParameter(5, trust)
                    .setParameter(6, replay.replayedBy()).setParameter(7, replay.replayedAt())
                    .setParameter(8, replay.outcome()).setParameter(9, replay.detail())
                    .executeUpdate();
            audit.record(AuditLog.UPDATE, "dead-letter",
                    List.of(position(letter.topic(), letter.partition(), letter.offset())), trust, null,
                    "replayed: " + replay.outcome());
        });
        return replay;
    }

    /** The record as it first arrived: the original topic and position, the same key, value and headers. */
    private static ConsumerRecord<String, String> original(ConsumerRecord<String, String> letter) {
        String topic = Optional.ofNullable(header(letter, "dead-letter-topic")).orElse(letter.topic());
        int partition = parse(header(letter, "dead-letter-partition"), letter.partition());
        long offset = parse(header(letter, "dead-letter-offset"), letter.offset());
        return new ConsumerRecord<>(topic, partition, offset, letter.timestamp(), TimestampType.CREATE_TIME, -1, -1,
                letter.key(), letter.value(), new RecordHeaders(letter.headers().toArray()), Optional.empty());
    }

    private EventChannel channel(String name) {
        return channels.stream().filter(c -> c.channel().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No EventChannel bean for channel " + name));
    }

    private Map<String, List<Replay>> replaysOf(String trust) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT dead_letter_topic, dead_letter_partition, dead_letter_offset, event_id, replayed_by,
                       replayed_at, outcome, detail
                FROM dead_letter_replay WHERE trust_id = ?1 ORDER BY replayed_at""")
                .setParameter(1, trust).getResultList();
        Map<String, List<Replay>> byLetter = new HashMap<>();
        for (Object[] row : rows) {
            Replay r = new Replay((String) row[0], ((Number) row[1]).intValue(), ((Number) row[2]).longValue(),
                    (String) row[3], (String) row[4], Rows.instant(row[5]), (String) row[6], (String) row[7]);
            byLetter.computeIfAbsent(position(r.deadLetterTopic(), r.partition(), r.offset()), k -> new ArrayList<>())
                    .add(r);
        }
        return byLetter;
    }

    private static String position(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, String> r, String callerTrust, List<Replay> replays) {
        String trust = header(r, "ce_trustid");
        String payload = trust != null && trust.equals(callerTrust) ? r.value() : null;
        return new DeadLetter(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                header(r, "dead-letter-topic"), header(r, "dead-letter-partition"), header(r, "dead-letter-offset"),
                r.key(), header(r, "ce_id"), header(r, "ce_type"), trust, header(r, "dead-letter-reason"),
                header(r, "dead-letter-cause"), payload, replays);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static long parse(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int parse(String value, int fallback) {
        return (int) parse(value, (long) fallback);
    }
}
