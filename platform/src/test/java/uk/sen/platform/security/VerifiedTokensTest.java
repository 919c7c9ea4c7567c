package uk.sen.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;

/**
 * What the verified-token cache holds, and for how long: its clock is set here; the OIDC verification it saves is
 * exercised against Keycloak by every service's {@code PlatformConventionsContract}.
 */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private VerifiedTokens tokens;

    @BeforeEach
    void setUp() {
        tokens = new VerifiedTokens();
        tokens.keep = Duration.ofSeconds(30);
        tokens.max = 3;
        tokens.metrics = new SimpleMeterRegistry();
        tokens.meters();
        at(NOW);
    }

    @Test
    void aVerifiedTokenIsHeldForItsCallerWithThisRequestsOwnContext() {
        SecurityIdentity verified = verified("token-a", "senco.harbour", NOW.plusSeconds(300));
        verified = QuarkusSecurityIdentity.builder(verified)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, "the first request").build();
        assertSame(verified, tokens.augment(verified, null, Map.of()).await().indefinitely());

        TokenAuthenticationRequest next = request("token-a");
        next.setAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, null);
        SecurityIdentity held = tokens.authenticate(next, null).await().indefinitely();
        assertNotNull(held);
        assertEquals("senco.harbour", held.getPrincipal().getName());
        assertEquals(Set.of("senco"), held.getRoles());
        assertNull(held.getAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE),
                "the first request's context never goes to another");
        assertEquals(1.0, tokens.metrics.counter("sen.security.verified-tokens", "outcome", "held").count());

        // a caller given from the cache is not held again by the augmentor
        tokens.augment(held, null, next.getAttributes()).await().indefinitely();
        assertEquals(1.0, tokens.metrics.counter("sen.security.verified-tokens", "outcome", "verified").count());
    }

    @Test
    void anyOtherTokenIsLeftToTheOidcVerification() {
        tokens.augment(verified("token-a", "senco.harbour", NOW.plusSeconds(300)), null, Map.of()).await().indefinitely();
        assertNull(tokens.authenticate(request("token-a "), null).await().indefinitely());
        assertNull(tokens.authenticate(request("token-b"), null).await().indefinitely());
    }

    @Test
    void aTokenIsHeldForTheHoldAtMost() {
        tokens.augment(verified("token-a", "senco.harbour", NOW.plusSeconds(300)), null, Map.of()).await().indefinitely();
        at(NOW.plusSeconds(29));
        assertNotNull(tokens.authenticate(request("token-a"), null).await().indefinitely());
        at(NOW.plusSeconds(30));
        assertNull(tokens.authenticate(request("token-a"), null).await().indefinitely());
        assertEquals(0, tokens.size(), "dropped once its hold is over");
    }

    @Test
    void aTokenIsNeverHeldPastItsExpiry() {
        tokens.augment(verified("token-a", "senco.harbour", NOW.plusSeconds(10)), null, Map.of()).await().indefinitely();
        at(NOW.plusSeconds(9));
        assertNotNull(tokens.authenticate(request("token-a"), null).await().indefinitely());
        at(NOW.plusSeconds(10));
        assertNull(tokens.authenticate(request("token-a"), null).await().indefinitely());

        tokens.augment(verified("token-old", "senco.harbour", NOW.minusSeconds(1)), null, Map.of()).await()
                .indefinitely();
        assertNull(tokens.authenticate(request("token-old"), null).await().indefinitely());
    }

    @Test
    void whenFullTheExpiredGoAndNewTokensWaitForRoom() {
        for (String t : new String[] { "t1", "t2", "t3" }) {
            tokens.augment(verified(t, "senco.harbour", NOW.plusSeconds(t.equals("t1") ? 5 : 300)), null, Map.of())
                    .await().indefinitely();
        }
        tokens.augment(verified("t4", "senco.harbour", NOW.plusSeconds(300)), null, Map.of()).await().indefinitely();
        assertNull(tokens.authenticate(request("t4"), null).await().indefinitely(), "full: not held");
        at(NOW.plusSeconds(6));
        tokens.augment(verified("t4", "senco.harbour", NOW.plusSeconds(300)), null, Map.of()).await().indefinitely();
        assertNotNull(tokens.authenticate(request("t4"), null).await().indefinitely(), "t1 expired and made room");
        assertEquals(3, tokens.size());
    }

    @Test
    void aHoldOfNothingTurnsTheCacheOff() {
        tokens.keep = Duration.ZERO;
        tokens.augment(verified("token-a", "senco.harbour", NOW.plusSeconds(300)), null, Map.of()).await().indefinitely();
        assertNull(tokens.authenticate(request("token-a"), null).await().indefinitely());
    }

    @Test
    void anAnonymousCallerOrOneWithoutASignedTokenIsNeverHeld() {
        tokens.augment(QuarkusSecurityIdentity.builder().setAnonymous(true).build(), null, Map.of()).await()
                .indefinitely();
        AccessTokenCredential opaque = new AccessTokenCredential("opaque", null) {
            @Override
            public boolean isOpaque() {
                return true;
            }
        };
        tokens.augment(QuarkusSecurityIdentity.builder().setPrincipal(jwt("senco.harbour", NOW.plusSeconds(300)))
                .addCredential(opaque).build(), null, Map.of()).await().indefinitely();
        assertEquals(0, tokens.size());
    }

    private void at(Instant instant) {
        tokens.clock = Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** A token shaped as a JWT (header, claims, signature), which the credential takes as not opaque. */
    private static String jwtShaped(String name) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{}".getBytes()) + "."
                + base64.encodeToString(("{\"token\":\"" + name + "\"}").getBytes()) + ".signature";
    }

    private static TokenAuthenticationRequest request(String token) {
        return new TokenAuthenticationRequest(new AccessTokenCredential(jwtShaped(token)));
    }

    private static SecurityIdentity verified(String token, String user, Instant expiry) {
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt(user, expiry)).addRole("senco")
                .addCredential(new AccessTokenCredential(jwtShaped(token))).build();
    }

    private static JsonWebToken jwt(String user, Instant expiry) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return user;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp", "preferred_username");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return (T) switch (claim) {
                    case "exp" -> Long.valueOf(expiry.getEpochSecond());
                    case "preferred_username" -> user;
                    default -> null;
                };
            }
        };
    }
}
