package uk.sen.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Links that are their own credential, for people without an account (a parent's or an agency's contribution form):
 * a token naming one thing and one person (two ids) and signed with HMAC-SHA256 under a key only the services hold
 * ({@code SEN_LINK_KEY}, at least 32 bytes, base64). The service that sends the message mints the link from ids an
 * event carries, so no token ever travels in an event, and the service that serves the form opens it; a token
 * changed in any way, or guessed, opens nothing. Whether the thing it names is still open (a meeting not yet held)
 * is for the service that serves it to say.
 */
@ApplicationScoped
public class SignedLinks {

    /** What a token names: the thing (e.g. a contribution request) and who it was sent to (e.g. a contact). */
    public record Subject(UUID thing, UUID person) {
    }

    private static final int IDS = 32;
    private static final int MAC = 32;
    /** The length of every token: 64 bytes, base64url without padding. */
    public static final int TOKEN_LENGTH = 86;

    private final SecretKeySpec key;

    SignedLinks(@ConfigProperty(name = "sen.links.key") String key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("sen.links.key (SEN_LINK_KEY) must be base64");
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("sen.links.key (SEN_LINK_KEY) must be at least 32 bytes (openssl rand -base64 32)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The token for {@code thing} sent to {@code person}. */
    public String mint(UUID thing, UUID person) {
        ByteBuffer ids = ids(thing, person);
        ByteBuffer token = ByteBuffer.allocate(IDS + MAC).put(ids.array()).put(mac(ids.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    /** What the token names, when it is one this key signed; empty for anything else. */
    public Optional<Subject> open(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // one spelling per token: the last character's unused bits must be zero (the decoder ignores them)
        if (bytes.length != IDS + MAC || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) {
            return Optional.empty();
        }
        byte[] ids = java.util.Arrays.copyOf(bytes, IDS);
        byte[] given = java.util.Arrays.copyOfRange(bytes, IDS, IDS + MAC);
        if (!MessageDigest.isEqual(mac(ids), given)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(ids);
        return Optional.of(new Subject(new UUID(b.getLong(), b.getLong()), new UUID(b.getLong(), b.getLong())));
    }

    private static ByteBuffer ids(UUID thing, UUID person) {
        return ByteBuffer.allocate(IDS).putLong(thing.getMostSignificantBits()).putLong(thing.getLeastSignificantBits())
                .putLong(person.getMostSignificantBits()).putLong(person.getLeastSignificantBits());
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
