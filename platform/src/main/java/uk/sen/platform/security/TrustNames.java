package uk.sen.platform.security;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Each trust's name as the trust wants it shown (messages' sign-off, report and chart titles), one setting for every
 * service: {@code sen.trust.names.<trust id>} (the id is the token's {@code trust} claim). Not personal data.
 */
@ConfigMapping(prefix = "sen.trust")
public interface TrustNames {

    /** Trust id to its name; a trust not listed has none. */
    Map<String, String> names();

    /** The trust's name, if one is configured. */
    default Optional<String> of(String trustId) {
        return trustId == null ? Optional.empty() : Optional.ofNullable(names().get(trustId)).filter(n -> !n.isBlank());
    }
}
