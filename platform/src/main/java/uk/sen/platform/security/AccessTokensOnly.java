package uk.sen.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Only access tokens open the APIs. The audience ({@code quarkus.oidc.token.audience}, {@code sen-api}) already
 * refuses tokens the realm issued to other clients; this refuses, besides, any token that says it is of another
 * kind (an ID or refresh token carries {@code typ} "ID" or "Refresh" in Keycloak). Providers whose access tokens carry
 * no {@code typ} claim (Entra ID) are left to the audience check.
 */
@ApplicationScoped
public class AccessTokensOnly implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token) {
            Object typ = token.getClaim("typ");
            if (typ != null && !"Bearer".equalsIgnoreCase(typ.toString().replace("\"", ""))) {
                return Uni.createFrom().failure(new AuthenticationFailedException("not an access token"));
            }
        }
        return Uni.createFrom().item(identity);
    }
}
