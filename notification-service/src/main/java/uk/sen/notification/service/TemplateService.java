package uk.sen.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.MessageTemplate;
import uk.sen.notification.domain.TemplateRules;
import uk.sen.notification.domain.TriggerRule;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.web.Versions;

/**
 * Message templates: Qute text per template key and channel, a trust's own version beating the default. A trust's
 * version is checked before it is stored: it may use only the values its messages have and {@code {#if}}
 * ({@link TemplateRules}), and must render with those values; an email subject must be one line. Every template is
 * parsed and rendered by {@link TemplateRules#ENGINE}, never by the application's Qute engine, whose namespaces reach
 * the server's settings and beans.
 * Only the changes are transactional: a rendering failure is an outcome the planner records on the message, and
 * must not mark the caller's transaction (the event's) for rollback on its way through an interceptor.
 */
@ApplicationScoped
public class TemplateService {

    /** What a template produced. */
    public record Rendered(String subject, String body) {
    }

    /** What a trust admin sends to override a template. */
    @Schema(description = "A trust's own version of a template. Subject and body are Qute text that may use only the "
            + "values the template's messages have, by name ({meetingDate}), and {#if}/{#else}/{/if} on them",
            requiredProperties = "body")
    public record TemplateInput(
            @Schema(description = "Required for EMAIL, one line; a text message (SMS) has none",
                    examples = "Invitation: annual review meeting on {meetingDate}") String subject,
            @Schema(description = "At most 20,000 characters; a text message renders to at most 918",
                    maxLength = 20000,
                    examples = "Dear {recipientName},\n\nYou are invited to the annual review meeting on {meetingDate}.")
            String body,
            @Schema(description = "The matching template id in the trust's GOV.UK Notify service (a UUID), for a trust "
                    + "that sends through Notify", nullable = true, examples = "f33517ff-2a88-4f6e-b855-c550268ce08a")
            String notifyTemplateId) {
    }

    /** GOV.UK Notify's longest text message. */
    static final int MAX_SMS = 918;
    static final int MAX_BODY = 20_000;
    private static final Pattern UUID_FORMAT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    Personalisation personalisation;

    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<MessageTemplate> effective(String trustId, String key, Channel channel) {
        return MessageTemplate.effective(trustId, key, channel);
    }

    /** The templates a trust uses, its own where it has one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MessageTemplate> effectiveAll(String trustId) {
        Map<String, MessageTemplate> byKey = new LinkedHashMap<>();
        for (MessageTemplate t : MessageTemplate.<MessageTemplate> list("trustId is null")) {
            byKey.put(t.templateKey + "/" + t.channel, t);
        }
        for (MessageTemplate t : MessageTemplate.<MessageTemplate> list("trustId = ?1", trustId)) {
            byKey.put(t.templateKey + "/" + t.channel, t);
        }
        List<MessageTemplate> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing((MessageTemplate t) -> t.templateKey).thenComparing(t -> t.channel));
        return all;
    }

    public Rendered render(MessageTemplate t, Map<String, Object> values) {
        return render(t, values, true);
    }

    private Rendered render(MessageTemplate t, Map<String, Object> values, boolean cache) {
        String subject = t.subject == null ? null : render(t, "subject", t.subject, values, cache).strip();
        String body = render(t, "body", t.body, values, cache);
        return new Rendered(subject, body);
    }

    @Transactional
    public MessageTemplate override(String trustId, String key, String channelText, TemplateInput in, String ifMatch,
            String actor) {
        Channel channel = channelOf(channelText);
        MessageTemplate base = MessageTemplate.find("trustId is null and templateKey = ?1 and channel = ?2", key,
                channel).firstResult();
        if (base == null) {
            throw ProblemException.notFound("Template", key + "/" + channelText);
        }
        validate(key, channel, in);
        MessageTemplate own = MessageTemplate.find("trustId = ?1 and templateKey = ?2 and channel = ?3", trustId, key,
                channel).firstResult();
        if (own == null) {
            own = new MessageTemplate();
            own.id = UUID.randomUUID();
            own.trustId = trustId;
            own.templateKey = key;
            own.channel = channel;
        } else {
            Versions.requireMatch(ifMatch, own.version);
        }
        own.subject = blankToNull(in.subject());
        own.body = in.body();
        own.notifyTemplateId = blankToNull(in.notifyTemplateId());
        own.updatedAt = Instant.now();
        own.updatedBy = actor;
        own.persist();
        MessageTemplate.flush();
        return own;
    }

    @Transactional
    public void removeOverride(String trustId, String key, String channelText, String ifMatch) {
        Channel channel = channelOf(channelText);
        MessageTemplate own = MessageTemplate.find("trustId = ?1 and templateKey = ?2 and channel = ?3", trustId, key,
                channel).firstResult();
        if (own == null) {
            throw ProblemException.notFound("Trust template", key + "/" + channelText);
        }
        Versions.requireMatch(ifMatch, own.version);
        own.delete();
    }

    void validate(String key, Channel channel, TemplateInput in) {
        List<Violation> v = new ArrayList<>();
        if (in.body() == null || in.body().isBlank()) {
            v.add(new Violation("body", "is required"));
        } else if (in.body().length() > MAX_BODY) {
            v.add(new Violation("body", "is longer than " + MAX_BODY + " characters"));
        }
        if (channel == Channel.EMAIL && (in.subject() == null || in.subject().isBlank())) {
            v.add(new Violation("subject", "is required for an email"));
        } else {
            TemplateRules.subjectProblem(in.subject()).ifPresent(p -> v.add(new Violation("subject", p)));
        }
        if (channel == Channel.SMS && in.subject() != null && !in.subject().isBlank()) {
            v.add(new Violation("subject", "a text message has no subject"));
        }
        if (in.notifyTemplateId() != null && !in.notifyTemplateId().isBlank()
                && !UUID_FORMAT.matcher(in.notifyTemplateId().trim()).matches()) {
            v.add(new Violation("notifyTemplateId", "must be the GOV.UK Notify template id (a UUID)"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        MessageTemplate candidate = new MessageTemplate();
        candidate.id = UUID.randomUUID();
        candidate.subject = blankToNull(in.subject());
        candidate.body = in.body();
        Map<String, Template> parts = new LinkedHashMap<>();
        parse("subject", candidate.subject, parts, v);
        parse("body", candidate.body, parts, v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        List<String> triggerTypes = TriggerRule.<TriggerRule> list("templateKey", key).stream().map(r -> r.eventType)
                .distinct().toList();
        if (triggerTypes.isEmpty()) {
            // a template no rule uses yet may have what every message has
            refuseBeyond(parts, Personalisation.EVERY_MESSAGE);
        }
        for (String triggerType : triggerTypes) {
            Map<String, Object> sample = personalisation.sample(triggerType);
            refuseBeyond(parts, sample.keySet());
            try {
                Rendered r = render(candidate, sample, false);
                if (channel == Channel.SMS && r.body().length() > MAX_SMS) {
                    v.add(new Violation("body", "renders to " + r.body().length()
                            + " characters; a text message takes at most " + MAX_SMS));
                }
            } catch (TemplateException e) {
                v.add(new Violation("body", "does not work with the values a " + triggerType + " message has ("
                        + String.join(", ", sample.keySet()) + "): " + firstLine(e.getMessage())));
            }
            if (!v.isEmpty()) {
                throw ProblemException.invalid(v);
            }
        }
    }

    private String render(MessageTemplate t, String part, String content, Map<String, Object> values,
            boolean cache) {
        // stored templates are parsed and checked once per version; a candidate being checked is not kept
        Template template = cache ? parsed.computeIfAbsent(t.id + ":" + t.version + ":" + part, k -> stored(content))
                : TemplateRules.parse(content);
        TemplateInstance instance = template.instance();
        values.forEach(instance::data);
        return instance.render();
    }

    /**
     * A stored template checked again before its first use: one saved before templates were checked this way fails
     * its messages (TEMPLATE_ERROR, for good) rather than being rendered.
     */
    private static Template stored(String content) {
        Template template = TemplateRules.parse(content);
        List<String> refusals = TemplateRules.refusals(template, Personalisation.VOCABULARY);
        if (!refusals.isEmpty()) {
            throw new TemplateException("the template uses what no message may: " + String.join("; ", refusals));
        }
        return template;
    }

    /** Refuses the parts of a candidate that use more than these values and {#if}, naming what they use. */
    private static void refuseBeyond(Map<String, Template> parts, Collection<String> values) {
        List<Violation> v = new ArrayList<>();
        parts.forEach((part, template) -> TemplateRules.refusals(template, values)
                .forEach(reason -> v.add(new Violation(part, reason))));
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
    }

    /** Parses one part of a candidate; what does not parse is named in the violation, as Qute reports it. */
    private static void parse(String part, String content, Map<String, Template> parts, List<Violation> v) {
        if (content == null) {
            return;
        }
        try {
            parts.put(part, TemplateRules.parse(content));
        } catch (TemplateException e) {
            v.add(new Violation(part, "cannot be used as a template: " + firstLine(e.getMessage())
                    + " (a template may use the values of its message and {#if}, {#else}, {/if})"));
        }
    }

    private static Channel channelOf(String text) {
        try {
            return Channel.valueOf(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("Template channel", text);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "cannot render";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
