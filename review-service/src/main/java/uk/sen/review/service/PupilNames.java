package uk.sen.review.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import uk.sen.review.client.RegisterApi;

/**
 * The names of the pupils in a list, as the register shows them to the caller (the register holds names; this
 * service and its events never do). Asked once per list, a hundred pupils a call, with the caller's token, so a
 * name appears only where the caller may read the register, and the read is in the register's audit. When the
 * register cannot be asked the list still answers, without names (and a counter says how often).
 */
@ApplicationScoped
public class PupilNames {

    private static final Logger LOG = Logger.getLogger(PupilNames.class);

    /** The register's limit of pupils named in one list. */
    static final int PER_CALL = 100;

    public record Name(String forename, String surname) {
    }

    @Inject
    @RestClient
    RegisterApi register;

    @Inject
    JsonWebToken token;

    @Inject
    MeterRegistry meters;

    /**
     * The names of these pupils the caller may see; those the register did not answer for are left out. Never inside
     * a transaction: the call waits on another service, and the REST client's threads must not join the caller's.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Map<UUID, Name> of(Collection<UUID> pupils) {
        List<String> ids = pupils.stream().distinct().map(UUID::toString).toList();
        String raw = token.getRawToken();
        if (ids.isEmpty() || raw == null) {
            return Map.of();
        }
        Map<UUID, Name> names = new HashMap<>();
        try {
            for (int from = 0; from < ids.size(); from += PER_CALL) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + PER_CALL));
                for (RegisterApi.Pupil p : register.pupils("Bearer " + raw, part, PER_CALL).items()) {
                    names.put(p.id(), new Name(p.forename(), p.surname()));
                }
            }
        } catch (RuntimeException e) { // not reachable, slow, or an error answer: the list goes out without names
            meters.counter("sen.review.pupil-names.unavailable").increment();
            LOG.warnf("pupils' names left out of a list: the register did not answer (%s)", e.getClass().getSimpleName());
        }
        return names;
    }
}
