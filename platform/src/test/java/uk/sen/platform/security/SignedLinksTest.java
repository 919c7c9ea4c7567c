package uk.sen.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A link opens only what it was minted for, under the key it was minted with. */
class SignedLinksTest {

    static final String KEY = Base64.getEncoder().encodeToString("a key of thirty-two bytes at least".getBytes());
    static final String OTHER = Base64.getEncoder().encodeToString("another key of thirty-two bytes!!".getBytes());

    @Test
    void aMintedTokenOpensToItsTwoIds() {
        SignedLinks links = new SignedLinks(KEY);
        UUID request = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String token = links.mint(request, contact);
        assertEquals(SignedLinks.TOKEN_LENGTH, token.length());
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "safe in a URL path: " + token);
        assertEquals(new SignedLinks.Subject(request, contact), links.open(token).orElseThrow());
        assertEquals(token, links.mint(request, contact), "the same ids give the same link");
        assertFalse(token.equals(links.mint(request, UUID.randomUUID())), "one link per person");
    }

    @Test
    void aChangedGuessedOrForeignTokenOpensNothing() {
        SignedLinks links = new SignedLinks(KEY);
        String token = links.mint(UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertTrue(links.open(changed).isEmpty(), "changed at " + i);
        }
        assertTrue(links.open(new SignedLinks(OTHER).mint(UUID.randomUUID(), UUID.randomUUID())).isEmpty(),
                "a link signed with another key");
        assertTrue(links.open("A".repeat(SignedLinks.TOKEN_LENGTH)).isEmpty());
        assertTrue(links.open(token.substring(1)).isEmpty());
        assertTrue(links.open("!".repeat(SignedLinks.TOKEN_LENGTH)).isEmpty());
        assertTrue(links.open(null).isEmpty());
    }

    @Test
    void aShortOrMissingKeyStopsTheService() {
        assertThrows(IllegalStateException.class, () -> new SignedLinks(Base64.getEncoder().encodeToString(new byte[16])));
        assertThrows(IllegalStateException.class, () -> new SignedLinks("not base64 at all!"));
    }
}
