package uk.sen.notification.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import uk.sen.notification.domain.Agency;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.Contact;
import uk.sen.notification.domain.ContactKind;
import uk.sen.notification.domain.RecipientKind;
import uk.sen.notification.domain.RecipientSelector;
import uk.sen.notification.domain.StaffContact;
import uk.sen.notification.domain.StaffRole;

/** Who a rule's recipient selector stands for, for one trigger. */
@ApplicationScoped
public class Recipients {

    /** Someone a message can go to, with the addresses known for them. */
    public record Recipient(RecipientKind kind, UUID id, String name, Agency agency, String email, String mobile,
            Channel preferred, Set<Channel> reachable) {

        public String addressFor(Channel channel) {
            return channel == Channel.SMS ? mobile : email;
        }

        static Recipient of(Contact c) {
            return new Recipient(c.kind == ContactKind.AGENCY ? RecipientKind.AGENCY : RecipientKind.PARENT_CARER,
                    c.id, c.name, c.agency, c.email, c.mobile, c.preferredChannel, c.reachable());
        }

        static Recipient of(StaffContact s) {
            return new Recipient(RecipientKind.STAFF, s.id, s.name, null, s.email, null, Channel.EMAIL,
                    EnumSet.of(Channel.EMAIL));
        }
    }

    public static final String PARENT_INVITEE = "PARENT_OR_YOUNG_PERSON";

    private static final Logger LOG = Logger.getLogger(Recipients.class);

    @Inject
    EntityManager em;

    public List<Recipient> resolve(RecipientSelector selector, Trigger t) {
        return switch (selector) {
            case PARENTS_WITH_PR -> parentsWithResponsibility(t);
            case INVITED_PARENTS -> t.inviteeRoles().contains(PARENT_INVITEE) ? parentsWithResponsibility(t) : List.of();
            case INVITED_AGENCIES -> invitedAgencies(t);
            case REQUESTED_AGENCY -> requestedAgency(t);
            case SCHOOL_SENCO -> staff(t, StaffRole.SENCO);
            case SCHOOL_SLT -> staff(t, StaffRole.SLT);
        };
    }

    /** The recipient as the contacts hold them now, or null when removed. */
    public Recipient current(RecipientKind kind, UUID id) {
        if (kind == RecipientKind.STAFF) {
            StaffContact staff = StaffContact.findById(id);
            return staff == null ? null : Recipient.of(staff);
        }
        Contact contact = Contact.findById(id);
        return contact == null ? null : Recipient.of(contact);
    }

    /** The agencies the meeting's invitee roles stand for (table invitee_agency). */
    public Set<Agency> agenciesFor(Set<String> inviteeRoles) {
        Set<Agency> agencies = EnumSet.noneOf(Agency.class);
        if (inviteeRoles.isEmpty()) {
            return agencies;
        }
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT agency FROM invitee_agency WHERE invitee_role IN (:roles)")
                .setParameter("roles", inviteeRoles).getResultList();
        rows.forEach(a -> agencies.add(Agency.valueOf(a)));
        return agencies;
    }

    private List<Recipient> parentsWithResponsibility(Trigger t) {
        if (t.pupilId() == null) {
            return List.of();
        }
        return Contact.<Contact> list("pupilId = ?1 and trustId = ?2 and kind = ?3 and parentalResponsibility = true "
                + "order by createdAt", t.pupilId(), t.trustId(), ContactKind.PARENT_CARER)
                .stream().map(Recipient::of).toList();
    }

    private List<Recipient> invitedAgencies(Trigger t) {
        Set<Agency> agencies = agenciesFor(t.inviteeRoles());
        if (t.pupilId() == null || agencies.isEmpty()) {
            return List.of();
        }
        return Contact.<Contact> list("pupilId = ?1 and trustId = ?2 and kind = ?3 and agency in ?4 order by createdAt",
                t.pupilId(), t.trustId(), ContactKind.AGENCY, agencies).stream().map(Recipient::of).toList();
    }

    private List<Recipient> requestedAgency(Trigger t) {
        String requested = t.field("agency");
        if (t.pupilId() == null || requested == null) {
            return List.of();
        }
        Agency agency;
        try {
            agency = Agency.valueOf(requested);
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s %s asks agency %s, which this service does not know: no one is written to", t.type(), t.id(),
                    requested.replaceAll("[^A-Za-z0-9_]", "?"));
            return List.of();
        }
        return Contact.<Contact> list("pupilId = ?1 and trustId = ?2 and kind = ?3 and agency = ?4 order by createdAt",
                t.pupilId(), t.trustId(), ContactKind.AGENCY, agency).stream().map(Recipient::of).toList();
    }

    private List<Recipient> staff(Trigger t, StaffRole role) {
        if (t.schoolUrn() == null) {
            return List.of();
        }
        return StaffContact.<StaffContact> list("trustId = ?1 and schoolUrn = ?2 and role = ?3 order by createdAt",
                t.trustId(), t.schoolUrn(), role).stream().map(Recipient::of).toList();
    }
}
