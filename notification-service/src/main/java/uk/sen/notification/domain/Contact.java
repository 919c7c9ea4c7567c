package uk.sen.notification.domain;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import uk.sen.platform.persistence.SchoolRecord;

/** A pupil's parent or carer, or the named contact at an agency involved with the pupil. */
@Entity
@Table(name = "contact")
public class Contact extends SchoolRecord {

    public UUID pupilId;
    @Enumerated(EnumType.STRING)
    public ContactKind kind;
    public String name;
    @Enumerated(EnumType.STRING)
    public Relationship relationship;
    public Boolean parentalResponsibility;
    @Enumerated(EnumType.STRING)
    public Agency agency;
    public String organisation;
    public String email;
    public String mobile;
    public String addressLine1;
    public String addressLine2;
    public String town;
    public String postcode;
    @Enumerated(EnumType.STRING)
    public Channel preferredChannel;
    public String createdBy;

    public void apply(ContactRules.ValidContact c) {
        kind = c.kind();
        name = c.name();
        relationship = c.relationship();
        parentalResponsibility = c.parentalResponsibility();
        agency = c.agency();
        organisation = c.organisation();
        email = c.email();
        mobile = c.mobile();
        addressLine1 = c.addressLine1();
        addressLine2 = c.addressLine2();
        town = c.town();
        postcode = c.postcode();
        preferredChannel = c.preferredChannel();
    }

    /** The channels this contact has an address for. */
    public Set<Channel> reachable() {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (email != null) {
            channels.add(Channel.EMAIL);
        }
        if (mobile != null) {
            channels.add(Channel.SMS);
        }
        if (addressLine1 != null && postcode != null) {
            channels.add(Channel.POST);
        }
        return channels;
    }
}
