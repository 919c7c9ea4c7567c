package uk.sen.notification.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageTemplate;
import uk.sen.notification.domain.SharingBasis;
import uk.sen.notification.domain.SharingRecord;
import uk.sen.notification.domain.SharingRules;
import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.domain.TriggerRule;

/** What the API returns; one record per resource, mapped from the entities here so resources stay thin. */
public final class Views {

    private Views() {
    }

    public record PupilView(UUID pupilId, String trustId, String schoolUrn, String provision, String caseReference) {
        static PupilView of(KnownPupil p) {
            return new PupilView(p.pupilId, p.trustId, p.schoolUrn, p.provision, p.caseReference);
        }
    }

    public record ContactView(UUID id, UUID pupilId, String kind, String name, String relationship,
            Boolean parentalResponsibility, String agency, String organisation, String email, String mobile,
            String addressLine1, String addressLine2, String town, String postcode, String preferredChannel,
            long version, Instant createdAt, String createdBy, Instant updatedAt) {
        static ContactView of(Contact c) {
            return new ContactView(c.id, c.pupilId, c.kind.name(), c.name,
                    c.relationship == null ? null : c.relationship.name(), c.parentalResponsibility,
                    c.agency == null ? null : c.agency.name(), c.organisation, c.email, c.mobile, c.addressLine1,
                    c.addressLine2, c.town, c.postcode, c.preferredChannel.name(), c.version, c.createdAt, c.createdBy,
                    c.updatedAt);
        }
    }

    public record SharingView(String agency, String basis, LocalDate givenOn, LocalDate withdrawnOn, String note,
            boolean sharingAllowedToday, String notAllowedBecause, long version, Instant updatedAt, String updatedBy) {
        static SharingView of(SharingBasis b, LocalDate today) {
            String why = SharingRules.whyNot(b.agency, b.toRule(), today).orElse(null);
            return new SharingView(b.agency.name(), b.basis.name(), b.givenOn, b.withdrawnOn, b.note, why == null, why,
                    b.version, b.updatedAt, b.updatedBy);
        }
    }

    public record StaffContactView(UUID id, String schoolUrn, String role, String name, String email, long version) {
        static StaffContactView of(StaffContact s) {
            return new StaffContactView(s.id, s.schoolUrn, s.role.name(), s.name, s.email, s.version);
        }
    }

    public record MessageView(UUID id, Instant createdAt, String triggerType, String triggerId, String ruleId,
            UUID pupilId, String schoolUrn, String recipientKind, UUID recipientId, String recipientName,
            String agency, String channel, String address, String provider, String templateKey, String subject,
            String body, boolean calendarAttached, String status, String reasonCode, String statusReason,
            int attempts, Instant nextAttemptAt, Instant sentAt, String providerStatus, UUID resendOf,
            String requestedBy) {
        static MessageView of(Message m) {
            return new MessageView(m.id, m.createdAt, m.triggerType, m.triggerId, m.ruleId, m.pupilId, m.schoolUrn,
                    m.recipientKind.name(), m.recipientId, m.recipientName, m.agency == null ? null : m.agency.name(),
                    m.channel, m.address, m.provider, m.templateKey, m.subject, m.body, m.calendar != null,
                    m.status.name(), m.reasonCode, m.statusReason, m.attempts, m.nextAttemptAt, m.sentAt,
                    m.providerStatus, m.resendOf, m.requestedBy);
        }
    }

    public record SharingRecordView(UUID id, UUID messageId, String agency, UUID contactId, String recipientName,
            String recipientAddress, String channel, Instant sharedAt, String what, String why, String basis,
            LocalDate basisGivenOn) {
        static SharingRecordView of(SharingRecord r) {
            return new SharingRecordView(r.id, r.messageId, r.agency.name(), r.contactId, r.recipientName,
                    r.recipientAddress, r.channel, r.sharedAt, r.what, r.why, r.basis.name(), r.basisGivenOn);
        }
    }

    public record TemplateView(String templateKey, String channel, String source, String subject, String body,
            String notifyTemplateId, long version, Instant updatedAt, String updatedBy) {
        static TemplateView of(MessageTemplate t) {
            return new TemplateView(t.templateKey, t.channel.name(), t.trustId == null ? "DEFAULT" : "TRUST",
                    t.subject, t.body, t.notifyTemplateId, t.version, t.updatedAt, t.updatedBy);
        }
    }

    public record RuleView(String id, String eventType, String condition, String recipients, String channel,
            String templateKey, boolean attachCalendar, int catchUpDays, boolean active, String description) {
        static RuleView of(TriggerRule r) {
            return new RuleView(r.id, r.eventType, r.condition, r.recipients.name(), r.channel, r.templateKey,
                    r.attachCalendar, r.catchUpDays, r.active, r.description);
        }
    }
}
