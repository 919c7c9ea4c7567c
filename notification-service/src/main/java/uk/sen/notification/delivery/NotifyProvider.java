package uk.sen.notification.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageTemplate;
import uk.sen.notification.domain.ReasonCode;

/**
 * Email and text messages through GOV.UK Notify: the trust's Notify template (its id on our template row) with our
 * values as personalisation, and the message id as {@code reference} (an id only: Notify forbids personal data
 * there). Notify cannot attach files, so invitations sent this way carry no calendar entry.
 */
@ApplicationScoped
public class NotifyProvider implements DeliveryProvider {

    public static final String NAME = "NOTIFY";
    private static final Logger LOG = Logger.getLogger(NotifyProvider.class);

    @Inject
    NotificationConfig config;

    @Inject
    Config rawConfig;


    @Inject
    ObjectMapper json;

    private final Map<String, NotifyApi> clients = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.EMAIL, Channel.SMS);
    }

    @Override
    public boolean attachesCalendar() {
        return false;
    }

    @Override
    public DeliveryResult send(Message m) {
        Optional<NotifyApiKey> key;
        try {
            key = apiKey(m.trustId);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.permanent(ReasonCode.NOT_CONFIGURED, "The trust's GOV.UK Notify API key is malformed");
        }
        if (key.isEmpty()) {
            return DeliveryResult.permanent(ReasonCode.NOT_CONFIGURED,
                    "No GOV.UK Notify API key is configured for trust " + m.trustId);
        }
        Optional<MessageTemplate> template = MessageTemplate.effective(m.trustId, m.templateKey, Channel.valueOf(m.channel));
        if (template.isEmpty() || template.get().notifyTemplateId == null) {
            return DeliveryResult.permanent(ReasonCode.NO_TEMPLATE, "No GOV.UK Notify template id for "
                    + m.templateKey + "/" + m.channel + " in trust " + m.trustId);
        }
        Optional<Map<String, String>> values = personalisation(m.personalisation);
        if (values.isEmpty()) {
            return DeliveryResult.permanent(ReasonCode.TEMPLATE_ERROR,
                    "The message's stored values cannot be read as the personalisation GOV.UK Notify takes");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("SMS".equals(m.channel) ? "phone_number" : "email_address", m.address);
        body.put("template_id", template.get().notifyTemplateId);
        body.put("personalisation", values.get());
        body.put("reference", m.id.toString());
        String bearer = "Bearer " + NotifyJwt.token(key.get(), Instant.now());
        try (Response response = "SMS".equals(m.channel) ? api(m.trustId).sendSms(bearer, body)
                : api(m.trustId).sendEmail(bearer, body)) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            int status = response.getStatus();
            if (status == 201 || status == 200) {
                String id = field(text, "id");
                if (id == null) {
                    return DeliveryResult.temporary("GOV.UK Notify answered " + status + " without a notification id");
                }
                return DeliveryResult.accepted(id, "created");
            }
            String detail = "GOV.UK Notify " + status + " " + errors(text);
            return NotifyStatus.retryable(status) ? DeliveryResult.temporary(detail)
                    : DeliveryResult.permanent(ReasonCode.REJECTED, detail);
        } catch (RuntimeException e) {
            return DeliveryResult.temporary("GOV.UK Notify not reachable: " + SmtpProvider.rootMessage(e));
        }
    }

    /** Notify's current status of a message it accepted, or empty when it could not be read this time. */
    public Optional<String> status(Message m) {
        try {
            Optional<NotifyApiKey> key = apiKey(m.trustId);
            if (key.isEmpty() || m.providerRef == null) {
                return Optional.empty();
            }
            try (Response response = api(m.trustId).notification("Bearer " + NotifyJwt.token(key.get(), Instant.now()),
                    m.providerRef)) {
                String text = response.hasEntity() ? response.readEntity(String.class) : "";
                if (response.getStatus() != 200) {
                    LOG.warnf("GOV.UK Notify status of message %s: %d %s", m.id, response.getStatus(), errors(text));
                    return Optional.empty();
                }
                return Optional.ofNullable(field(text, "status"));
            }
        } catch (RuntimeException e) {
            LOG.warnf("GOV.UK Notify status of message %s not read: %s", m.id, SmtpProvider.rootMessage(e));
            return Optional.empty();
        }
    }

    Optional<NotifyApiKey> apiKey(String trustId) {
        NotificationConfig.Trust trust = config.trusts().get(trustId);
        if (trust == null || trust.govNotify().apiKey().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(NotifyApiKey.parse(trust.govNotify().apiKey().get()));
    }

    private NotifyApi api(String trustId) {
        // read when used rather than at start: a test stub's address is only known once the server listens
        String base = rawConfig.getOptionalValue("sen.notification.trusts." + trustId + ".notify.base-url", String.class)
                .orElse("https://api.notifications.service.gov.uk");
        return clients.computeIfAbsent(base, b -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(b))
                .connectTimeout(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(NotifyApi.class));
    }

    /**
     * Notify takes text values; a yes/no value drives its optional content ((name??text)). Empty when the stored
     * values are not the JSON object the planner writes: no later attempt could read them either.
     */
    private Optional<Map<String, String>> personalisation(String stored) {
        Map<String, String> values = new LinkedHashMap<>();
        if (stored == null) {
            return Optional.of(values);
        }
        try {
            Map<String, Object> parsed = json.readValue(stored, new TypeReference<Map<String, Object>>() {
            });
            parsed.forEach((k, v) -> values.put(k, v instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(v)));
        } catch (Exception e) {
            return Optional.empty();
        }
        return Optional.of(values);
    }

    private String field(String text, String name) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.hasNonNull(name) ? node.get(name).asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Notify's errors as "Error: message; ...", from {status_code, errors: [{error, message}]}. */
    private String errors(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.has("errors")) {
                List<String> parts = new ArrayList<>();
                node.get("errors").forEach(e -> parts.add(e.path("error").asText() + ": " + e.path("message").asText()));
                return String.join("; ", parts);
            }
        } catch (Exception e) {
            // not JSON: quote it as it came
        }
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
