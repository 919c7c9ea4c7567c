package uk.sen.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import uk.sen.notification.config.NotificationConfig;
import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.ContactInput;
import uk.sen.notification.domain.ContactKind;
import uk.sen.notification.domain.ContactRules;
import uk.sen.notification.domain.KnownPupil;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.problem.Violation;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Versions;

/**
 * A pupil's parents, carers and agency contacts. Every read and change is audited; a new contact immediately gets
 * what recent triggers of the pupil still owe it (e.g. the news that SEN support started).
 */
@ApplicationScoped
@Transactional
public class ContactService {

    @Inject
    PupilDirectory pupils;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    MessagePlanner planner;

    @Inject
    NotificationConfig config;

    public PanacheQuery<Contact> list(UUID pupilId, String kind) {
        KnownPupil pupil = pupils.inScope(pupilId);
        audit.record(AuditLog.LIST, "pupil", pupilId.toString(), pupil.trustId, pupil.schoolUrn);
        if (kind == null) {
            return Contact.find("pupilId = ?1 order by kind desc, createdAt", pupilId);
        }
        List<Violation> violations = new ArrayList<>();
        ContactKind k = ContactRules.parse(ContactKind.class, kind, "kind", violations, true);
        if (k == null) {
            throw ProblemException.invalid(violations);
        }
        return Contact.find("pupilId = ?1 and kind = ?2 order by createdAt", pupilId, k);
    }

    public Contact get(UUID id) {
        Contact c = inScope(id);
        audit.record(AuditLog.READ, "pupil", c.pupilId.toString(), c.trustId, c.schoolUrn);
        return c;
    }

    public Contact create(UUID pupilId, ContactInput in) {
        KnownPupil pupil = pupils.inScope(pupilId);
        ContactRules.Checked checked = ContactRules.check(in);
        if (!checked.valid()) {
            throw ProblemException.invalid(checked.violations());
        }
        return add(pupil, checked.contact(), "API");
    }

    /** Adds a contact that passed the rules (API or CSV import) and catches it up with recent triggers. */
    Contact add(KnownPupil pupil, ContactRules.ValidContact valid, String how) {
        Contact c = new Contact();
        c.id = UUID.randomUUID();
        c.pupilId = pupil.pupilId;
        c.trustId = pupil.trustId;
        c.schoolUrn = pupil.schoolUrn;
        c.apply(valid);
        c.createdAt = Instant.now();
        c.updatedAt = c.createdAt;
        c.createdBy = caller.username();
        c.persist();
        Contact.flush();
        audit.record(AuditLog.CREATE, "pupil", List.of(pupil.pupilId.toString()), pupil.trustId,
                pupil.schoolUrn, "contact " + c.id + " (" + c.kind + ") added by " + how);
        planner.catchUp(c, Duration.ofDays(config.triggerRetentionDays()));
        return c;
    }

    public Contact update(UUID id, String ifMatch, ContactInput in) {
        Contact c = inScope(id);
        Versions.requireMatch(ifMatch, c.version);
        ContactRules.Checked checked = ContactRules.check(in);
        if (!checked.valid()) {
            throw ProblemException.invalid(checked.violations());
        }
        if (checked.contact().kind() != c.kind) {
            throw ProblemException.rule("kind", "a " + c.kind + " contact cannot become " + checked.contact().kind()
                    + "; add a new contact and remove this one");
        }
        c.apply(checked.contact());
        c.updatedAt = Instant.now();
        Contact.flush();
        audit.record(AuditLog.UPDATE, "pupil", List.of(c.pupilId.toString()), c.trustId, c.schoolUrn,
                "contact " + c.id);
        return c;
    }

    public void delete(UUID id, String ifMatch) {
        Contact c = inScope(id);
        Versions.requireMatch(ifMatch, c.version);
        c.delete();
        audit.record(AuditLog.DELETE, "pupil", List.of(c.pupilId.toString()), c.trustId, c.schoolUrn,
                "contact " + c.id);
    }

    Contact inScope(UUID id) {
        Contact c = Contact.findById(id);
        if (c == null || !caller.coversSchool(c.trustId, c.schoolUrn)) {
            throw ProblemException.notFound("Contact", id);
        }
        return c;
    }
}
