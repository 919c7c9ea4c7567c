package uk.sen.notification.delivery;

import uk.sen.notification.domain.ReasonCode;

/** What a provider said about one message. */
public record DeliveryResult(Outcome outcome, String providerRef, String providerStatus, ReasonCode reasonCode,
        String detail) {

    public enum Outcome {
        /** Delivered as far as the provider can tell (an SMTP server accepted it). */
        DELIVERED,
        /** Accepted; the provider reports the outcome later (GOV.UK Notify). */
        ACCEPTED,
        /** Not sent this time; try again later. */
        TEMPORARY_FAILURE,
        /** Not sent, and trying again would not help. */
        PERMANENT_FAILURE
    }

    public static DeliveryResult delivered(String ref, String status) {
        return new DeliveryResult(Outcome.DELIVERED, ref, status, null, null);
    }

    public static DeliveryResult accepted(String ref, String status) {
        return new DeliveryResult(Outcome.ACCEPTED, ref, status, null, null);
    }

    public static DeliveryResult temporary(String detail) {
        return new DeliveryResult(Outcome.TEMPORARY_FAILURE, null, null, null, detail);
    }

    public static DeliveryResult permanent(ReasonCode code, String detail) {
        return new DeliveryResult(Outcome.PERMANENT_FAILURE, null, null, code, detail);
    }
}
