package uk.sen.workload.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.sen.platform.io.Rows;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.web.Page;
import uk.sen.platform.web.PageRequest;
import uk.sen.workload.events.WorkloadEvents;
import uk.sen.workload.repository.Sql;

/**
 * Reads the "allocation exceeded" alerts {@link AllocationWatch} raised, within the caller's scope: a SENCO their
 * own, SLT those of their schools, a trust admin the trust's. Newest first.
 */
@ApplicationScoped
public class AllocationAlerts {

    @Schema(description = "An \"allocation exceeded\" alert: a SENCO's weeks at a school ran, or are forecast to run, over "
            + "their protected time by the margin for enough weeks in a row")
    public record AlertView(@Schema(description = "The alert's id, the alertId of the event announcing it") UUID id,
            @Schema(examples = "900101") String schoolUrn,
            @Schema(description = "The SENCO's username", examples = "senco.harbour") String senco,
            @Schema(description = "The term it is about (one alert per SENCO, school and term)", examples = "2026-27-autumn") String period,
            @Schema(enumeration = { "ACTUAL", "FORECAST" },
                    description = "ACTUAL: time logged; FORECAST: time the statutory work ahead is expected to take") String basis,
            @Schema(description = "The Monday of the first week over") LocalDate firstWeek,
            @Schema(description = "The Monday of the last week over") LocalDate lastWeek,
            @Schema(description = "How many weeks in a row ran over", examples = "3") int weeksOver,
            @Schema(description = "Those weeks: hours spent (or forecast) against hours allocated") List<WorkloadEvents.WeekData> weeks,
            @Schema(description = "When it was raised") Instant raisedAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    ObjectMapper json;

    /** One page of the alerts the caller may see, newest first; only {@code school}'s when given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AlertView> list(String school, PageRequest page) {
        String trust = caller.requireTrust();
        StringBuilder where = new StringBuilder(" WHERE trust_id = :trust");
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] { "trust", trust });
        if (!caller.isTrustWide()) {
            if (caller.schools().isEmpty()) {
                return Page.of(List.of(), page, 0);
            }
            where.append(" AND school_urn IN (:schools)");
            params.add(new Object[] { "schools", caller.schools() });
        }
        if (caller.hasRole(Roles.SENCO) && !caller.hasAnyRole(Roles.SLT, Roles.TRUST_ADMIN)) {
            where.append(" AND senco = :self");
            params.add(new Object[] { "self", caller.username() });
        }
        if (school != null) {
            where.append(" AND school_urn = :school");
            params.add(new Object[] { "school", school });
        }
        Query count = em.createNativeQuery("SELECT count(*) FROM allocation_alert" + where);
        Query select = em.createNativeQuery("SELECT id, school_urn, senco, period, basis, first_week, last_week,"
                + " weeks_over, detail, raised_at FROM allocation_alert" + where
                + " ORDER BY raised_at DESC, id");
        for (Object[] p : params) {
            count.setParameter((String) p[0], p[1]);
            select.setParameter((String) p[0], p[1]);
        }
        long total = Rows.number(count.getSingleResult());
        List<AlertView> alerts = new ArrayList<>();
        for (Object row : select.setFirstResult(page.offset()).setMaxResults(page.size).getResultList()) {
            Object[] r = (Object[]) row;
            alerts.add(new AlertView(uuid(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    Rows.date(r[5]), Rows.date(r[6]), (int) Rows.number(r[7]), weeks((String) r[8]),
                    Rows.instant(r[9])));
        }
        return Page.of(alerts, page, total);
    }

    private List<WorkloadEvents.WeekData> weeks(String detail) {
        try {
            return List.of(json.readValue(detail, WorkloadEvents.WeekData[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable alert detail", e);
        }
    }

    private static UUID uuid(Object value) {
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }
}
