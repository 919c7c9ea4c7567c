package uk.sen.workload.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.Tokens;
import uk.sen.workload.domain.Period;
import uk.sen.workload.repository.TimeAggregates;
import uk.sen.workload.service.ReportService;

/**
 * Benchmark, not a test: the trust report over 10 schools and a school year of 50,000 time entries (target: under
 * 200 ms). Run: ./mvnw -pl workload-service test -Dsurefire.excludedGroups=none -Dtest=TrustReportBenchmark
 * Twenty SENCOs (two per school) log entries every day of 2025-26 across all categories, with allocations that
 * change at Christmas. Each figure is a real HTTP request with a real token: authentication, the SQL roll-up, the
 * allocation arithmetic and the JSON (or CSV, or SVG). Prints a markdown table and leaves the year's chart in
 * target/benchmark-trust-year.png; the data is removed afterwards.
 */
@QuarkusTest
@Tag("benchmark")
class TrustReportBenchmark {

    static final int ENTRIES = Integer.getInteger("bench.entries", 50_000);
    static final int RUNS = Integer.getInteger("bench.runs", 30);
    static final int WARMUPS = Integer.getInteger("bench.warmups", 20);
    static final String SCHOOLS = "lpad((910001 + n % 10)::text, 6, '0')";

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    TimeAggregates aggregates;

    @Inject
    ReportService reports;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void trustReportOverAYearOfFiftyThousandEntries() throws Exception {
        long t0 = System.currentTimeMillis();
        QuarkusTransaction.requiringNew().run(() -> {
            cleanUp();
            em.createNativeQuery("""
                    INSERT INTO time_entry (id, trust_id, school_urn, senco, entry_date, minutes, category_code,
                                            source, created_at, updated_at)
                    SELECT gen_random_uuid(), 'northbridge', %s, 'bench.senco.' || (n %% 20),
                           date '2025-09-01' + (n %% 365), 15 + (n * 7) %% 106,
                           (ARRAY['ADMINISTRATION','EHC_NEEDS_ASSESSMENT','EHCP_ANNUAL_REVIEWS','SEN_SUPPORT_PLANS',
                                  'PARENT_MEETINGS','EXTERNAL_LIAISON','STAFF_SUPPORT','TEACHING_INTERVENTIONS',
                                  'STRATEGIC_LEADERSHIP','PROVISION_MAPPING','TRANSITION','DATA_AND_CENSUS',
                                  'NON_SEND_DUTIES'])[1 + (n / 20) %% 13],
                           'MANUAL', now(), now()
                    FROM generate_series(1, ?1) AS n""".formatted(SCHOOLS))
                    .setParameter(1, ENTRIES).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO protected_time (id, trust_id, school_urn, senco, hours_per_week, effective_from,
                                                effective_to, set_by, set_at)
                    SELECT gen_random_uuid(), 'northbridge', %s, 'bench.senco.' || n, 4 + n %% 5,
                           date '2025-09-01', date '2025-12-31', 'benchmark', now() FROM generate_series(0, 19) AS n
                    UNION ALL
                    SELECT gen_random_uuid(), 'northbridge', %s, 'bench.senco.' || n, 6 + n %% 5,
                           date '2026-01-01', NULL, 'benchmark', now() FROM generate_series(0, 19) AS n"""
                    .formatted(SCHOOLS, SCHOOLS)).executeUpdate();
        });
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE time_entry");
            s.execute("VACUUM ANALYZE time_week_total");
            s.execute("ANALYZE protected_time");
        }
        long loaded = System.currentTimeMillis() - t0;
        String token = Tokens.of("trust.admin");

        List<String> rows = new ArrayList<>();
        rows.add(measure("trust report, school year (JSON)", token, "/api/v1/reports/trust", "year"));
        rows.add(measure("trust report, autumn term (JSON)", token, "/api/v1/reports/trust", "term"));
        rows.add(measure("one school's report, school year (JSON)", token, "/api/v1/reports/schools/910003", "year"));
        rows.add(measure("trust weeks, school year (CSV)", token, "/api/v1/reports/trust/weeks.csv", "year"));
        rows.add(measure("trust chart, school year (SVG)", token, "/api/v1/reports/trust/chart.svg", "year"));
        rows.add(measure("trust chart, school year (PNG)", token, "/api/v1/reports/trust/chart.png", "year"));
        rows.add(serviceOnly());
        // the chart the year draws, to look at
        HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(base.resolve(
                "/api/v1/reports/trust/chart.png?period=year&date=2025-10-01")).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        Files.write(Path.of("target", "benchmark-trust-year.png"), png.body());
        rows.add(sqlOnly());

        System.out.printf("%n%,d time entries of 20 SENCOs at 10 schools over 2025-26, 40 allocation periods, "
                + "loaded and vacuumed in %,d ms; %d timed requests each after %d warm-ups.%n%n", ENTRIES, loaded, RUNS,
                WARMUPS);
        System.out.println("| request | median ms | p95 ms | max ms |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();

        QuarkusTransaction.requiringNew().run(this::cleanUp);
    }

    private String measure(String what, String token, String path, String period) {
        for (int i = 0; i < WARMUPS; i++) {
            call(token, path, period);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            call(token, path, period);
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(times);
        return String.format("| %s | %d | %d | %d |", what, times.get(times.size() / 2),
                times.get((int) Math.ceil(times.size() * 0.95) - 1), times.get(times.size() - 1));
    }

    private void call(String token, String path, String period) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path + "?period=" + period + "&date=2025-10-01")).header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The report assembled in the service, without HTTP, JSON or the token. */
    private String serviceOnly() {
        ReportService.Scope trust = new ReportService.Scope(ReportService.Level.TRUST, "northbridge", null, null, null,
                "Trust northbridge");
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS + WARMUPS; i++) {
            long start = System.nanoTime();
            reports.report(trust, Period.Kind.YEAR, LocalDate.of(2025, 10, 1));
            if (i >= WARMUPS) {
                times.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        Collections.sort(times);
        return String.format("| trust report, school year, in the service (no HTTP, no JSON) | %d | %d | %d |",
                times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.95) - 1),
                times.get(times.size() - 1));
    }

    /** The roll-up query alone, as the trust's year report runs it (inside a transaction, as in the service). */
    private String sqlOnly() {
        TimeAggregates.Filter year = new TimeAggregates.Filter("northbridge", null, null, LocalDate.of(2025, 9, 1),
                LocalDate.of(2026, 8, 31));
        List<Long> times = new ArrayList<>();
        int sums = 0;
        for (int i = 0; i < RUNS + WARMUPS; i++) {
            long start = System.nanoTime();
            TimeAggregates.Rollups r = QuarkusTransaction.requiringNew().call(() -> aggregates.rollups(year));
            if (i >= WARMUPS) {
                times.add((System.nanoTime() - start) / 1_000_000);
            }
            sums = r.bySencoWeek().size() + r.byWeekCategory().size() + r.bySencoCategory().size();
        }
        Collections.sort(times);
        return String.format("| roll-up query alone (%,d sums from %,d weekly totals) | %d | %d | %d |", sums,
                weeklyTotals(), times.get(times.size() / 2), times.get((int) Math.ceil(times.size() * 0.95) - 1),
                times.get(times.size() - 1));
    }

    private long weeklyTotals() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM time_week_total WHERE senco LIKE 'bench.senco.%'").getSingleResult()).longValue());
    }

    private void cleanUp() {
        em.createNativeQuery("DELETE FROM time_entry WHERE senco LIKE 'bench.senco.%'").executeUpdate();
        em.createNativeQuery("DELETE FROM protected_time WHERE senco LIKE 'bench.senco.%'").executeUpdate();
    }
}
