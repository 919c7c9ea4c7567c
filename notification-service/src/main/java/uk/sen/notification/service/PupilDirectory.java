package uk.sen.notification.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import uk.sen.notification.domain.KnownPupil;
import uk.sen.notification.events.RegisterEvent;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;

/**
 * The pupils this service knows from the register, and the scope check every pupil-level endpoint makes: a pupil
 * it does not know, or outside the caller's trust and schools, is 404.
 */
@ApplicationScoped
public class PupilDirectory {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CallerScope caller;

    @Inject
    EntityManager em;

    /** Keeps the pupil's trust, school and provision from a register event; contacts follow a change of school. */
    @Transactional(Transactional.TxType.MANDATORY)
    public KnownPupil follow(RegisterEvent d) {
        UUID id = UUID.fromString(d.pupilId());
        KnownPupil pupil = KnownPupil.findById(id);
        if (pupil == null) {
            pupil = new KnownPupil();
            pupil.pupilId = id;
            pupil.caseReference = newCaseReference();
        } else if (!d.schoolUrn().equals(pupil.schoolUrn) || !d.trustId().equals(pupil.trustId)) {
            for (String table : new String[] { "contact", "sharing_basis" }) {
                em.createNativeQuery("UPDATE " + table + " SET trust_id = ?1, school_urn = ?2 WHERE pupil_id = ?3")
                        .setParameter(1, d.trustId()).setParameter(2, d.schoolUrn()).setParameter(3, id)
                        .executeUpdate();
            }
        }
        pupil.trustId = d.trustId();
        pupil.schoolUrn = d.schoolUrn();
        pupil.provision = d.provision() == null ? "N" : d.provision();
        if (d.upn() != null) {
            pupil.upn = d.upn();
        }
        pupil.updatedAt = Instant.now();
        pupil.persist();
        return pupil;
    }

    /** The pupil, when the caller's scope covers them; 404 otherwise (existence never leaks). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public KnownPupil inScope(UUID pupilId) {
        KnownPupil pupil = KnownPupil.findById(pupilId);
        if (pupil == null || !caller.coversSchool(pupil.trustId, pupil.schoolUrn)) {
            throw ProblemException.notFound("Pupil", pupilId);
        }
        return pupil;
    }

    /** A random reference like SEN-7KQ29FXD (Crockford base 32, 40 bits): nothing about the child. */
    static String newCaseReference() {
        StringBuilder ref = new StringBuilder("SEN-");
        for (int i = 0; i < 8; i++) {
            ref.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return ref.toString();
    }
}
