package uk.sen.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.sen.notification.config.NotificationConfig;

/** The provider each trust sends through (sen.notification.trusts.<trust>.provider; SMTP when not set). */
@ApplicationScoped
public class Providers {

    @Inject
    NotificationConfig config;

    @Inject
    SmtpProvider smtp;

    @Inject
    NotifyProvider notify;

    public DeliveryProvider forTrust(String trustId) {
        NotificationConfig.Trust trust = config.trusts().get(trustId);
        return trust != null && trust.provider() == NotificationConfig.Provider.NOTIFY ? notify : smtp;
    }

    public DeliveryProvider named(String name) {
        return NotifyProvider.NAME.equals(name) ? notify : smtp;
    }
}
