package uk.sen.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bearer token GOV.UK Notify takes: a JWT with header {typ JWT, alg HS256} and claims {iss: service id,
 * iat: now in epoch seconds}, signed with HMAC-SHA256 using the API key's secret. Notify refuses a token whose iat
 * is more than 30 seconds off its clock, so a new one is made for every request.
 */
public final class NotifyJwt {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"
            .getBytes(StandardCharsets.UTF_8));

    private NotifyJwt() {
    }

    public static String token(NotifyApiKey key, Instant now) {
        return token(key.serviceId(), key.secret(), now.getEpochSecond());
    }

    static String token(String serviceId, String secret, long issuedAt) {
        String claims = "{\"iss\":\"" + serviceId + "\",\"iat\":" + issuedAt + "}";
        String signingInput = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8));
            return signingInput + "." + B64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
