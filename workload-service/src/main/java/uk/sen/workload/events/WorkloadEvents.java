package uk.sen.workload.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.outbox.OutboxWriter;

/**
 * The workload service's integration events on {@code sen.workload.v1}, written through the outbox in the
 * transaction that raised them. Self-contained for notification-service, and free of pupil data.
 */
@ApplicationScoped
public class WorkloadEvents {

    public static final String ALLOCATION_EXCEEDED = "uk.sen.workload.allocation-exceeded";
    public static final String QUALIFICATION_DUE = "uk.sen.workload.senco-qualification-due";

    @Schema(description = "One week over allocation: hours spent (or forecast) against hours allocated")
    public record WeekData(@Schema(description = "The Monday of the week") LocalDate weekStart,
            @Schema(description = "Hours spent, or forecast", examples = "9.5") BigDecimal hours,
            @Schema(description = "Hours allocated that week", examples = "7.5") BigDecimal allocatedHours) {
    }

    /**
     * @param basis ACTUAL (time logged) or FORECAST (time the statutory work ahead is expected to take)
     * @param period the term's code, e.g. {@code 2026-27-autumn}; one alert per SENCO, school and period
     */
    public record AllocationExceededData(String alertId, String trustId, String schoolUrn, String senco, String basis,
            String period, String periodLabel, LocalDate periodFrom, LocalDate periodTo, double marginPercent,
            int requiredWeeks, LocalDate firstWeek, LocalDate lastWeek, List<WeekData> weeks, Instant detectedAt) {
    }

    /**
     * @param stage DUE_SOON (the three-year limit is near) or OVERDUE (it has passed); one alert per post and stage
     * @param qualification NOT_STARTED or IN_PROGRESS (the NPQ for SENCOs)
     */
    public record QualificationDueData(String alertId, String trustId, String schoolUrn, String senco, String postId,
            String stage, LocalDate appointedOn, LocalDate deadline, String qualification,
            LocalDate qualificationExpectedOn, Instant raisedAt) {
    }

    @Inject
    OutboxWriter outbox;

    @ConfigProperty(name = "sen.topics.workload")
    String topic;

    /** Key and subject: the SENCO, so one SENCO's alerts stay in order. */
    public void allocationExceeded(AllocationExceededData data) {
        outbox.publish(topic, ALLOCATION_EXCEEDED, data.senco(), data.trustId(), data.schoolUrn(), data);
    }

    /** Key and subject: the SENCO, as for their other alerts. */
    public void qualificationDue(QualificationDueData data) {
        outbox.publish(topic, QUALIFICATION_DUE, data.senco(), data.trustId(), data.schoolUrn(), data);
    }
}
