package uk.sen.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;
import uk.sen.notification.domain.Channel;
import uk.sen.notification.domain.EmailAddress;
import uk.sen.notification.domain.ICalendar;
import uk.sen.notification.domain.Message;
import uk.sen.notification.domain.ReasonCode;
import uk.sen.notification.domain.TemplateRules;

/**
 * Email through the Quarkus Mailer to the SMTP server (quarkus.mailer.*). Permanent, so FAILED at once: a message
 * that cannot be written as mail (an address that is not one, a subject that is not one header line: checked
 * first, and whatever else the mail library refuses to build) and the server's 5xx answers. Anything else (4xx, no
 * connection, time-out) is tried again.
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
        Optional<String> unsendable = unsendable(m);
        if (unsendable.isPresent()) {
            return DeliveryResult.permanent(ReasonCode.REJECTED, unsendable.get());
        }
        Mail mail = Mail.withText(m.address, m.subject, m.body).addHeader(MESSAGE_ID_HEADER, m.id.toString());
        if (m.calendar != null) {
            mail.addAttachment("invitation.ics", m.calendar.getBytes(StandardCharsets.UTF_8), ICalendar.CONTENT_TYPE);
        }
        try {
            mailer.send(mail);
            return DeliveryResult.delivered(null, "accepted by the SMTP server");
        } catch (RuntimeException e) {
            IllegalArgumentException malformed = cause(e, IllegalArgumentException.class);
            if (malformed != null) {
                // the mail library would refuse this message the same way at every attempt
                return DeliveryResult.permanent(ReasonCode.REJECTED, "not a message the mail library can send: "
                        + malformed.getMessage());
            }
            SMTPException smtp = cause(e, SMTPException.class);
            if (smtp != null && smtp.isPermanent()) {
                return DeliveryResult.permanent(ReasonCode.REJECTED, "SMTP " + smtp.getReplyCode() + " "
                        + smtp.getReplyMessage());
            }
            return DeliveryResult.temporary(smtp != null ? "SMTP " + smtp.getReplyCode() + " "
                    + smtp.getReplyMessage() : rootMessage(e));
        }
    }

    /** Why the message can never go as mail, or empty. */
    static Optional<String> unsendable(Message m) {
        Optional<String> address = EmailAddress.problem(m.address);
        if (address.isPresent()) {
            return Optional.of("the recipient's email address " + address.get());
        }
        return TemplateRules.subjectProblem(m.subject).map(problem -> "the subject " + problem);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
