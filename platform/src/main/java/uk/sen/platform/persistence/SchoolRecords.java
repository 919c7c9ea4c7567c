package uk.sen.platform.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.web.Versions;

/**
 * Load, check, change, audit: the steps every change of a school's record takes, written once. A record outside the
 * caller's trust or schools is "not found" (404), exactly as one that does not exist, so ids reveal nothing; a change
 * names the version it was made against (If-Match: 412 when stale, 428 when missing); a change is stamped, flushed
 * (so the answer's ETag is the new version) and audited in the same transaction.
 */
@ApplicationScoped
public class SchoolRecords {

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    /** The record, when the caller's scope covers its school; otherwise 404 naming {@code what} ("Support plan"). */
    public <T extends SchoolRecord> T inScope(Class<T> type, String what, UUID id) {
        T record = id == null ? null : em.find(type, id);
        if (record == null || !caller.coversSchool(record.trustId, record.schoolUrn)) {
            throw ProblemException.notFound(what, id);
        }
        return record;
    }

    /** The record in the caller's scope, at the version the caller read ({@code If-Match}). */
    public <T extends SchoolRecord> T forChange(Class<T> type, String what, UUID id, String ifMatch) {
        T record = inScope(type, what, id);
        Versions.requireMatch(ifMatch, record.version);
        return record;
    }

    /** Stamps and flushes a changed record (its version is then the new one) and audits the change of its subject. */
    public <T extends SchoolRecord> T changed(T record, String subjectType, UUID subjectId, String detail) {
        record.updatedAt = Instant.now();
        em.flush();
        audit.record(AuditLog.UPDATE, subjectType, List.of(subjectId.toString()), record.trustId, record.schoolUrn,
                detail);
        return record;
    }
}
