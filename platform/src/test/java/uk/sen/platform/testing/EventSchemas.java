package uk.sen.platform.testing;

import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks an event's data against the JSON Schema its producer publishes under {@code src/main/resources/events/}
 * (ids {@code https://schemas.sen.example/<service>/<type>.schema.json}), so code and schema cannot drift apart.
 */
public final class EventSchemas {

    private static final String BASE = "https://schemas.sen.example/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Map<String, JsonSchemaFactory> FACTORIES = new java.util.concurrent.ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /**
     * @param producer the producing service's short name, e.g. {@code register}
     * @param type     the event type without its prefix, e.g. {@code pupil-registered}
     */
    public static void assertValid(String producer, String type, String data) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchemaFactory factory = FACTORIES.computeIfAbsent(producer, p -> JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE + p + "/", "classpath:events/"))));
        JsonSchema schema = factory.getSchema(SchemaLocation.of(BASE + producer + "/" + type + ".schema.json"), config);
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (Exception e) {
            throw new AssertionError("Event " + type + " is not JSON: " + data, e);
        }
        Set<ValidationMessage> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            throw new AssertionError("Event " + type + " does not match its schema: "
                    + errors.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; ")) + "\n" + data);
        }
    }
}
