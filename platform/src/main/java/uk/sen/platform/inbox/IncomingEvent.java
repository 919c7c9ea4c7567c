package uk.sen.platform.inbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The CloudEvents attributes of a record received in binary mode ({@code ce_*} headers), with its JSON data.
 * Consumers read these and their own small record of the data fields they need (tolerant reader).
 */
public record IncomingEvent(String id, String type, String source, String subject, String trustId,
        String schoolUrn, OffsetDateTime time, String data, String topic, int partition, long offset) {

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, "ce_id");
        String type = header(record, "ce_type");
        if (id == null || type == null) {
            throw new MalformedEventException("Record " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent (no ce_id or ce_type header)");
        }
        String time = header(record, "ce_time");
        OffsetDateTime parsed;
        try {
            parsed = time == null ? null : OffsetDateTime.parse(time);
        } catch (RuntimeException e) {
            throw new MalformedEventException("Event " + id + " has an unreadable ce_time " + time);
        }
        String subject = header(record, "ce_subject");
        return new IncomingEvent(id, type, header(record, "ce_source"), subject != null ? subject : record.key(),
                header(record, "ce_trustid"), header(record, "ce_schoolurn"), parsed, record.value(),
                record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
