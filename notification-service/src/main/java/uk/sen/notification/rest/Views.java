package uk.sen.notification.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.sen.notification.domain.Agency;
import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageTemplate;
import uk.sen.notification.domain.ReasonCode;
import uk.sen.notification.domain.Relationship;
import uk.sen.notification.domain.SharingBasis;
import uk.sen.notification.domain.SharingRecord;
import uk.sen.notification.domain.SharingRules;
import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.domain.TriggerRule;
import uk.sen.notification.domain.WebhookDelivery;
import uk.sen.notification.domain.WebhookSubscription;
import uk.sen.notification.service.ContributionLinks;

/** What the API returns; one record per resource, mapped from the entities here so resources stay thin. */
public final class Views {

    private Views() {
    }

    /**
     * Who delivers a message: the trust's mail server or GOV.UK Notify (the names of the delivery providers). Coded
     * fields that can be null are enums here, so that their schema admits null ({@code anyOf} the enum and null);
     * the JSON is the same text.
     */
    @Schema(description = "Who delivers a message: the trust's mail server (SMTP) or GOV.UK Notify (NOTIFY)")
    public enum Provider {
        SMTP, NOTIFY
    }

    @Schema(description = """
            A pupil as this service knows them from the register: where they are, their SEN provision and the case \
            reference messages use instead of anything about the child""")
    public record PupilView(
            @Schema(description = "The pupil's id in the register") UUID pupilId,
            @Schema(description = "The pupil's trust", examples = "northbridge") String trustId,
            @Schema(description = "The URN of the pupil's school", examples = "900101") String schoolUrn,
            @Schema(description = "SEN provision as the register last reported it: N none, K SEN support, E EHC plan",
                    enumeration = { "N", "K", "E" }, examples = "K") String provision,
            @Schema(description = "A random reference for messages and agencies; it says nothing about the child",
                    examples = "SEN-7KQ29FXD") String caseReference) {
        static PupilView of(KnownPupil p) {
            return new PupilView(p.pupilId, p.trustId, p.schoolUrn, p.provision, p.caseReference);
        }
    }

    @Schema(description = "A parent or carer of the pupil, or the named contact at an agency involved with them")
    public record ContactView(
            UUID id,
            @Schema(description = "The pupil the contact belongs to") UUID pupilId,
            @Schema(enumeration = { "PARENT_CARER", "AGENCY" }, examples = "PARENT_CARER") String kind,
            @Schema(examples = "Sam Taylor") String name,
            @Schema(description = "How a parent or carer is related to the pupil; null for an agency contact",
                    nullable = true) Relationship relationship,
            @Schema(description = """
                    Whether a parent or carer has parental responsibility (only they receive most messages); null for \
                    an agency contact""", nullable = true) Boolean parentalResponsibility,
            @Schema(description = "The agency of an agency contact; null for a parent or carer", nullable = true)
            Agency agency,
            @Schema(description = "The organisation of an agency contact", nullable = true,
                    examples = "Northbridge Community Health NHS Trust") String organisation,
            @Schema(nullable = true, examples = "sam.taylor@example.org") String email,
            @Schema(description = "UK mobile number, stored in international form", nullable = true,
                    examples = "+447700900123") String mobile,
            @Schema(nullable = true) String addressLine1,
            @Schema(nullable = true) String addressLine2,
            @Schema(nullable = true) String town,
            @Schema(nullable = true, examples = "NB1 2AB") String postcode,
            @Schema(description = """
                    How the contact prefers to hear; letters (POST) are not sent, so a message falls back to email, \
                    then text message""", enumeration = { "EMAIL", "SMS", "POST" },
                    examples = "EMAIL") String preferredChannel,
            @Schema(description = "The version, also sent as the ETag") long version,
            Instant createdAt,
            @Schema(description = "Who added the contact (user name, or the client of a system)") String createdBy,
            Instant updatedAt) {
        static ContactView of(Contact c) {
            return new ContactView(c.id, c.pupilId, c.kind.name(), c.name, c.relationship, c.parentalResponsibility,
                    c.agency, c.organisation, c.email, c.mobile, c.addressLine1,
                    c.addressLine2, c.town, c.postcode, c.preferredChannel.name(), c.version, c.createdAt, c.createdBy,
                    c.updatedAt);
        }
    }

    @Schema(description = """
            The recorded basis for sharing the pupil's information with one agency, and whether it allows sharing \
            today""")
    public record SharingView(
            @Schema(enumeration = { "EDUCATIONAL_PSYCHOLOGIST", "SPEECH_AND_LANGUAGE_THERAPY", "OCCUPATIONAL_THERAPY",
                    "CAMHS", "HEALTH", "SOCIAL_CARE", "LA_SEN_OFFICER" }, examples = "HEALTH") String agency,
            @Schema(description = "The UK GDPR basis", enumeration = { "CONSENT", "LEGAL_OBLIGATION", "PUBLIC_TASK" },
                    examples = "CONSENT") String basis,
            @Schema(description = "The day consent was given, or the basis applies from") LocalDate givenOn,
            @Schema(description = "The day consent was withdrawn or the basis ended; null while it holds",
                    nullable = true) LocalDate withdrawnOn,
            @Schema(nullable = true) String note,
            @Schema(description = "Whether messages to this agency's contacts may go today") boolean sharingAllowedToday,
            @Schema(description = "Why sharing is not allowed today; null when it is", nullable = true,
                    examples = "consent for sharing with health was withdrawn on 2026-03-02") String notAllowedBecause,
            @Schema(description = "The version, also sent as the ETag") long version,
            Instant updatedAt,
            @Schema(examples = "senco.harbour") String updatedBy) {
        static SharingView of(SharingBasis b, LocalDate today) {
            String why = SharingRules.whyNot(b.agency, b.toRule(), today).orElse(null);
            return new SharingView(b.agency.name(), b.basis.name(), b.givenOn, b.withdrawnOn, b.note, why == null, why,
                    b.version, b.updatedAt, b.updatedBy);
        }
    }

    @Schema(description = "A member of a school's staff who receives the service's alerts")
    public record StaffContactView(
            UUID id,
            @Schema(examples = "900101") String schoolUrn,
            @Schema(description = """
                    SENCO (deadline alerts) or SLT (missed statutory deadlines, SENCO time over allocation)""",
                    enumeration = { "SENCO", "SLT" }, examples = "SENCO") String role,
            @Schema(examples = "Jo Patel") String name,
            @Schema(examples = "senco@school.example") String email,
            @Schema(description = "The version, also sent as the ETag") long version) {
        static StaffContactView of(StaffContact s) {
            return new StaffContactView(s.id, s.schoolUrn, s.role.name(), s.name, s.email, s.version);
        }
    }

    @Schema(description = "One message to one recipient by one channel, and what happened to it (the delivery log)")
    public record MessageView(
            UUID id,
            Instant createdAt,
            @Schema(description = "The type of the event that caused it (internal.meeting-reminder for a reminder)",
                    examples = "uk.sen.review.meeting-set") String triggerType,
            @Schema(description = "The event id, or the reminder: or resend: key, that caused it") String triggerId,
            @Schema(description = "The trigger rule that chose the recipient; null when none did", nullable = true,
                    examples = "review-invitation.parents") String ruleId,
            @Schema(description = """
                    The pupil it is about; null for an alert about no one pupil (SENCO time over allocation)""",
                    nullable = true) UUID pupilId,
            @Schema(nullable = true, examples = "900101") String schoolUrn,
            @Schema(enumeration = { "PARENT_CARER", "AGENCY", "STAFF" }) String recipientKind,
            @Schema(description = "The contact or staff contact written to") UUID recipientId,
            @Schema(examples = "Sam Taylor") String recipientName,
            @Schema(description = "The agency of an agency recipient; null for anyone else", nullable = true)
            Agency agency,
            @Schema(description = """
                    NONE when no channel could reach the recipient (the message then FAILED with NO_CHANNEL)""",
                    enumeration = { "EMAIL", "SMS", "NONE" }) String channel,
            @Schema(description = "The email address or mobile number used; null when there was none",
                    nullable = true) String address,
            @Schema(description = """
                    Who delivers it: the trust's mail server (SMTP) or GOV.UK Notify; null when no channel was found""",
                    nullable = true) Provider provider,
            @Schema(examples = "review-invitation") String templateKey,
            @Schema(description = "The email's subject; null for a text message or a message never written",
                    nullable = true) String subject,
            @Schema(description = """
                    The text as sent, except that the token of a link to a contribution form (the recipient's own, \
                    which lets whoever holds it answer as them) shows as [hidden]; null when it could not be written \
                    (no channel, no template)""", nullable = true) String body,
            @Schema(description = "Whether an iCalendar invitation is attached") boolean calendarAttached,
            @Schema(description = """
                    PENDING waits to be sent; SENDING is being handed over; SENT was accepted by GOV.UK Notify; \
                    DELIVERED is confirmed (by SMTP: accepted by the mail server); FAILED will not be tried again; \
                    SUPPRESSED was not sent on purpose (reasonCode says why); UNCONFIRMED was interrupted while being \
                    sent, may or may not have arrived, and is never sent again by itself""",
                    enumeration = { "PENDING", "SENDING", "SENT", "DELIVERED", "FAILED", "SUPPRESSED",
                            "UNCONFIRMED" }) String status,
            @Schema(description = "Why it failed, was suppressed or is unconfirmed, as a code; null otherwise",
                    nullable = true) ReasonCode reasonCode,
            @Schema(description = "The same in words (may quote the provider's answer); null when there is none",
                    nullable = true) String statusReason,
            @Schema(description = "How many times it was handed to the provider") int attempts,
            @Schema(description = "When the next attempt falls due; null when none is planned", nullable = true)
            Instant nextAttemptAt,
            @Schema(description = "When the provider accepted it; null until then", nullable = true) Instant sentAt,
            @Schema(description = """
                    The provider's last word on it (GOV.UK Notify's status, or the mail server's answer)""",
                    nullable = true) String providerStatus,
            @Schema(description = "The message this one resends; null for a message a trigger created",
                    nullable = true) UUID resendOf,
            @Schema(description = "Who asked for the resend; null for a message a trigger created", nullable = true,
                    examples = "senco.harbour") String requestedBy) {
        static MessageView of(Message m) {
            return new MessageView(m.id, m.createdAt, m.triggerType, m.triggerId, m.ruleId, m.pupilId, m.schoolUrn,
                    m.recipientKind.name(), m.recipientId, m.recipientName, m.agency, m.channel, m.address,
                    m.provider == null ? null : Provider.valueOf(m.provider), m.templateKey, m.subject,
                    ContributionLinks.hidden(m.body),
                    m.calendar != null, m.status.name(), m.reasonCode == null ? null : ReasonCode.valueOf(m.reasonCode),
                    m.statusReason, m.attempts, m.nextAttemptAt, m.sentAt,
                    m.providerStatus, m.resendOf, m.requestedBy);
        }
    }

    @Schema(description = """
            What was shared with an agency contact, when, why and on what basis (UK GDPR accountability)""")
    public record SharingRecordView(
            UUID id,
            @Schema(description = "The message that shared it") UUID messageId,
            @Schema(enumeration = { "EDUCATIONAL_PSYCHOLOGIST", "SPEECH_AND_LANGUAGE_THERAPY", "OCCUPATIONAL_THERAPY",
                    "CAMHS", "HEALTH", "SOCIAL_CARE", "LA_SEN_OFFICER" }, examples = "HEALTH") String agency,
            @Schema(description = "The agency contact it went to") UUID contactId,
            @Schema(examples = "Dr Priya Shah") String recipientName,
            @Schema(description = "The email address or mobile number it went to", examples = "p.shah@nhs.example")
            String recipientAddress,
            @Schema(enumeration = { "EMAIL", "SMS" }) String channel,
            Instant sharedAt,
            @Schema(description = "What was shared: the template, channel, subject and the names of the values it carried",
                    examples = "review-invitation-agency by EMAIL, subject \"Annual review meeting SEN-7KQ29FXD on "
                            + "2026-05-14\", with a calendar entry; values: meetingDate, recipientName, reference")
            String what,
            @Schema(description = "Why: the rule, and the event that triggered it") String why,
            @Schema(description = "The UK GDPR basis it was shared on",
                    enumeration = { "CONSENT", "LEGAL_OBLIGATION", "PUBLIC_TASK" }) String basis,
            @Schema(description = "The day that basis was given") LocalDate basisGivenOn) {
        static SharingRecordView of(SharingRecord r) {
            return new SharingRecordView(r.id, r.messageId, r.agency.name(), r.contactId, r.recipientName,
                    r.recipientAddress, r.channel, r.sharedAt, r.what, r.why, r.basis.name(), r.basisGivenOn);
        }
    }

    @Schema(description = "A message template as a trust uses it: its own version (source TRUST) or the default")
    public record TemplateView(
            @Schema(examples = "review-invitation") String templateKey,
            @Schema(enumeration = { "EMAIL", "SMS" }, examples = "EMAIL") String channel,
            @Schema(description = "TRUST for the trust's own version, DEFAULT for the platform's",
                    enumeration = { "DEFAULT", "TRUST" }) String source,
            @Schema(description = "The email's subject (Qute text); null for a text message", nullable = true,
                    examples = "Invitation: annual review meeting on {meetingDate}") String subject,
            @Schema(description = "The text (Qute: the message's values by name, and {#if})") String body,
            @Schema(description = "The matching template in the trust's GOV.UK Notify service; null when not set",
                    nullable = true, examples = "f33517ff-2a88-4f6e-b855-c550268ce08a") String notifyTemplateId,
            @Schema(description = "The version; the ETag of a trust's own version") long version,
            Instant updatedAt,
            @Schema(examples = "trust.admin") String updatedBy) {
        static TemplateView of(MessageTemplate t) {
            return new TemplateView(t.templateKey, t.channel.name(), t.trustId == null ? "DEFAULT" : "TRUST",
                    t.subject, t.body, t.notifyTemplateId, t.version, t.updatedAt, t.updatedBy);
        }
    }

    @Schema(description = """
            One trigger rule: this event (when the condition holds) -> these recipients -> channel -> template""")
    public record RuleView(
            @Schema(examples = "review-invitation.parents") String id,
            @Schema(examples = "uk.sen.review.meeting-set") String eventType,
            @Schema(description = """
                    Clauses field op value joined by and (a value may be today, today-N, today+N); null when the rule \
                    always applies""", nullable = true, examples = "meetingDate>=today")
            String condition,
            @Schema(description = "Who it writes to", enumeration = { "PARENTS_WITH_PR", "INVITED_PARENTS",
                    "INVITED_AGENCIES", "REQUESTED_AGENCY", "SCHOOL_SENCO", "SCHOOL_SLT" }) String recipients,
            @Schema(description = """
                    PREFERRED follows the recipient's preference (falling back to email, then text message)""",
                    enumeration = { "PREFERRED", "EMAIL", "SMS" }) String channel,
            @Schema(examples = "review-invitation") String templateKey,
            @Schema(description = "Whether an email carries an iCalendar invitation") boolean attachCalendar,
            @Schema(description = """
                    For how many days after the event a contact added later still gets the message (0: never)""")
                    int catchUpDays,
            boolean active,
            String description) {
        static RuleView of(TriggerRule r) {
            return new RuleView(r.id, r.eventType, r.condition, r.recipients.name(), r.channel, r.templateKey,
                    r.attachCalendar, r.catchUpDays, r.active, r.description);
        }
    }

    @Schema(description = "A webhook subscription of a trust's system")
    public record WebhookView(
            UUID id,
            @Schema(examples = "https://hooks.trust.example/sen") String url,
            @Schema(nullable = true, examples = "Trust data warehouse") String description,
            @Schema(examples = "[\"uk.sen.register.pupil-registered\"]") List<String> eventTypes,
            @Schema(nullable = true, description = "Only events of these schools (a school-scoped integration's); "
                    + "null for the whole trust") List<String> schools,
            @Schema(examples = "it@trust.example") String alertEmail,
            @Schema(enumeration = { "ENABLED", "DISABLED" }, examples = "ENABLED") String status,
            @Schema(nullable = true, description = "Why it was disabled (its endpoint kept failing, or by whom)")
            String disabledReason,
            @Schema(nullable = true) Instant disabledAt,
            @Schema(nullable = true, description = "Until when the previous secret also signs deliveries, after a "
                    + "rotation") Instant previousSecretValidUntil,
            Instant createdAt,
            @Schema(description = "The version, also sent as the ETag") long version,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(nullable = true, description = """
                    The secret that signs deliveries (Standard Webhooks: whsec_ and base64), only in the answer to \
                    creating the subscription and to rotating its secret: keep it then, it is not shown again""")
            String secret) {
        static WebhookView of(WebhookSubscription s) {
            return of(s, false);
        }

        /** With the secret: only in the answer that made it. */
        static WebhookView withSecret(WebhookSubscription s) {
            return of(s, true);
        }

        private static WebhookView of(WebhookSubscription s, boolean secret) {
            return new WebhookView(s.id, s.url, s.description, List.of(s.eventTypes),
                    s.schools == null ? null : List.of(s.schools), s.alertEmail, s.status.name(), s.disabledReason,
                    s.disabledAt, s.previousSecretUntil != null && s.previousSecretUntil.isAfter(Instant.now())
                            ? s.previousSecretUntil : null, s.createdAt, s.version, secret ? s.secret : null);
        }
    }

    @Schema(description = "One event sent (or being sent) to one webhook subscription: the delivery log")
    public record WebhookDeliveryView(
            UUID id,
            @Schema(description = "The event's id, sent as webhook-id") String eventId,
            @Schema(examples = "uk.sen.register.pupil-registered") String eventType,
            @Schema(description = "What the event is about (a pupil's id, mostly)") String subject,
            @Schema(nullable = true, examples = "900101") String schoolUrn,
            @Schema(enumeration = { "PENDING", "SENDING", "DELIVERED", "FAILED" }, examples = "DELIVERED") String status,
            int attempts,
            @Schema(nullable = true) Instant firstAttemptAt,
            @Schema(nullable = true, description = "When it is tried next (PENDING)") Instant nextAttemptAt,
            @Schema(nullable = true, description = "The endpoint's last HTTP status") Integer lastStatusCode,
            @Schema(nullable = true, description = "Why the last attempt failed") String lastError,
            @Schema(nullable = true) Instant deliveredAt,
            Instant createdAt) {
        static WebhookDeliveryView of(WebhookDelivery d) {
            return new WebhookDeliveryView(d.id, d.eventId, d.eventType, d.subject, d.schoolUrn, d.status.name(),
                    d.attempts, d.firstAttemptAt, d.nextAttemptAt, d.lastStatusCode, d.lastError, d.deliveredAt,
                    d.createdAt);
        }
    }
}
