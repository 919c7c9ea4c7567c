package uk.sen.notification.messaging;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.sen.platform.testing.EventSchemas;

/** The published schemas hold what the service sends and refuse what it must not (checked against real events in the flow tests). */
class NotificationEventSchemaTest {

    static String event(String status, String reasonCode, String channel) {
        return """
                {"messageId":"6f1c3c8e-2a44-4f0e-9a53-3c1b9e0a7d21","triggerId":"a4898ff1-59f1-4c25-b5d1-252ac6eb2b00",
                 "triggerType":"uk.sen.review.meeting-set","ruleId":"review-invitation.agencies",
                 "pupilId":"972e0c02-2e73-445e-81df-8f32b5162dcc","trustId":"northbridge","schoolUrn":"900101",
                 "recipientKind":"AGENCY","agency":"CAMHS","channel":"%s","provider":"SMTP","status":"%s",
                 "reasonCode":%s,"attempts":1,"resendOf":null,"occurredAt":"2026-11-23T10:15:30Z"}"""
                .formatted(channel, status, reasonCode == null ? "null" : "\"" + reasonCode + "\"");
    }

    @Test
    void acceptsEachKindOfOutcome() {
        EventSchemas.assertValid("notification", "message-delivered", event("DELIVERED", null, "EMAIL"));
        EventSchemas.assertValid("notification", "message-failed", event("UNCONFIRMED", "INTERRUPTED", "EMAIL"));
        EventSchemas.assertValid("notification", "message-failed", event("FAILED", "NO_CHANNEL", "NONE"));
        EventSchemas.assertValid("notification", "message-suppressed", event("SUPPRESSED", "NO_SHARING_BASIS", "EMAIL"));
    }

    @ParameterizedTest(name = "{0} {1} {2} via {3}")
    @CsvSource(nullValues = "-", value = {
            "message-delivered, FAILED, REJECTED, EMAIL",
            "message-delivered, DELIVERED, REJECTED, EMAIL",
            "message-delivered, DELIVERED, -, NONE",
            "message-failed, FAILED, -, EMAIL",
            "message-failed, FAILED, NO_SHARING_BASIS, EMAIL",
            "message-suppressed, SUPPRESSED, GAVE_UP, EMAIL",
            "message-suppressed, SUPPRESSED, NO_SHARING_BASIS, POST" })
    void refusesAnOutcomeThatContradictsItsType(String type, String status, String reasonCode, String channel) {
        assertThrows(AssertionError.class,
                () -> EventSchemas.assertValid("notification", type, event(status, reasonCode, channel)));
    }

    @Test
    void refusesAnEventWithoutItsIds() {
        assertThrows(AssertionError.class, () -> EventSchemas.assertValid("notification", "message-delivered",
                event("DELIVERED", null, "EMAIL").replace("\"messageId\":\"6f1c3c8e-2a44-4f0e-9a53-3c1b9e0a7d21\",", "")));
    }
}
