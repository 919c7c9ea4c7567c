package uk.sen.platform.feed;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** One event of the feed: the CloudEvent the service published to Kafka, in the CloudEvents JSON format. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "FeedEvent", description = "A CloudEvent (JSON format, specversion 1.0) exactly as published on Kafka")
public record FeedEvent(
        @Schema(examples = "1.0") String specversion,
        @Schema(description = "The event's id: the same on Kafka, in the feed and in webhooks; use it to drop repeats",
                examples = "5f0c1d7e-8a4b-4c1e-9d2f-3b6a7c8d9e0f") String id,
        @Schema(examples = "urn:uk-sen:register-service") String source,
        @Schema(description = "The event type (the service's AsyncAPI document describes each)",
                examples = "uk.sen.register.pupil-registered") String type,
        @Schema(description = "What the event is about: a pupil's, a review's or a SENCO's id") String subject,
        @Schema(description = "When it happened") Instant time,
        @Schema(examples = "application/json") String datacontenttype,
        @Schema(nullable = true, description = "The trust the event belongs to", examples = "northbridge") String trustid,
        @Schema(nullable = true, description = "The school (URN) the event belongs to", examples = "900101") String schoolurn,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The event's data, as in the AsyncAPI document")
        String data) {
}
