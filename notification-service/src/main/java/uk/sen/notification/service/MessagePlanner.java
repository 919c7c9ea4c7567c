package uk.sen.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.TemplateException;
import uk.sen.notification.delivery.DeliveryProvider;
import uk.sen.notification.delivery.Providers;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.ChannelChoice;
import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.ICalendar;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageStatus;
import uk.sen.notification.domain.MessageTemplate;
import uk.sen.notification.domain.ReasonCode;
import uk.sen.notification.domain.RecipientKind;
import uk.sen.notification.domain.RecipientSelector;
import uk.sen.notification.domain.ReviewMeeting;
import uk.sen.notification.domain.RuleCondition;
import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.domain.StaffRole;
import uk.sen.notification.domain.TriggerEvent;
import uk.sen.notification.domain.TriggerRule;
import uk.sen.notification.events.NotificationEvents;
import uk.sen.notification.repository.MessageRepository;
import uk.sen.notification.service.Recipients.Recipient;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.tracing.TraceContext;

/**
 * Turns a trigger into message rows, in the transaction that handles the trigger (with the inbox record, for
 * events): for each matching rule and recipient, choose the channel, render the template, check the sharing basis
 * for agencies, and insert the message PENDING, or already FAILED or SUPPRESSED with why. The sender delivers the
 * PENDING ones afterwards, outside this transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MessagePlanner {

    /** Fired in a transaction that planned a message to send; the sender wakes when it commits. */
    public record Planned() {
    }

    public static final Planned PLANNED = new Planned();

    private static final Logger LOG = Logger.getLogger(MessagePlanner.class);

    @Inject
    RuleBook rules;

    @Inject
    EnglandClock clock;

    @Inject
    Recipients recipients;

    @Inject
    TemplateService templates;

    @Inject
    Personalisation personalisation;

    @Inject
    Providers providers;

    @Inject
    SharingGate sharing;

    @Inject
    MessageRepository messages;

    @Inject
    NotificationEvents events;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<Planned> planned;

    @ConfigProperty(name = "quarkus.mailer.from")
    String mailFrom;

    /** Creates the messages of every matching rule; returns how many were new. */
    public int plan(Trigger t) {
        return plan(t, null, false);
    }

    /** A contact added later gets what recent triggers of its pupil would have sent it, where the rule allows. */
    public int catchUp(Contact contact, Duration retention) {
        int created = 0;
        for (TriggerEvent stored : TriggerEvent.<TriggerEvent> list("pupilId = ?1 and receivedAt >= ?2 order by receivedAt",
                contact.pupilId, Instant.now().minus(retention))) {
            created += plan(fromStored(stored), contact.id, true);
        }
        return created;
    }

    /**
     * Keeps a trigger that a rule with a catch-up window may still owe to contacts added later; one with a supersede
     * key (a meeting set again) replaces the trigger kept before under that key.
     */
    public void keepForCatchUp(Trigger t, String supersedeKey) {
        if (!rules.keptForCatchUp(t.type())) {
            return;
        }
        if (supersedeKey != null) {
            TriggerEvent.delete("supersedeKey", supersedeKey);
        }
        TriggerEvent kept = new TriggerEvent();
        kept.eventId = t.id();
        kept.eventType = t.type();
        kept.pupilId = t.pupilId();
        kept.trustId = t.trustId();
        kept.schoolUrn = t.schoolUrn();
        kept.occurredAt = t.occurredAt();
        kept.receivedAt = t.receivedAt();
        kept.supersedeKey = supersedeKey;
        kept.data = write(t.fields());
        kept.persist();
    }

    Trigger fromStored(TriggerEvent e) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> fields = json.readValue(e.data, Map.class);
            return new Trigger(e.eventId, e.eventType, e.pupilId, e.trustId, e.schoolUrn, e.occurredAt, e.receivedAt,
                    Map.copyOf(fields));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored trigger " + e.eventId + " is not readable", ex);
        }
    }

    int plan(Trigger t, UUID onlyRecipient, boolean catchUp) {
        LocalDate today = clock.today();
        int created = 0;
        for (TriggerRule rule : rules.activeFor(t.type())) {
            if (catchUp && (rule.catchUpDays == 0
                    || t.receivedAt().isBefore(Instant.now().minus(Duration.ofDays(rule.catchUpDays))))) {
                continue;
            }
            RuleCondition condition;
            try {
                condition = RuleCondition.parse(rule.condition);
            } catch (IllegalArgumentException e) {
                LOG.errorf("Trigger rule %s has an unreadable condition and is skipped: %s", rule.id, e.getMessage());
                continue;
            }
            if (!condition.matches(t.fields(), today)) {
                continue;
            }
            List<Recipient> found = recipients.resolve(rule.recipients, t);
            if (found.isEmpty() && !catchUp && (rule.recipients == RecipientSelector.SCHOOL_SENCO
                    || rule.recipients == RecipientSelector.SCHOOL_SLT)) {
                LOG.warnf("Rule %s found no %s staff contact for school %s of trust %s: %s %s reaches no one",
                        rule.id, rule.recipients, t.schoolUrn(), t.trustId(), t.type(), t.id());
            }
            for (Recipient r : found) {
                if (onlyRecipient == null || onlyRecipient.equals(r.id())) {
                    created += create(t, rule, r, today) ? 1 : 0;
                }
            }
        }
        return created;
    }

    private boolean create(Trigger t, TriggerRule rule, Recipient r, LocalDate today) {
        KnownPupil pupil = t.pupilId() == null ? null : KnownPupil.findById(t.pupilId());
        String reference = pupil != null ? pupil.caseReference : t.pupilId() != null ? "pupil " + t.pupilId() : "-";
        Message m = newMessage(r, rule.templateKey);
        m.triggerId = t.id();
        m.triggerType = t.type();
        m.ruleId = rule.id;
        m.pupilId = t.pupilId();
        m.trustId = t.trustId();
        m.schoolUrn = t.schoolUrn();
        return addressAndInsert(m, r, rule.channel, () -> personalisation.build(t, r.id(), r.name(), reference),
                values -> rule.attachCalendar ? calendar(t, r, reference, values) : null, today);
    }

    /**
     * A new message with the old one's content to its recipient as the contacts hold them now (a corrected address,
     * a changed preference), checked against the sharing basis again. The old message stays as it was.
     */
    public Message resend(Message old, String actor) {
        Recipient r = recipients.current(old.recipientKind, old.recipientId);
        if (r == null) {
            throw ProblemException.conflict("The recipient of message " + old.id
                    + " has been removed from the contacts; add them again to write to them.");
        }
        TriggerRule rule = old.ruleId == null ? null : TriggerRule.findById(old.ruleId);
        Message m = newMessage(r, old.templateKey);
        m.triggerId = "resend:" + m.id;
        m.triggerType = old.triggerType;
        m.ruleId = old.ruleId;
        m.pupilId = old.pupilId;
        m.trustId = old.trustId;
        m.schoolUrn = old.schoolUrn;
        m.resendOf = old.id;
        m.requestedBy = actor;
        Supplier<Map<String, Object>> personalised = () -> {
            Map<String, Object> values = personalisation.completed(old.triggerType, read(old.personalisation));
            values.put("recipientName", r.name());
            return values;
        };
        // the old invitation still stands when it was made out to the address the recipient has now
        Function<Map<String, Object>, String> calendar = values -> old.calendar != null
                && old.calendar.contains("mailto:" + r.email()) ? old.calendar : null;
        addressAndInsert(m, r, rule == null ? ChannelChoice.PREFERRED : rule.channel, personalised, calendar,
                clock.today());
        return m;
    }

    private static Message newMessage(Recipient r, String templateKey) {
        Message m = new Message();
        m.id = UUID.randomUUID();
        m.recipientKind = r.kind();
        m.recipientId = r.id();
        m.recipientName = r.name();
        m.agency = r.agency();
        m.templateKey = templateKey;
        m.createdAt = Instant.now();
        m.traceparent = TraceContext.currentTraceparent();
        return m;
    }

    /**
     * Addresses a message to its recipient and inserts it (returning whether it was new): by the channel the rule
     * calls for that the recipient and the trust's provider can use, with the text of the trust's template rendered
     * with the values, and the calendar entry where an email by this provider can carry one; PENDING, or FAILED when
     * there is no channel or text, or SUPPRESSED when no basis allows sharing with the recipient's agency.
     */
    private boolean addressAndInsert(Message m, Recipient r, String ruleChannel,
            Supplier<Map<String, Object>> personalised, Function<Map<String, Object>, String> calendar,
            LocalDate today) {
        DeliveryProvider provider = providers.forTrust(m.trustId);
        ChannelChoice.Choice choice = ChannelChoice.choose(ruleChannel, r.preferred(), r.reachable(),
                provider.channels());
        if (!choice.found()) {
            m.channel = Message.NO_CHANNEL;
            return insert(m, MessageStatus.FAILED, ReasonCode.NO_CHANNEL, choice.reason());
        }
        Channel channel = choice.channel();
        m.channel = channel.name();
        m.address = r.addressFor(channel);
        m.provider = provider.name();
        Map<String, Object> values = personalised.get();
        m.personalisation = write(values);

        Optional<MessageTemplate> template = templates.effective(m.trustId, m.templateKey, channel);
        if (template.isEmpty()) {
            return insert(m, MessageStatus.FAILED, ReasonCode.NO_TEMPLATE,
                    "no template " + m.templateKey + " for " + channel);
        }
        try {
            TemplateService.Rendered rendered = templates.render(template.get(), values);
            m.subject = rendered.subject();
            m.body = rendered.body();
        } catch (TemplateException e) {
            return insert(m, MessageStatus.FAILED, ReasonCode.TEMPLATE_ERROR,
                    "template " + m.templateKey + "/" + channel + " could not be rendered: " + e.getMessage());
        }
        if (channel == Channel.EMAIL && provider.attachesCalendar()) {
            m.calendar = calendar.apply(values);
        }
        if (r.kind() == RecipientKind.AGENCY) {
            Optional<SharingGate.Refusal> refusal = sharing.refusal(m.pupilId, r.agency(), today);
            if (refusal.isPresent()) {
                return insert(m, MessageStatus.SUPPRESSED, refusal.get().code(), refusal.get().reason());
            }
        }
        m.nextAttemptAt = Instant.now();
        return insert(m, MessageStatus.PENDING, null, null);
    }

    private boolean insert(Message m, MessageStatus status, ReasonCode code, String reason) {
        m.status = status;
        m.reasonCode = code == null ? null : code.name();
        m.statusReason = reason;
        m.updatedAt = m.createdAt;
        boolean inserted = messages.insertIfAbsent(m);
        if (inserted) {
            metrics.counter("sen.notification.messages.created", "status", status.name()).increment();
            if (status != MessageStatus.PENDING) {
                events.announce(m);
            } else {
                planned.fire(PLANNED);
            }
        }
        return inserted;
    }

    /** The meeting invitation of a meeting trigger, for the recipient; null when there is none to give. */
    private String calendar(Trigger t, Recipient r, String reference, Map<String, Object> values) {
        String link = (String) values.get("link");
        String trustName = (String) values.get("trustName");
        String reviewId = t.field("reviewId");
        if (reviewId == null || t.date("meetingDate") == null || r.email() == null) {
            return null;
        }
        ReviewMeeting meeting = ReviewMeeting.findById(UUID.fromString(reviewId));
        StaffContact senco = t.schoolUrn() == null ? null : StaffContact.<StaffContact> find(
                "trustId = ?1 and schoolUrn = ?2 and role = ?3 order by createdAt", t.trustId(), t.schoolUrn(),
                StaffRole.SENCO).firstResult();
        return ICalendar.request(new ICalendar.Meeting(reviewId + "@review-meetings.sen-platform",
                meeting == null ? 0 : meeting.sequence, Instant.now(), t.date("meetingDate"),
                "Annual review meeting (" + reference + ")",
                "Annual review meeting, reference " + reference + "." + (link.isEmpty() ? "" : " Details: " + link),
                link.isEmpty() ? null : link,
                senco != null ? senco.name : trustName, senco != null ? senco.email : mailFrom, r.name(), r.email()));
    }

    private Map<String, Object> read(String stored) {
        try {
            return stored == null ? new LinkedHashMap<>()
                    : json.readValue(stored, new TypeReference<LinkedHashMap<String, Object>>() {
                    });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored personalisation is not JSON", e);
        }
    }

    private String write(Map<String, ?> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
