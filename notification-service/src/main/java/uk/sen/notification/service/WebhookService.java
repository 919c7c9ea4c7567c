package uk.sen.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.delivery.WebhookTarget;
import uk.sen.notification.domain.EmailAddress;
import uk.sen.notification.domain.WebhookDelivery;
import uk.sen.notification.domain.WebhookSignature;
import uk.sen.notification.domain.WebhookSubscription;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Versions;

/**
 * Webhook subscriptions of a trust's systems, kept by trust admins and integrations: create (the secret is shown
 * once), change, disable or enable, rotate the secret (the old one still signs for an overlap), remove; and the
 * delivery log with redelivery on request. A school-scoped integration subscribes for its schools only.
 */
@ApplicationScoped
@Transactional
public class WebhookService {

    /** Event types of the topics the service follows: the register's, the reviews' and the workload's. */
    private static final Pattern EVENT_TYPE = Pattern.compile("uk\\.sen\\.(register|review|workload)\\.[a-z][a-z0-9-]{0,80}");
    public static final int MAX_TYPES = 50;

    @Schema(description = "A webhook subscription", requiredProperties = { "url", "eventTypes", "alertEmail" })
    public record WebhookInput(
            @Schema(description = "Your endpoint: an https URL on a public address", maxLength = 2000,
                    examples = "https://hooks.trust.example/sen") String url,
            @Schema(description = "The event types to send (1 to 50), from the register, review and workload "
                    + "AsyncAPI documents", examples = "[\"uk.sen.register.pupil-registered\"]") List<String> eventTypes,
            @Schema(nullable = true, description = "What the endpoint is for, at most 200 characters",
                    maxLength = 200, examples = "Trust data warehouse") String description,
            @Schema(description = "Who is told when the endpoint keeps failing and the subscription is disabled",
                    examples = "it@trust.example") String alertEmail,
            @Schema(nullable = true, description = "false disables the subscription; true enables it again "
                    + "(deliveries waiting are then sent); true when left out") Boolean enabled) {
    }

    /** Wakes the sender after a commit that made deliveries due. */
    public record Due() {
    }

    private static final Due DUE = new Due();

    @Inject
    CallerScope caller;

    @Inject
    WebhookTarget target;

    @Inject
    NotificationConfig config;

    @Inject
    AuditLog audit;

    @Inject
    Event<Due> due;

    /** The subscriptions the caller may see: the trust's, or a school-scoped integration's own. */
    public PanacheQuery<WebhookSubscription> list() {
        String trust = caller.requireTrust();
        if (caller.isTrustWide()) {
            return WebhookSubscription.find("trustId = ?1 order by createdAt", trust);
        }
        return WebhookSubscription.find("trustId = ?1 and createdBy = ?2 order by createdAt", trust,
                caller.username());
    }

    public WebhookSubscription create(WebhookInput in) {
        String trust = caller.requireTrust();
        WebhookSubscription s = new WebhookSubscription();
        s.id = UUID.randomUUID();
        s.trustId = trust;
        s.schools = caller.isTrustWide() ? null : caller.schools().toArray(String[]::new);
        s.secret = WebhookSignature.newSecret();
        s.createdBy = caller.username();
        s.createdAt = Instant.now();
        apply(s, in);
        s.updatedAt = s.createdAt;
        s.persist();
        WebhookSubscription.flush();
        audit.record(AuditLog.CREATE, "webhook-subscription", s.id.toString(), trust, null);
        return s;
    }

    public WebhookSubscription get(UUID id) {
        WebhookSubscription s = WebhookSubscription.findById(id);
        if (s == null || !s.trustId.equals(caller.trustId())
                || !(caller.isTrustWide() || s.createdBy.equals(caller.username()))) {
            throw ProblemException.notFound("Webhook subscription", id);
        }
        return s;
    }

    public WebhookSubscription update(UUID id, String ifMatch, WebhookInput in) {
        WebhookSubscription s = get(id);
        Versions.requireMatch(ifMatch, s.version);
        boolean wasDisabled = s.status == WebhookSubscription.Status.DISABLED;
        apply(s, in);
        s.updatedAt = Instant.now();
        WebhookSubscription.flush();
        audit.record(AuditLog.UPDATE, "webhook-subscription", s.id.toString(), s.trustId, null);
        if (wasDisabled && s.status == WebhookSubscription.Status.ENABLED) {
            // what waited gets a fresh day of retries, from now
            WebhookDelivery.update("firstAttemptAt = null, nextAttemptAt = ?1 where subscriptionId = ?2 and status = ?3",
                    Instant.now(), s.id, WebhookDelivery.Status.PENDING);
            due.fire(DUE);
        }
        return s;
    }

    /** A new secret, shown once; the previous one still signs deliveries for the rotation overlap. */
    public WebhookSubscription rotateSecret(UUID id, String ifMatch) {
        WebhookSubscription s = get(id);
        Versions.requireMatch(ifMatch, s.version);
        Instant now = Instant.now();
        s.previousSecret = s.secret;
        s.previousSecretUntil = now.plus(config.webhooks().rotationOverlap());
        s.secret = WebhookSignature.newSecret();
        s.updatedAt = now;
        WebhookSubscription.flush();
        audit.record(AuditLog.UPDATE, "webhook-subscription", s.id.toString(), s.trustId, "secret rotated");
        return s;
    }

    public void delete(UUID id, String ifMatch) {
        WebhookSubscription s = get(id);
        Versions.requireMatch(ifMatch, s.version);
        s.delete();
        audit.record(AuditLog.DELETE, "webhook-subscription", id.toString(), s.trustId, null);
    }

    /** The subscription's deliveries, newest first; the records they name are audited. */
    public List<WebhookDelivery> deliveries(UUID id, int page, int size) {
        WebhookSubscription s = get(id);
        List<WebhookDelivery> list = WebhookDelivery.<WebhookDelivery> find(
                "subscriptionId = ?1 order by createdAt desc, seq desc", s.id).page(page, size).list();
        audit.record(AuditLog.LIST, "event-subject", list.stream().map(d -> d.subject).distinct().toList(),
                s.trustId, null, "webhook delivery log");
        return list;
    }

    public long countDeliveries(UUID id) {
        return WebhookDelivery.count("subscriptionId", get(id).id);
    }

    /** Sends a delivery again, whatever became of it: the same event id and body, a fresh day of retries. */
    public WebhookDelivery redeliver(UUID id, UUID deliveryId) {
        WebhookSubscription s = get(id);
        WebhookDelivery d = WebhookDelivery.findById(deliveryId);
        if (d == null || !d.subscriptionId.equals(s.id)) {
            throw ProblemException.notFound("Webhook delivery", deliveryId);
        }
        if (d.status == WebhookDelivery.Status.SENDING) {
            throw ProblemException.conflict("The delivery is being sent now; ask again when it has finished.");
        }
        d.status = WebhookDelivery.Status.PENDING;
        d.nextAttemptAt = Instant.now();
        d.firstAttemptAt = null;
        audit.record(AuditLog.UPDATE, "event-subject", d.subject, s.trustId, d.schoolUrn);
        due.fire(DUE);
        return d;
    }

    private void apply(WebhookSubscription s, WebhookInput in) {
        List<Violation> v = new ArrayList<>();
        target.refusal(in.url()).ifPresent(r -> v.add(new Violation("url", r)));
        Set<String> types = new LinkedHashSet<>();
        if (in.eventTypes() == null || in.eventTypes().isEmpty() || in.eventTypes().size() > MAX_TYPES) {
            v.add(new Violation("eventTypes", "must list 1 to " + MAX_TYPES + " event types"));
        } else {
            for (String type : in.eventTypes()) {
                if (type == null || !EVENT_TYPE.matcher(type).matches()) {
                    v.add(new Violation("eventTypes", "must be event types of the register, reviews or workload, "
                            + "such as uk.sen.register.pupil-registered"));
                    break;
                }
                types.add(type);
            }
        }
        String description = in.description() == null ? null : in.description().strip();
        if (description != null && description.length() > 200) {
            v.add(new Violation("description", "must be at most 200 characters"));
        }
        Optional<String> email = EmailAddress.problem(in.alertEmail());
        email.ifPresent(p -> v.add(new Violation("alertEmail", p)));
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        s.url = in.url();
        s.eventTypes = types.toArray(String[]::new);
        s.description = description == null || description.isEmpty() ? null : description;
        s.alertEmail = EmailAddress.normalise(in.alertEmail());
        boolean enable = in.enabled() == null || in.enabled();
        if (enable && s.status != WebhookSubscription.Status.ENABLED) {
            s.status = WebhookSubscription.Status.ENABLED;
            s.disabledReason = null;
            s.disabledAt = null;
        } else if (!enable && s.status != WebhookSubscription.Status.DISABLED) {
            s.status = WebhookSubscription.Status.DISABLED;
            s.disabledReason = "disabled by " + caller.username();
            s.disabledAt = Instant.now();
        }
    }
}
