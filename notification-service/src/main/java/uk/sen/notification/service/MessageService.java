package uk.sen.notification.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.MessageStatus;
import uk.sen.notification.domain.StaffContact;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;

/** The delivery log, per pupil and per recipient, and resending by a SENCO. */
@ApplicationScoped
@Transactional
public class MessageService {

    @Inject
    PupilDirectory pupils;

    @Inject
    ContactService contacts;

    @Inject
    StaffContactService staff;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    MessagePlanner planner;

    public PanacheQuery<Message> forPupil(UUID pupilId, MessageStatus status) {
        KnownPupil pupil = pupils.inScope(pupilId);
        audit.record(AuditLog.LIST, "pupil", List.of(pupilId.toString()), pupil.trustId, pupil.schoolUrn,
                "delivery log");
        return status == null ? Message.find("pupilId = ?1 order by createdAt desc", pupilId)
                : Message.find("pupilId = ?1 and status = ?2 order by createdAt desc", pupilId, status);
    }

    /** Messages to one contact of a pupil, or to one member of staff. */
    public PanacheQuery<Message> forRecipient(UUID recipientId) {
        Contact contact = Contact.findById(recipientId);
        if (contact != null) {
            contacts.inScope(recipientId);
            audit.record(AuditLog.LIST, "pupil", List.of(contact.pupilId.toString()), contact.trustId,
                    contact.schoolUrn, "delivery log of contact " + recipientId);
        } else {
            StaffContact member = staff.get(recipientId);
            // staff are not pupil-level data; their own messages are named by their id
            audit.record(AuditLog.LIST, "staff-contact", List.of(member.id.toString()), member.trustId,
                    member.schoolUrn, "delivery log");
        }
        return Message.find("recipientId = ?1 order by createdAt desc", recipientId);
    }

    public Message get(UUID id) {
        Message m = inScope(id);
        record(AuditLog.READ, m, "message " + m.id);
        return m;
    }

    public Message resend(UUID id) {
        Message old = inScope(id);
        if (old.status == MessageStatus.PENDING || old.status == MessageStatus.SENDING) {
            throw ProblemException.conflict("Message " + id + " is " + old.status
                    + "; it has not been tried yet, so there is nothing to resend.");
        }
        Message m = planner.resend(old, caller.username());
        record(AuditLog.CREATE, m, "message " + m.id + " resends " + old.id);
        return m;
    }

    /** A message about a pupil is audited as the pupil's; one to staff alone by its own id. */
    private void record(String action, Message m, String detail) {
        audit.record(action, m.pupilId == null ? "message" : "pupil",
                List.of(m.pupilId == null ? m.id.toString() : m.pupilId.toString()), m.trustId, m.schoolUrn, detail);
    }

    private Message inScope(UUID id) {
        Message m = Message.findById(id);
        if (m == null || !caller.coversSchool(m.trustId, m.schoolUrn)) {
            throw ProblemException.notFound("Message", id);
        }
        return m;
    }
}
