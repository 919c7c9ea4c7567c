package uk.sen.notification.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of the trigger table: this event (when the condition holds) -> these recipients -> channel -> template. */
@Entity
@Table(name = "trigger_rule")
public class TriggerRule extends PanacheEntityBase {

    @Id
    public String id;
    public String eventType;
    public String condition;
    @Enumerated(EnumType.STRING)
    public RecipientSelector recipients;
    /** PREFERRED (the recipient's), EMAIL or SMS. */
    public String channel;
    public String templateKey;
    public boolean attachCalendar;
    /** For how many days after the event a contact added later still gets this message (0: never). */
    public int catchUpDays;
    public boolean active;
    public String description;
}
