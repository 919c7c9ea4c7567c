package uk.sen.notification.delivery;

import java.util.Set;

import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.Message;

/** A way out of the service: SMTP, or GOV.UK Notify. A trust uses one (sen.notification.trusts.<trust>.provider). */
public interface DeliveryProvider {

    String name();

    Set<Channel> channels();

    /** Whether it can attach the meeting's iCalendar file. */
    boolean attachesCalendar();

    /** Sends one message; blocking, called outside any transaction. Never throws for a delivery problem. */
    DeliveryResult send(Message message);
}
