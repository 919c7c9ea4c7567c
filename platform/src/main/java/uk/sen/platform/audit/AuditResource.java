package uk.sen.platform.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.web.InputRules;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;

/**
 * The audit trail of this service: trust admins see their whole trust, SENCOs and SLT the records of their own
 * schools. Newest first.
 */
@Path("/api/v1/audit")
@Tag(name = "Audit")
public class AuditResource {

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

    @GET
    @RolesAllowed({ Roles.TRUST_ADMIN, Roles.SENCO, Roles.SLT })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAuditEntries", summary = "Who read or changed which records, newest first",
            description = "Every read and change of a record of this service is audited. Trust administrators see"
                    + " their whole trust; SENCOs and SLT the accesses to their own schools' records. Filter by the"
                    + " record's id, the actor, the action and a time window; paged.")
    public Page<AuditEntry> list(
            @Parameter(description = "Only accesses to this record (a pupil's, a review's... id)") @QueryParam("subjectId") String subjectId,
            @Parameter(description = "Only this user's or client's accesses") @QueryParam("actor") String actor,
            @Parameter(description = "Only this kind of access", schema = @Schema(enumeration = { AuditLog.READ,
                    AuditLog.LIST, AuditLog.CREATE, AuditLog.UPDATE, AuditLog.DELETE, AuditLog.IMPORT,
                    AuditLog.EXPORT })) @QueryParam("action") String action,
            @Parameter(description = "From this day (yyyy-MM-dd, London) or instant (ISO-8601)", example = "2026-09-01") @QueryParam("from") String from,
            @Parameter(description = "Up to this day (inclusive) or instant", example = "2026-12-31") @QueryParam("to") String to,
            @Valid @BeanParam PageRequest page) {
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
            params.add(new Object[] { "from", instant("from", from) });
        }
        if (to != null) {
            where.append(" AND occurred_at < :to");
            params.add(new Object[] { "to", instant("to", to) });
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
                toInstant(r[1]), (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                Arrays.asList(((String) r[6]).split(",")), (String) r[7], (String) r[8], (String) r[9])).toList();
        return Page.of(entries, page, total);
    }

    private static final Instant EARLIEST = InputRules.EARLIEST.atStartOfDay(EnglandClock.LONDON).toInstant();
    private static final Instant LATEST = InputRules.LATEST.atStartOfDay(EnglandClock.LONDON).toInstant();

    private static Instant instant(String field, String value) {
        try {
            if (value.length() == 10) {
                return InputRules.date(field, value).atStartOfDay(EnglandClock.LONDON).toInstant();
            }
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ProblemException.invalid(field, "must be between " + InputRules.EARLIEST + " and "
                        + InputRules.LATEST);
            }
            return instant;
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProblemException.invalid(field, "must be a date (yyyy-MM-dd) or an ISO-8601 date-time");
        }
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
