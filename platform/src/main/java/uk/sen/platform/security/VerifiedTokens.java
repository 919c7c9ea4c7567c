package uk.sen.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;

/**
 * Access tokens already verified, kept for a short while so the same token on the next request is not verified
 * again. Verifying a token (parsing it, checking its RSA signature, its issuer, audience and lifetime, building the
 * caller) was a sixth of register-service's CPU under the register list, where a client sends the same token with
 * every request of its session.
 *
 * <p>
 * As an identity provider it answers first: a token it holds gives the caller as the OIDC verification gave it, with
 * this request's own routing context; any other gives nothing, and the OIDC provider verifies the token as always.
 * As the first augmentor it keeps what the OIDC provider gave, before any augmentor adds to it, so the augmentors
 * (among them {@link AccessTokensOnly}) run again on every request, held or not. Only what verified is held, keyed
 * by the whole token, so a token that differs in one character is verified afresh and a refused token is refused
 * again.
 *
 * <p>
 * A token is held at most {@code sen.security.verified-tokens.keep} (30 s) and never past its own expiry, both against
 * the real clock, as its verification reads it (never the school clock, which a test may set to another day). The
 * short hold bounds how long a signing key the provider withdraws still opens the API. At most
 * {@code sen.security.verified-tokens.max} tokens are held; when full, the expired go and new ones are verified
 * every time until there is room. {@code sen.security.verified-tokens.keep=0s} turns the cache off.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest>, SecurityIdentityAugmentor {

    /** Set on a request whose caller came from here, so the augmentor does not hold it again. */
    private static final String HELD = VerifiedTokens.class.getName() + ".held";

    @ConfigProperty(name = "sen.security.verified-tokens.keep", defaultValue = "30s")
    Duration keep;

    @ConfigProperty(name = "sen.security.verified-tokens.max", defaultValue = "5000")
    int max;

    @Inject
    MeterRegistry metrics;

    /** The real clock; a test may replace it. */
    Clock clock = Clock.systemUTC();

    private record Held(SecurityIdentity caller, long untilMillis) {
    }

    private final Map<String, Held> tokens = new ConcurrentHashMap<>();
    private Counter held;
    private Counter verified;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before the OIDC provider (identity providers run from the highest priority down, 1001 when they set none, as
     * OIDC's does), and the first augmentor (augmentors too run from the highest down).
     */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential credential)) {
            return Uni.createFrom().nullItem();
        }
        String token = credential.getToken();
        Held h = token == null ? null : tokens.get(token);
        if (h == null) {
            return Uni.createFrom().nullItem();
        }
        if (clock.millis() >= h.untilMillis()) {
            tokens.remove(token, h);
            return Uni.createFrom().nullItem();
        }
        held.increment();
        request.setAttribute(HELD, Boolean.TRUE);
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(h.caller())
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE,
                        HttpSecurityUtils.getRoutingContextAttribute(request))
                .build());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (attributes == null || attributes.get(HELD) == null) {
            hold(identity);
        }
        return Uni.createFrom().item(identity);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, null);
    }

    /** Holds a caller the OIDC provider verified from a signed access token, until its expiry or the hold's end. */
    private void hold(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.isOpaque() || credential.getToken() == null
                || jwt.getExpirationTime() <= 0) {
            return;
        }
        verified.increment();
        if (keep.isZero()) {
            return;
        }
        long now = clock.millis();
        long until = Math.min(jwt.getExpirationTime() * 1000, now + keep.toMillis());
        if (until <= now) {
            return;
        }
        if (tokens.size() >= max) {
            tokens.values().removeIf(h -> h.untilMillis() <= now);
            if (tokens.size() >= max) {
                return;
            }
        }
        // without the routing context of the request that verified it: each request gets its own
        tokens.put(credential.getToken(), new Held(QuarkusSecurityIdentity.builder(identity)
                .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, null).build(), until));
    }

    /** How many tokens are held now (expired ones not yet dropped included). */
    int size() {
        return tokens.size();
    }

    @PostConstruct
    void meters() {
        String description = "Requests by how their access token was checked: verified by the OIDC provider, or "
                + "held since an earlier request verified it";
        held = Counter.builder("sen.security.verified-tokens").tag("outcome", "held").description(description)
                .register(metrics);
        verified = Counter.builder("sen.security.verified-tokens").tag("outcome", "verified")
                .description(description).register(metrics);
    }
}
