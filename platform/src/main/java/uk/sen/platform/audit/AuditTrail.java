package uk.sen.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.io.Rows;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;

/** Reads the audit trail within the caller's scope: a trust admin's whole trust, a school role's own schools. */
@ApplicationScoped
public class AuditTrail {

    public record AuditEntry(long id, Instant occurredAt,
            @Schema(description = "The user name, or the client of a system", examples = "senco.academy") String actor,
            @Schema(description = "The caller's roles, comma separated", examples = "senco") String actorRoles,
            @Schema(enumeration = { AuditLog.READ, AuditLog.LIST, AuditLog.CREATE, AuditLog.UPDATE, AuditLog.DELETE,
                    AuditLog.IMPORT, AuditLog.EXPORT }) String action,
            @Schema(description = "The kind of record", examples = "pupil") String subjectType,
            @Schema(description = "The ids of the records read or changed") List<String> subjectIds,
            String trustId,
            @Schema(nullable = true, description = "The school the access was about, when it was one school's") String schoolUrn,
            @Schema(nullable = true, description = "What was done, in words, without personal data") String detail) {
    }

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    /** Accesses newest first, filtered by any of the record's id, the actor, the action and a time window. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> search(String subjectId, String actor, String action, Instant from, Instant to,
            PageRequest page) {
        String trust = caller.requireTrust();
        StringBuilder where = new StringBuilder(" WHERE trust_id = :trust");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] { "trust", trust });
        if (!caller.isTrustWide()) {
            Set<String> schools = caller.schools();
            if (schools.isEmpty()) {
                return Page.of(List.of(), page, 0);
            }
            where.append(" AND school_urn IN (:schools)");
            params.add(new Object[] { "schools", schools });
        }
        if (subjectId != null) {
            where.append(" AND subject_ids @> cast(:subject as text[])");
            params.add(new Object[] { "subject", "{\"" + subjectId.replace("\"", "") + "\"}" });
        }
        if (actor != null) {
            where.append(" AND actor = :actor");
            params.add(new Object[] { "actor", actor });
        }
        if (action != null) {
            where.append(" AND action = :action");
            params.add(new Object[] { "action", action.toUpperCase() });
        }
        if (from != null) {
            where.append(" AND occurred_at >= :from");
            params.add(new Object[] { "from", from });
        }
        if (to != null) {
            where.append(" AND occurred_at < :to");
            params.add(new Object[] { "to", to });
        }
        Query count = em.createNativeQuery("SELECT count(*) FROM audit_record" + where);
        Query select = em.createNativeQuery("""
                SELECT id, occurred_at, actor, actor_roles, action, subject_type, array_to_string(subject_ids, ','),
                       trust_id, school_urn, detail FROM audit_record""" + where
                + " ORDER BY occurred_at DESC, id DESC");
        for (Object[] p : params) {
            count.setParameter((String) p[0], p[1]);
            select.setParameter((String) p[0], p[1]);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        List<AuditEntry> entries = rows.stream().map(r -> new AuditEntry(((Number) r[0]).longValue(),
                Rows.instant(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                Arrays.asList(((String) r[6]).split(",")), (String) r[7], (String) r[8], (String) r[9])).toList();
        return Page.of(entries, page, total);
    }
}
