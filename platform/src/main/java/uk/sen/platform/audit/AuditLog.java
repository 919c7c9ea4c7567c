package uk.sen.platform.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import uk.sen.platform.io.Rows;
import uk.sen.platform.io.UnmappedTables;
import uk.sen.platform.security.CallerScope;

/**
 * Writes who read or changed which pupil-level records. A change is audited in the same transaction as the
 * change. A read by an HTTP caller (READ, LIST, EXPORT) is written by the {@link AuditGroupCommit} together with the
 * reads of the same moment, and the call returns only once that commit has: nothing is served unaudited, and
 * concurrent reads share one commit.
 */
@ApplicationScoped
public class AuditLog {

    /** Actions recorded; the same words in every service. */
    public static final String READ = "READ";
    public static final String LIST = "LIST";
    public static final String CREATE = "CREATE";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";
    public static final String IMPORT = "IMPORT";
    public static final String EXPORT = "EXPORT";
    /** The actions that read: their records are group-committed. */
    private static final java.util.Set<String> READS = java.util.Set.of(READ, LIST, EXPORT);

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    AuditGroupCommit groupCommit;

    /** Whether reads' records are group-committed (true), or written in the read's own transaction. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "sen.audit.group-commit.enabled", defaultValue = "true")
    boolean groupCommitted;

    /** Records an access by the current HTTP caller: a read durably before the call returns, a change in its transaction. */
    public void record(String action, String subjectType, Collection<String> subjectIds, String trustId,
            String schoolUrn, String detail) {
        if (subjectIds.isEmpty()) {
            return;
        }
        String actor = caller.username();
        String roles = String.join(",", caller.roles());
        if (groupCommitted && READS.contains(action)) {
            groupCommit.writeAndWait(Instant.now(), actor, roles, action, subjectType, subjectIds, trustId, schoolUrn,
                    detail);
        } else {
            QuarkusTransaction.joiningExisting().run(() -> write(actor, roles, action, subjectType, subjectIds,
                    trustId, schoolUrn, detail));
        }
    }

    public void record(String action, String subjectType, String subjectId, String trustId, String schoolUrn) {
        record(action, subjectType, List.of(subjectId), trustId, schoolUrn, null);
    }

    /** Records a change made by the service itself (an event consumer, a scheduled job). */
    @Transactional
    public void recordSystem(String actor, String action, String subjectType, String subjectId, String trustId,
            String schoolUrn, String detail) {
        write(actor, "system", action, subjectType, List.of(subjectId), trustId, schoolUrn, detail);
    }

    private void write(String actor, String roles, String action, String subjectType, Collection<String> ids,
            String trustId, String schoolUrn, String detail) {
        if (ids.isEmpty()) {
            return;
        }
        UnmappedTables.touchingOnly(em.createNativeQuery("""
                INSERT INTO audit_record (occurred_at, actor, actor_roles, action, subject_type, subject_ids,
                                          trust_id, school_urn, detail)
                VALUES (?1, ?2, ?3, ?4, ?5, cast(?6 as text[]), ?7, ?8, ?9)"""), "audit_record")
                .setParameter(1, Instant.now())
                .setParameter(2, actor)
                .setParameter(3, roles)
                .setParameter(4, action)
                .setParameter(5, subjectType)
                .setParameter(6, Rows.textArray(ids))
                .setParameter(7, trustId)
                .setParameter(8, schoolUrn)
                .setParameter(9, detail)
                .executeUpdate();
    }
}
