package uk.sen.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.ICalendar;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.ReasonCode;

/**
 * Email through the Quarkus Mailer to the SMTP server (quarkus.mailer.*). The server's 5xx answers are permanent,
 * anything else (4xx, no connection, time-out) is tried again.
 */
@ApplicationScoped
public class SmtpProvider implements DeliveryProvider {

    public static final String NAME = "SMTP";
    public static final String MESSAGE_ID_HEADER = "X-SEN-Message-Id";

    @Inject
    Mailer mailer;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.EMAIL);
    }

    @Override
    public boolean attachesCalendar() {
        return true;
    }

    @Override
    public DeliveryResult send(Message m) {
        if (!"EMAIL".equals(m.channel)) {
            return DeliveryResult.permanent(ReasonCode.NO_CHANNEL, "SMTP sends email only, not " + m.channel);
        }
        Mail mail = Mail.withText(m.address, m.subject, m.body).addHeader(MESSAGE_ID_HEADER, m.id.toString());
        if (m.calendar != null) {
            mail.addAttachment("invitation.ics", m.calendar.getBytes(StandardCharsets.UTF_8), ICalendar.CONTENT_TYPE);
        }
        try {
            mailer.send(mail);
            return DeliveryResult.delivered(null, "accepted by the SMTP server");
        } catch (RuntimeException e) {
            SMTPException smtp = smtpCause(e);
            if (smtp != null && smtp.isPermanent()) {
                return DeliveryResult.permanent(ReasonCode.REJECTED, "SMTP " + smtp.getReplyCode() + " "
                        + smtp.getReplyMessage());
            }
            return DeliveryResult.temporary(smtp != null ? "SMTP " + smtp.getReplyCode() + " "
                    + smtp.getReplyMessage() : rootMessage(e));
        }
    }

    private static SMTPException smtpCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPException s) {
                return s;
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
