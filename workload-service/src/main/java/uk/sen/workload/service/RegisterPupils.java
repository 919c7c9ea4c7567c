package uk.sen.workload.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which school each pupil belongs to (ids only, V6 register_pupil) and each school's name (V7 register_school), as
 * the register announced them.
 */
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

    /**
     * Records the school's name as the register's latest event gave it. A name already recorded is left alone
     * without taking the row's lock: every event of a school names it, and an upsert locks the row it meets even
     * when it changes nothing, which made the consumers of a school's events wait for one another's commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schoolNamed(String trust, String school, String name) {
        em.createNativeQuery("""
                INSERT INTO register_school (trust_id, school_urn, name, updated_at)
                SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM register_school
                    WHERE trust_id = ?1 AND school_urn = ?2 AND name = ?3)
                ON CONFLICT (trust_id, school_urn) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
                WHERE register_school.name <> EXCLUDED.name""")
                .setParameter(1, trust).setParameter(2, school).setParameter(3, name)
                .setParameter(4, clock.instant()).executeUpdate();
    }

    /** The names of the trust's schools the register has named, by URN. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, String> schoolNames(String trust) {
        Map<String, String> names = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT school_urn, name FROM register_school WHERE trust_id = ?1")
                .setParameter(1, trust).getResultList()) {
            Object[] r = (Object[]) row;
            names.put((String) r[0], (String) r[1]);
        }
        return names;
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
