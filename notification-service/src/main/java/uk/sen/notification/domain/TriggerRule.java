package uk.sen.notification.domain;

import jakarta.persistence.Column;
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
    @Column(name = "event_type")
    public String eventType;
    public String condition;
    @Enumerated(EnumType.STRING)
    public RecipientSelector recipients;
    /** PREFERRED (the recipient's), EMAIL or SMS. */
    public String channel;
    @Column(name = "template_key")
    public String templateKey;
    @Column(name = "attach_calendar")
    public boolean attachCalendar;
    /** For how many days after the event a contact added later still gets this message (0: never). */
    @Column(name = "catch_up_days")
    public int catchUpDays;
    public boolean active;
    public String description;
}
