package uk.sen.register.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import uk.sen.register.domain.Provision;
import uk.sen.register.domain.Pupil;
import uk.sen.register.domain.SenProvision;
import uk.sen.register.domain.SenRules.RankedNeed;

@ApplicationScoped
public class PupilRepository implements PanacheRepositoryBase<Pupil, UUID> {

    /** What a register list may be filtered by; null fields do not filter. */
    public record Filter(String trustId, Set<String> schools, String laCode, String school, Provision provision,
            Set<String> needCodes, String ncYear, String name, String upn, LocalDate asAt) {
    }

    public Optional<SenProvision> openProvision(UUID pupilId) {
        return SenProvision.find("pupilId = ?1 and endDate is null", pupilId).firstResultOptional();
    }

    public List<SenProvision> history(UUID pupilId) {
        return SenProvision.list("pupilId = ?1 order by startDate, recordedAt", pupilId);
    }

    /**
     * Records that from {@code effective} on the pupil's needs are {@code needs} (none: off the register). Needs
     * recorded for that day or later end there, so periods never overlap even when a change is back-dated.
     */
    public void recordNeedHistory(UUID pupilId, List<RankedNeed> needs, LocalDate effective) {
        getEntityManager().createNativeQuery("""
                UPDATE pupil_need_history SET valid_to = GREATEST(valid_from, ?1)
                WHERE pupil_id = ?2 AND (valid_to IS NULL OR valid_to > ?1)""")
                .setParameter(1, effective).setParameter(2, pupilId).executeUpdate();
        for (RankedNeed need : needs) {
            getEntityManager().createNativeQuery("""
                    INSERT INTO pupil_need_history (pupil_id, rank, need_code, valid_from) VALUES (?1, ?2, ?3, ?4)""")
                    .setParameter(1, pupilId).setParameter(2, need.rank()).setParameter(3, need.code())
                    .setParameter(4, effective).executeUpdate();
        }
    }

    public Optional<Pupil> findByUpn(String trustId, String upn) {
        return find("trustId = ?1 and upn = ?2", trustId, upn).firstResultOptional();
    }

    /** One page of pupils matching the filter with the provision each had on {@code asAt}; and the total. */
    @SuppressWarnings("unchecked")
    public List<Object[]> page(Filter f, int page, int size) {
        Query q = build(f, true);
        return getEntityManager().createQuery("select p, sp " + q.jpql + " order by p.surname, p.forename, p.id",
                Object[].class).setFirstResult(page * size).setMaxResults(size)
                .unwrap(org.hibernate.query.Query.class).setProperties(q.params).getResultList();
    }

    public long count(Filter f) {
        // without a provision filter the provision join changes no count (one provision open at a time), so the
        // count reads the pupils alone
        Query q = build(f, f.provision() != null);
        return (Long) getEntityManager().createQuery("select count(p) " + q.jpql, Long.class)
                .unwrap(org.hibernate.query.Query.class).setProperties(q.params).getSingleResult();
    }

    private record Query(String jpql, Map<String, Object> params) {
    }

    /** The filter as JPQL; {@code withProvision} joins the provision open on {@code asAt} as {@code sp}. */
    private static Query build(Filter f, boolean withProvision) {
        StringBuilder jpql = new StringBuilder("from Pupil p");
        Map<String, Object> params = new HashMap<>();
        if (withProvision) {
            jpql.append(" left join SenProvision sp on sp.pupilId = p.id and sp.startDate <= :asAt "
                    + "and (sp.endDate is null or sp.endDate > :asAt)");
            params.put("asAt", f.asAt());
        }
        jpql.append(" where p.trustId = :trust");
        params.put("trust", f.trustId());
        if (f.schools() != null) {
            jpql.append(" and p.schoolUrn in :schools");
            params.put("schools", f.schools());
        }
        if (f.laCode() != null) {
            jpql.append(" and p.schoolUrn in (select s.urn from School s where s.laCode = :la)");
            params.put("la", f.laCode());
        }
        if (f.school() != null) {
            jpql.append(" and p.schoolUrn = :school");
            params.put("school", f.school());
        }
        if (f.provision() == Provision.N) {
            jpql.append(" and sp.id is null");
        } else if (f.provision() != null) {
            jpql.append(" and sp.provision = :provision");
            params.put("provision", f.provision());
        }
        if (f.needCodes() != null) {
            jpql.append(" and exists (select 1 from Pupil p2 join p2.needs n where p2 = p and n.needCode in :needs)");
            params.put("needs", new ArrayList<>(f.needCodes()));
        }
        if (f.ncYear() != null) {
            jpql.append(" and p.ncYear = :year");
            params.put("year", f.ncYear());
        }
        if (f.name() != null) {
            jpql.append(" and (lower(p.surname) like :name or lower(p.forename) like :name)");
            params.put("name", "%" + f.name().toLowerCase().replace("%", "") + "%");
        }
        if (f.upn() != null) {
            jpql.append(" and (p.upn = :upn or p.formerUpn = :upn)");
            params.put("upn", f.upn().toUpperCase());
        }
        return new Query(jpql.toString(), params);
    }

}
