package uk.sen.register.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import uk.sen.platform.io.Rows;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.ProvisionPeriod;
import uk.sen.register.domain.SenRules.RankedNeed;

/** The queries behind the exports (CTF, LA exchange): a few set-based queries whatever the number of pupils. */
@ApplicationScoped
public class ExchangeRepository {

    public record PupilRow(UUID id, String trustId, String schoolUrn, String upn, String surname, String forename,
            LocalDate dateOfBirth, String sex, String ncYear, LocalDate leavingDate) {
    }

    /** A pupil with an open EHC plan, for the LA, with their current needs by rank. */
    public record PlanRow(PupilRow pupil, LocalDate planIssueDate, String issuingLa, List<RankedNeed> needs) {
    }

    private static final String PUPIL_COLUMNS = """
            p.id, p.trust_id, p.school_urn, p.upn, p.surname, p.forename, p.date_of_birth, p.sex, p.nc_year,
            p.leaving_date""";

    @Inject
    EntityManager em;

    /** Pupils of the school who left between {@code from} and {@code to}, both included. */
    public List<PupilRow> leavers(String schoolUrn, LocalDate from, LocalDate to) {
        return pupils(em.createNativeQuery("SELECT " + PUPIL_COLUMNS + """
                 FROM pupil p WHERE p.school_urn = :school AND p.leaving_date BETWEEN :from AND :to
                ORDER BY p.surname, p.forename, p.id""")
                .setParameter("school", schoolUrn).setParameter("from", from).setParameter("to", to)
                .getResultList());
    }

    /** Pupils on the school's roll on {@code date}. */
    public List<PupilRow> onRoll(String schoolUrn, LocalDate date) {
        return pupils(em.createNativeQuery("SELECT " + PUPIL_COLUMNS + """
                 FROM pupil p WHERE p.school_urn = :school AND p.on_roll_date <= :date
                  AND (p.leaving_date IS NULL OR p.leaving_date > :date)
                ORDER BY p.surname, p.forename, p.id""")
                .setParameter("school", schoolUrn).setParameter("date", date).getResultList());
    }

    /** Every provision of these pupils, oldest first. */
    public Map<UUID, List<ProvisionPeriod>> provisions(Collection<UUID> pupilIds) {
        Map<UUID, List<ProvisionPeriod>> byPupil = new HashMap<>();
        if (pupilIds.isEmpty()) {
            return byPupil;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT pupil_id, provision, start_date, end_date, end_reason, issuing_la, plan_issue_date
                FROM sen_provision WHERE pupil_id IN (:ids) ORDER BY start_date, recorded_at""")
                .setParameter("ids", pupilIds).getResultList();
        for (Object[] r : rows) {
            byPupil.computeIfAbsent(Rows.uuid(r[0]), k -> new ArrayList<>()).add(new ProvisionPeriod(
                    Provision.valueOf((String) r[1]), Rows.date(r[2]), Rows.date(r[3]), (String) r[4], (String) r[5],
                    Rows.date(r[6])));
        }
        return byPupil;
    }

    /**
     * The needs each pupil had on their last day at the school (the day before their leaving date), or on
     * {@code otherwise} when they have no leaving date.
     */
    public Map<UUID, List<RankedNeed>> needsOnLastDay(Collection<UUID> pupilIds, LocalDate otherwise) {
        Map<UUID, List<RankedNeed>> byPupil = new HashMap<>();
        if (pupilIds.isEmpty()) {
            return byPupil;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT h.pupil_id, h.rank, h.need_code
                FROM pupil_need_history h JOIN pupil p ON p.id = h.pupil_id
                WHERE h.pupil_id IN (:ids)
                  AND h.valid_from <= COALESCE(p.leaving_date - 1, :otherwise)
                  AND (h.valid_to IS NULL OR h.valid_to > COALESCE(p.leaving_date - 1, :otherwise))
                ORDER BY h.pupil_id, h.rank""")
                .setParameter("ids", pupilIds).setParameter("otherwise", otherwise).getResultList();
        for (Object[] r : rows) {
            byPupil.computeIfAbsent(Rows.uuid(r[0]), k -> new ArrayList<>())
                    .add(new RankedNeed(((Number) r[1]).intValue(), (String) r[2]));
        }
        return byPupil;
    }

    /** The school's next CTF number, 1 to 999 then 1 again; the row lock orders concurrent exports. */
    public int nextCtfNumber(String schoolUrn) {
        return ((Number) em.createNativeQuery("""
                INSERT INTO ctf_export_sequence (school_urn, last_number) VALUES (:school, 1)
                ON CONFLICT (school_urn) DO UPDATE SET last_number =
                    CASE WHEN ctf_export_sequence.last_number >= 999 THEN 1 ELSE ctf_export_sequence.last_number + 1 END
                RETURNING last_number""").setParameter("school", schoolUrn).getSingleResult()).intValue();
    }

    /**
     * Pupils on roll on {@code date} with an EHC plan open that day, in schools of LA {@code la} whatever their
     * trust, with their current needs.
     */
    public List<PlanRow> openPlans(String la, LocalDate date) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + PUPIL_COLUMNS + """
                , sp.plan_issue_date, sp.issuing_la, n.rank, n.need_code
                FROM pupil p
                JOIN school s ON s.urn = p.school_urn
                JOIN sen_provision sp ON sp.pupil_id = p.id AND sp.provision = 'E' AND sp.end_date IS NULL
                                     AND sp.start_date <= :date
                LEFT JOIN pupil_need n ON n.pupil_id = p.id
                WHERE s.la_code = :la AND p.on_roll_date <= :date AND (p.leaving_date IS NULL OR p.leaving_date > :date)
                ORDER BY s.urn, p.surname, p.forename, p.id, n.rank""")
                .setParameter("la", la).setParameter("date", date).getResultList();
        Map<UUID, PlanRow> plans = new LinkedHashMap<>();
        for (Object[] r : rows) {
            PupilRow pupil = pupil(r);
            PlanRow plan = plans.computeIfAbsent(pupil.id(),
                    id -> new PlanRow(pupil, Rows.date(r[10]), (String) r[11], new ArrayList<>()));
            if (r[12] != null) {
                plan.needs().add(new RankedNeed(((Number) r[12]).intValue(), (String) r[13]));
            }
        }
        return new ArrayList<>(plans.values());
    }

    @SuppressWarnings("unchecked")
    private static List<PupilRow> pupils(List<?> rows) {
        return ((List<Object[]>) rows).stream().map(ExchangeRepository::pupil).toList();
    }

    private static PupilRow pupil(Object[] r) {
        return new PupilRow(Rows.uuid(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                Rows.date(r[6]), (String) r[7], (String) r[8], Rows.date(r[9]));
    }
}
