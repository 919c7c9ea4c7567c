package uk.sen.workload.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import uk.sen.platform.audit.AuditLog;
import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.SencoPost;
import uk.sen.workload.domain.SencoQualification;
import uk.sen.workload.events.WorkloadEvents;

/**
 * Raises the qualification alerts: once per post when the three-year limit for the NPQ for SENCOs is within
 * {@code sen.workload.qualification.warning} (DUE_SOON), and once when it has passed (OVERDUE), announced on the
 * workload topic for notification-service to tell the school's senior leaders (and the trust's systems, through its
 * webhooks and the event feed). Checked when a post is written and by a daily sweep.
 */
@ApplicationScoped
public class QualificationWatch {

    private static final Logger LOG = Logger.getLogger(QualificationWatch.class);

    @Inject
    WorkloadConfig config;

    @Inject
    EntityManager em;

    @Inject
    WorkloadEvents events;

    @Inject
    AuditLog audit;

    @Inject
    WorkloadClock clock;

    /** The alert this post is due today, raised unless it was before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void check(SencoPost post, LocalDate today) {
        Optional<SencoQualification.Stage> stage = stage(post, today);
        if (stage.isEmpty()) {
            return;
        }
        UUID alertId = UUID.randomUUID();
        LocalDate deadline = post.qualificationDeadline();
        int inserted = em.createNativeQuery("""
                INSERT INTO qualification_alert (id, post_id, stage, deadline, raised_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT DO NOTHING""").setParameter(1, alertId).setParameter(2, post.id)
                .setParameter(3, stage.get().name()).setParameter(4, deadline).setParameter(5, clock.instant())
                .executeUpdate();
        if (inserted == 0) {
            return;
        }
        events.qualificationDue(new WorkloadEvents.QualificationDueData(alertId.toString(), post.trustId,
                post.schoolUrn, post.senco, post.id.toString(), stage.get().name(), post.appointedOn, deadline,
                post.qualification.name(), post.qualificationExpectedOn, clock.instant()));
        audit.recordSystem("workload-service", AuditLog.CREATE, "qualification-alert", alertId.toString(),
                post.trustId, post.schoolUrn, "NPQ for SENCOs " + stage.get().name().toLowerCase().replace('_', ' ')
                        + " for " + post.senco + ": due by " + deadline);
        LOG.infof("SENCO qualification %s at %s (post %s), due by %s", stage.get(), post.schoolUrn, post.id, deadline);
    }

    /** The stage of the qualification alert a post is due on {@code today}, if any. */
    public Optional<SencoQualification.Stage> stage(SencoPost post, LocalDate today) {
        return SencoQualification.stage(post.qualification, post.appointedOn, post.endedOn, today,
                config.qualification().warning());
    }

    /** Once a day: the posts whose limit came near or passed without anyone writing them. */
    @Scheduled(cron = "${sen.workload.exceedance.sweep-cron}", timeZone = "Europe/London",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        sweep(clock.today());
    }

    /** Checks every open post with the qualification outstanding; returns how many were checked. */
    public int sweep(LocalDate today) {
        List<UUID> open = QuarkusTransaction.requiringNew().call(() -> em.createQuery("""
                SELECT p.id FROM SencoPost p WHERE p.qualification IN :outstanding
                AND (p.endedOn IS NULL OR p.endedOn >= :today) ORDER BY p.id""", UUID.class)
                .setParameter("outstanding", List.of(SencoQualification.NOT_STARTED, SencoQualification.IN_PROGRESS))
                .setParameter("today", today).getResultList());
        for (UUID id : open) {
            try {
                QuarkusTransaction.requiringNew().run(() -> check(em.find(SencoPost.class, id), today));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Qualification check failed for SENCO post %s; the next sweep retries", id);
            }
        }
        return open.size();
    }
}
