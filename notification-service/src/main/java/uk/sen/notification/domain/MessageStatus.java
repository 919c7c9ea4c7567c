package uk.sen.notification.domain;

/**
 * Where a message is. PENDING waits for the sender; SENDING is claimed by one sender; SENT is accepted by the
 * provider (GOV.UK Notify: still in progress); DELIVERED is confirmed (SMTP: accepted by the mail server);
 * FAILED will not be tried again; SUPPRESSED was not sent on purpose (with why); UNCONFIRMED was interrupted while
 * being sent, so it may or may not have arrived, and is never sent again automatically.
 */
public enum MessageStatus {
    PENDING, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED, UNCONFIRMED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == SUPPRESSED || this == UNCONFIRMED;
    }
}
