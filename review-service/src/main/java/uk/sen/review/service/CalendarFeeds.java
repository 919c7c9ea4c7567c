package uk.sen.review.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import uk.sen.platform.time.EnglandClock;
import uk.sen.platform.audit.AuditLog;
import uk.sen.platform.io.Rows;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.review.config.ReviewConfig;
import uk.sen.review.domain.CalendarFeed;
import uk.sen.review.domain.Deadline.Step;
import uk.sen.review.domain.ICalendar;
import uk.sen.review.domain.ICalendar.AllDayEvent;

/**
 * Secret calendar feeds: phones cannot send a bearer token, so a signed-in user gets a long random token whose
 * URL serves their schools' deadlines and review meetings as iCalendar. Only the token's SHA-256 is stored; a new
 * token replaces the old one, which then answers 404. Events name no child: a pupil reference and the step.
 */
@ApplicationScoped
@Transactional
public class CalendarFeeds {

    public static final String PROD_ID = "-//SEN coordination platform//review-service//EN";
    static final int TOKEN_BYTES = 32;
    /** Annual review meetings already held are dropped after this many days. */
    static final int MEETINGS_PAST_DAYS = 30;

    public record Issued(String token, String trustId, boolean trustWide, Set<String> schools, Instant issuedAt,
            boolean replacedPrevious) {
    }

    private final SecureRandom random = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    AuditLog audit;

    @Inject
    EnglandClock calendar;

    @Inject
    ReviewConfig config;

    /** A new feed token for the caller, with their current scope; any earlier token stops working. */
    public Issued issue() {
        String trust = caller.requireTrust();
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CalendarFeed feed = CalendarFeed.findById(caller.subject());
        boolean replaced = feed != null;
        if (feed == null) {
            feed = new CalendarFeed();
            feed.userSubject = caller.subject();
        }
        feed.username = caller.username();
        feed.tokenHash = hash(token);
        feed.trustId = trust;
        feed.trustWide = caller.isTrustWide();
        Set<String> schools = feed.trustWide ? Set.of() : new TreeSet<>(caller.schools());
        feed.schools = String.join(",", schools);
        feed.createdAt = Instant.now();
        feed.lastUsedAt = null;
        feed.persist();
        return new Issued(token, trust, feed.trustWide, schools, feed.createdAt, replaced);
    }

    /** Revokes the caller's feed; true when there was one. */
    public boolean revoke() {
        return CalendarFeed.deleteById(caller.subject());
    }

    /** The iCalendar text of the feed with this token; 404 for a token that is unknown, rotated or revoked. */
    public String render(String token) {
        CalendarFeed feed = CalendarFeed.find("tokenHash", hash(token)).firstResult();
        if (feed == null) {
            throw ProblemException.notFound("Calendar feed", "for this link");
        }
        feed.lastUsedAt = Instant.now();
        LocalDate today = calendar.today();
        Set<String> schools = feed.trustWide ? null
                : new TreeSet<>(Arrays.asList(feed.schools.isEmpty() ? new String[0] : feed.schools.split(",")));
        List<AllDayEvent> events = new ArrayList<>();
        Map<UUID, String> pupils = new LinkedHashMap<>();
        if (schools == null || !schools.isEmpty()) {
            deadlines(feed.trustId, schools, today, events, pupils);
            meetings(feed.trustId, schools, today, events, pupils);
        }
        pupils.forEach((pupil, school) -> audit.recordSystem(feed.username + " (calendar feed)", AuditLog.READ,
                "pupil", pupil.toString(), feed.trustId, school, "calendar feed"));
        return ICalendar.render(PROD_ID, "SEN deadlines and reviews", Instant.now(), events);
    }

    private void deadlines(String trust, Set<String> schools, LocalDate today, List<AllDayEvent> events,
            Map<UUID, String> pupils) {
        Query q = em.createNativeQuery("""
                SELECT d.id, d.pupil_id, d.school_urn, d.source_type, d.source_id, d.step, d.statutory, d.due_on,
                       d.excepted
                FROM deadline d
                WHERE d.trust_id = :trust AND d.done_on IS NULL AND NOT d.cancelled
                  AND d.due_on BETWEEN :from AND :to""" + (schools == null ? "" : " AND d.school_urn IN (:schools)")
                + " ORDER BY d.due_on, d.id")
                .setParameter("trust", trust)
                .setParameter("from", today.minusDays(config.calendar().pastDays()))
                .setParameter("to", today.plusDays(config.calendar().aheadDays()));
        if (schools != null) {
            q.setParameter("schools", schools);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        for (Object[] r : rows) {
            UUID pupil = Rows.uuid(r[1]);
            LocalDate due = Rows.date(r[7]);
            boolean excepted = (Boolean) r[8];
            String step = (String) r[5];
            String state = excepted ? " (exception applies)" : due.isBefore(today) ? " (overdue)" : "";
            String summary = Step.labelOf(step) + " due" + state + " - ref " + reference(pupil);
            String description = "Pupil reference: " + pupil + "\nSchool URN: " + r[2] + "\nFor: "
                    + SencoOverview.sourceLabel((String) r[3]) + " " + r[4] + "\nStep: " + step
                    + ((Boolean) r[6] ? " (statutory time limit)" : " (expected practice)");
            events.add(new AllDayEvent(r[0] + "@review-service.sen", due, summary, description,
                    List.of("SEN", "Deadline")));
            pupils.putIfAbsent(pupil, (String) r[2]);
        }
    }

    private void meetings(String trust, Set<String> schools, LocalDate today, List<AllDayEvent> events,
            Map<UUID, String> pupils) {
        Query q = em.createNativeQuery("""
                SELECT r.id, r.pupil_id, r.school_urn, r.kind, r.meeting_date
                FROM annual_review r
                WHERE r.trust_id = :trust AND r.status = 'MEETING_SET' AND r.meeting_date BETWEEN :from AND :to"""
                + (schools == null ? "" : " AND r.school_urn IN (:schools)") + " ORDER BY r.meeting_date, r.id")
                .setParameter("trust", trust)
                .setParameter("from", today.minusDays(MEETINGS_PAST_DAYS))
                .setParameter("to", today.plusDays(config.calendar().aheadDays()));
        if (schools != null) {
            q.setParameter("schools", schools);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        for (Object[] r : rows) {
            UUID pupil = Rows.uuid(r[1]);
            String kind = "PHASE_TRANSFER".equals(r[3]) ? "Phase transfer review meeting" : "Annual review meeting";
            events.add(new AllDayEvent("meeting-" + r[0] + "@review-service.sen", Rows.date(r[4]),
                    kind + " - ref " + reference(pupil), "Pupil reference: " + pupil + "\nSchool URN: " + r[2]
                            + "\nFor: EHC plan review " + r[0],
                    List.of("SEN", "Meeting")));
            pupils.putIfAbsent(pupil, (String) r[2]);
        }
    }

    /** A short pupil reference for the event's title: the start of the pupil id, never a name. */
    static String reference(UUID pupil) {
        return pupil.toString().substring(0, 8);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
