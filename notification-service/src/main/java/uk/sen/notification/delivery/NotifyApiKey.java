package uk.sen.notification.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GOV.UK Notify API key, {@code {key_name}-{service_id}-{secret_key}} where the last two are UUIDs: the service id
 * is the JWT issuer and the secret signs it. {@link #toString()} never shows the secret.
 */
public record NotifyApiKey(String keyName, String serviceId, String secret) {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern FORMAT = Pattern.compile("(.+)-(" + UUID + ")-(" + UUID + ")");

    public static NotifyApiKey parse(String key) {
        Matcher m = key == null ? null : FORMAT.matcher(key.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(
                    "Not a GOV.UK Notify API key: expected {key_name}-{service_id}-{secret_key}");
        }
        return new NotifyApiKey(m.group(1), m.group(2), m.group(3));
    }

    @Override
    public String toString() {
        return "NotifyApiKey[" + keyName + ", service " + serviceId + "]";
    }
}
