package uk.sen.review.service;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmark, not a test: the deadline monitor over 200,000 open reviews (target: a full scan under 2 s).
 * Run: ./mvnw -pl review-service test -Dsurefire.excludedGroups=none -Dtest=DeadlineScanBenchmark
 * Due dates spread over the next year and the last month, as in a real register; the first scan raises the
 * alerts of everything within 14 days or overdue, the second finds nothing new (the steady state).
 */
@QuarkusTest
@Tag("benchmark")
class DeadlineScanBenchmark {

    static final int REVIEWS = Integer.getInteger("bench.reviews", 200_000);

    @Inject
    DeadlineMonitor monitor;

    @Inject
    EntityManager em;

    @Test
    void scanTwoHundredThousandOpenReviews() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        long t0 = System.currentTimeMillis();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM deadline_alert").executeUpdate();
            em.createNativeQuery("DELETE FROM deadline WHERE source_type = 'benchmark'").executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO deadline (id, pupil_id, trust_id, school_urn, source_type, source_id, step, statutory, due_on)
                    SELECT gen_random_uuid(), gen_random_uuid(), 'bench-trust', lpad((900000 + n % 10)::text, 6, '0'),
                           'benchmark', gen_random_uuid(), 'REVIEW_MEETING', true,
                           cast(?1 as date) - 30 + (n % 395)
                    FROM generate_series(1, ?2) AS n""")
                    .setParameter(1, java.sql.Date.valueOf(today)).setParameter(2, REVIEWS).executeUpdate();
        });
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE deadline").executeUpdate());
        long loaded = System.currentTimeMillis() - t0;

        DeadlineMonitor.ScanResult first = monitor.scan(today);
        DeadlineMonitor.ScanResult second = monitor.scan(today);
        DeadlineMonitor.ScanResult nextDay = monitor.scan(today.plusDays(1));

        System.out.printf("%n| measure | value |%n|---|---|%n");
        System.out.printf("| open reviews (deadlines) | %,d (loaded in %d ms) |%n", REVIEWS, loaded);
        System.out.printf("| first scan: approaching / missed announced | %,d / %,d in %d ms |%n", first.approaching(),
                first.missed(), first.millis());
        System.out.printf("| second scan, same day (nothing new) | %d / %d in %d ms |%n", second.approaching(),
                second.missed(), second.millis());
        System.out.printf("| next day's scan | %d / %d in %d ms |%n%n", nextDay.approaching(), nextDay.missed(),
                nextDay.millis());

        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM outbox_event WHERE trust_id = 'bench-trust'").executeUpdate();
            em.createNativeQuery("DELETE FROM deadline WHERE source_type = 'benchmark'").executeUpdate();
        });
    }
}
