package uk.sen.workload.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Which school each pupil belongs to, as the register announced it: ids only (V6 register_pupil). */
@ApplicationScoped
public class RegisterPupils {

    @Inject
    EntityManager em;

    @Inject
    WorkloadClock clock;

    /** Records the pupil's school as of the register's latest event (the events of a pupil arrive in order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void announced(UUID pupil, String trust, String school, boolean onRoll) {
        em.createNativeQuery("""
                INSERT INTO register_pupil (pupil_id, trust_id, school_urn, on_roll, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (pupil_id) DO UPDATE SET trust_id = EXCLUDED.trust_id, school_urn = EXCLUDED.school_urn,
                    on_roll = EXCLUDED.on_roll, updated_at = EXCLUDED.updated_at""")
                .setParameter(1, pupil).setParameter(2, trust).setParameter(3, school).setParameter(4, onRoll)
                .setParameter(5, clock.instant()).executeUpdate();
    }

    /** Whether the register announced the pupil at this school of this trust (on roll or since left). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean ofSchool(UUID pupil, String trust, String school) {
        List<?> rows = em.createNativeQuery("SELECT 1 FROM register_pupil WHERE pupil_id = ?1 AND trust_id = ?2"
                + " AND school_urn = ?3").setParameter(1, pupil).setParameter(2, trust).setParameter(3, school)
                .getResultList();
        return !rows.isEmpty();
    }
}
