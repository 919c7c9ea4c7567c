package uk.sen.notification.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why a message failed or was suppressed, as a code that carries no personal data (events carry the code; the
 * words, which may quote a provider's answer, stay in the delivery log).
 */
@Schema(description = "Why a message was not delivered, without personal data. Suppressed: NO_SHARING_BASIS (nothing "
        + "recorded allows sharing with the agency), SHARING_NOT_ALLOWED (consent or the basis was withdrawn, or has not "
        + "started), CONTACT_REMOVED. Failed: NO_CHANNEL (no address the provider can send to), NO_TEMPLATE, "
        + "TEMPLATE_ERROR, NOT_CONFIGURED (the trust's provider is not set up), REJECTED (refused for good by the "
        + "provider), GAVE_UP (temporary failures until the attempts ran out), NOT_DELIVERED (the provider reported it "
        + "could not deliver). Unconfirmed: INTERRUPTED (the sender stopped between handing it over and recording the "
        + "result)")
public enum ReasonCode {
    /** Suppressed: nothing recorded that allows sharing with the agency. */
    NO_SHARING_BASIS,
    /** Suppressed: consent or the basis was withdrawn, or has not started yet. */
    SHARING_NOT_ALLOWED,
    /** Suppressed: the contact was removed before the message went. */
    CONTACT_REMOVED,
    /** Failed: the recipient has no address the trust's provider can send to. */
    NO_CHANNEL,
    /** Failed: no template (or no GOV.UK Notify template id) for the message and channel. */
    NO_TEMPLATE,
    /** Failed: the template could not be rendered. */
    TEMPLATE_ERROR,
    /** Failed: the trust's provider is not configured (e.g. no Notify API key). */
    NOT_CONFIGURED,
    /** Failed: the provider refused the message for good. */
    REJECTED,
    /** Failed: temporary failures until the attempts ran out. */
    GAVE_UP,
    /** Failed: the provider reported it could not deliver. */
    NOT_DELIVERED,
    /** Unconfirmed: the sender was interrupted between handing it over and recording the result. */
    INTERRUPTED
}
