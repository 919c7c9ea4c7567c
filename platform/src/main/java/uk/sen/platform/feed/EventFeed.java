package uk.sen.platform.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.Rows;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;

/**
 * The service's own events for clients outside the platform (a trust's systems, a mobile app that syncs): read from
 * the outbox once the relay has published them, in the order it published them, limited to the caller's trust and
 * schools. The outbox keeps published events for {@code sen.retention.published-outbox} (7 days by default): a
 * cursor older than that may have missed events, so it is refused with 410 and the client resyncs from the lists.
 */
@ApplicationScoped
public class EventFeed {

    public static final int MAX_SIZE = 500;
    /** Longer than the relay's transaction may last (its timeout is 120 s). */
    private static final Duration RELAY_COMMIT_MARGIN = Duration.ofMinutes(5);

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = "sen.retention.published-outbox", defaultValue = "P7D")
    Duration window;

    /** The events after {@code after} (from the oldest kept when null), of the given types (all when empty). */
    @Transactional
    public FeedPage after(String after, Set<String> types, int size) {
        FeedCursor from = after == null ? new FeedCursor(0, 0, Instant.EPOCH) : cursor(after);
        String trust = caller.requireTrust();
        StringBuilder sql = new StringBuilder("""
                SELECT feed_batch, seq, sent_at, id, type, subject, occurred_at, trust_id, school_urn, payload
                FROM outbox_event
                WHERE feed_batch IS NOT NULL AND (feed_batch, seq) > (:batch, :seq) AND trust_id = :trust""");
        if (!caller.isTrustWide()) {
            sql.append(" AND school_urn = ANY(cast(:schools as text[]))");
        }
        if (!types.isEmpty()) {
            sql.append(" AND type = ANY(cast(:types as text[]))");
        }
        sql.append(" ORDER BY feed_batch, seq LIMIT :limit");
        Query query = em.createNativeQuery(sql.toString()).setParameter("batch", from.batch())
                .setParameter("seq", from.seq()).setParameter("trust", trust).setParameter("limit", size + 1);
        if (!caller.isTrustWide()) {
            query.setParameter("schools", Rows.textArray(caller.schools()));
        }
        if (!types.isEmpty()) {
            query.setParameter("types", Rows.textArray(types));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        boolean more = rows.size() > size;
        List<FeedEvent> events = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        FeedCursor last = null;
        for (Object[] row : rows.subList(0, Math.min(size, rows.size()))) {
            last = new FeedCursor(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), Rows.instant(row[2]));
            events.add(new FeedEvent("1.0", row[3].toString(), "urn:uk-sen:" + service, (String) row[4],
                    (String) row[5], Rows.instant(row[6]), "application/json", (String) row[7], (String) row[8],
                    (String) row[9]));
            subjects.add((String) row[5]);
        }
        audit.record(AuditLog.LIST, "event-subject", subjects, trust, null, "event feed of " + service);
        return new FeedPage(events, next(last == null ? from : last, more).token(), more);
    }

    /**
     * The cursor to come back with. A client that has read everything in its scope is caught up as of now, however
     * long ago its last event was (a quiet school in the holidays must not be told to resync): its cursor is stamped
     * with the time of this read, less the longest a relay batch can take to commit (an event stamped before this
     * read may become visible after it).
     */
    private static FeedCursor next(FeedCursor at, boolean more) {
        if (more) {
            return at;
        }
        Instant caughtUp = Instant.now().minus(RELAY_COMMIT_MARGIN);
        return caughtUp.isAfter(at.sentAt()) ? new FeedCursor(at.batch(), at.seq(), caughtUp) : at;
    }

    private FeedCursor cursor(String token) {
        FeedCursor cursor;
        try {
            cursor = FeedCursor.of(token);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("after", "is not a cursor this feed gave (pass the next of a feed page)");
        }
        if (cursor.sentAt().isBefore(Instant.now().minus(window))) {
            throw ProblemException.gone("The cursor is older than the " + window.toDays() + " days this service keeps "
                    + "its events for, so events may have been missed: read the current state from the lists, then "
                    + "follow the feed again from its start (without after).");
        }
        return cursor;
    }
}
