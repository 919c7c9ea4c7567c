package uk.sen.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GOV.UK Notify: API key format, the JWT, and what its statuses and HTTP answers mean. */
class NotifyRulesTest {

    static final String SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506";
    static final String SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0";

    @Test
    void signsTheDocumentedClaimsWithHs256() {
        // expected value computed independently (Python hmac/hashlib) from the documented example key and iat
        assertEquals("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiIyNjc4NWEwOS1hYjE2LTRlYjAtODQwNy1hMzc0OTdhNTc1MDYiLCJpYXQiOjE1Njg4MTg1Nzh9"
                + ".YT_aQYNif0l3HaPwy62Cj9g0qsYzjnj1K5pLwkELiFw",
                NotifyJwt.token(SERVICE_ID, SECRET, 1568818578L));
    }

    @Test
    void makesTheTokenFromTheApiKeyAndTheTime() {
        NotifyApiKey key = NotifyApiKey.parse("my_test_key-" + SERVICE_ID + "-" + SECRET);
        assertEquals(NotifyJwt.token(SERVICE_ID, SECRET, 1568818578L),
                NotifyJwt.token(key, Instant.ofEpochSecond(1568818578L)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "my_test_key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0 | my_test_key",
            "live-key-with-dashes-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0 | live-key-with-dashes" })
    void readsTheKeyNameServiceIdAndSecret(String key, String name) {
        NotifyApiKey parsed = NotifyApiKey.parse(key);
        assertEquals(name, parsed.keyName());
        assertEquals(SERVICE_ID, parsed.serviceId());
        assertEquals(SECRET, parsed.secret());
        assertFalse(parsed.toString().contains(SECRET));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({ "3d844edf-8d35-48ac-975b-e847b4f122b0", "key-26785a09-ab16-4eb0-8407-a37497a57506",
            "key-26785a09-ab16-4eb0-8407-a37497a57506-not-a-uuid-at-all-here" })
    void refusesWhatIsNotAnApiKey(String key) {
        assertThrows(IllegalArgumentException.class, () -> NotifyApiKey.parse(key));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "created, IN_PROGRESS", "sending, IN_PROGRESS", "pending, IN_PROGRESS", "delivered, DELIVERED",
            "sent, SENT_NO_RECEIPT", "permanent-failure, FAILED", "temporary-failure, FAILED",
            "technical-failure, RETRY", "Delivered, DELIVERED", "accepted, UNKNOWN", "validation-failed, UNKNOWN" })
    void mapsNotifyStatuses(String status, NotifyStatus.Meaning meaning) {
        assertEquals(meaning, NotifyStatus.meaning(status));
    }

    @ParameterizedTest(name = "HTTP {0} retry {1}")
    @CsvSource({ "400, false", "403, true", "404, false", "429, true", "500, true", "503, true" })
    void retriesOnlyWhatMaySucceedLater(int status, boolean retry) {
        assertEquals(retry, NotifyStatus.retryable(status));
    }
}
