package uk.sen.register.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.register.domain.BroadArea;
import uk.sen.register.domain.NeedAreas;
import uk.sen.register.domain.NeedType;
import uk.sen.register.domain.School;
import uk.sen.register.domain.YearGroups;
import uk.sen.register.repository.SummaryRepository;
import uk.sen.register.repository.SummaryRepository.Count;

/**
 * The register at a glance, as at a date: how many pupils on roll have SEN support (K) or an EHC plan (E), by
 * primary need, broad area of need and year group, per school and in total. Aggregates only: no pupil is named.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SummaryService {

    @Schema(description = "A count and its percentage of the line's base (null when the base is 0), to 1 decimal place")
    public record Share(@Schema(description = "How many pupils", examples = "12") long count,
            @Schema(nullable = true, description = "Their percentage of the base, to 1 decimal place; null when the"
                    + " base is 0", examples = "14.6") BigDecimal percent) {
    }

    @Schema(description = "K and E pupils of a year group; percentages of the year group's pupils on roll")
    public record YearGroupLine(
            @Schema(description = "National curriculum year group", enumeration = { "E1", "E2", "N1", "N2", "R", "1",
                    "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "X" }) String ncYear,
            @Schema(description = "Pupils of the year group on roll") long onRoll, Share k, Share e) {
    }

    @Schema(description = "K and E pupils by primary need; percentages of all K (resp. E) pupils in scope. "
            + "A line with no code counts pupils whose primary need is not recorded for the date.")
    public record NeedLine(
            // the enums themselves, written as their names: a nullable String with an inline enum would be
            // documented as refusing the null
            @Schema(nullable = true, description = "Census / SEN2 need type code; null on the line of pupils without"
                    + " a recorded primary need") NeedType code,
            @Schema(description = "The need type in words", examples = "Speech, language and communication needs") String description,
            @Schema(nullable = true, description = "The broad area of need of the code; null on the line without a"
                    + " code") BroadArea area,
            Share k, Share e) {
    }

    @Schema(description = "K and E pupils by the broad area of their primary need; percentages of all K (resp. E) "
            + "pupils in scope")
    public record AreaLine(
            @Schema(nullable = true, description = "The broad area of need; null on the line of pupils without a"
                    + " recorded primary need") BroadArea area,
            @Schema(description = "The area in words", examples = "Communication and interaction") String label,
            Share k, Share e) {
    }

    @Schema(description = "Pupils on roll and K/E among them (percentages of pupils on roll); legacy counts open "
            + "legacy provisions (S, A, P) from imported records, which are neither K nor E")
    public record Breakdown(@Schema(description = "Pupils on roll") long onRoll,
            @Schema(description = "Pupils with SEN support (K)") Share k,
            @Schema(description = "Pupils with an EHC plan (E)") Share e,
            @Schema(description = "Pupils with an open legacy provision (S, A, P)") long legacy,
            List<YearGroupLine> byYearGroup,
            List<NeedLine> byNeed, List<AreaLine> byArea) {
    }

    @Schema(description = "One school's breakdown")
    public record SchoolSummary(@Schema(examples = "900101") String urn,
            @Schema(examples = "Harbour Primary School") String name, Breakdown summary) {
    }

    @Schema(description = "The register at a glance as at a date: counts only, no pupil named")
    public record RegisterSummary(@Schema(description = "The date the register is read as at") LocalDate asAt,
            @Schema(examples = "northbridge") String trustId,
            @Schema(description = "All the schools below together") Breakdown total,
            @Schema(description = "Each school in scope, by name") List<SchoolSummary> schools) {
    }

    @Inject
    SummaryRepository repository;

    @Inject
    SchoolService schools;

    @Inject
    NeedAreas areas;

    @Inject
    CallerScope caller;

    /** @param schoolUrn one school only, when given; else every school of the caller's scope */
    public RegisterSummary summary(String schoolUrn, LocalDate asAt) {
        String trust = caller.requireTrust();
        List<School> scope = schools.visibleSchools();
        if (schoolUrn != null) {
            scope = scope.stream().filter(s -> s.urn.equals(schoolUrn)).toList();
            if (scope.isEmpty()) {
                throw ProblemException.notFound("School", schoolUrn);
            }
        }
        List<Count> counts = repository.counts(trust, scope.stream().map(s -> s.urn).toList(), asAt);
        Map<String, List<Count>> bySchool = new HashMap<>();
        counts.forEach(c -> bySchool.computeIfAbsent(c.schoolUrn(), k -> new ArrayList<>()).add(c));
        List<SchoolSummary> perSchool = scope.stream()
                .map(s -> new SchoolSummary(s.urn, s.name, breakdown(bySchool.getOrDefault(s.urn, List.of()))))
                .toList();
        return new RegisterSummary(asAt, trust, breakdown(counts), perSchool);
    }

    private Breakdown breakdown(List<Count> counts) {
        Map<String, long[]> years = new HashMap<>();
        Map<String, long[]> needs = new HashMap<>();
        for (Count c : counts) {
            Map<String, long[]> target = c.byNeed() ? needs : years;
            long[] sum = target.computeIfAbsent(c.key() == null ? "" : c.key(), k -> new long[4]);
            sum[0] += c.onRoll();
            sum[1] += c.k();
            sum[2] += c.e();
            sum[3] += c.legacy();
        }
        long onRoll = 0;
        long k = 0;
        long e = 0;
        long legacy = 0;
        List<YearGroupLine> byYear = new ArrayList<>();
        List<String> yearKeys = new ArrayList<>(years.keySet());
        yearKeys.sort(Comparator.comparing(YearGroups::rank));
        for (String year : yearKeys) {
            long[] s = years.get(year);
            onRoll += s[0];
            k += s[1];
            e += s[2];
            legacy += s[3];
            byYear.add(new YearGroupLine(year, s[0], share(s[1], s[0]), share(s[2], s[0])));
        }
        List<NeedLine> byNeed = new ArrayList<>();
        Map<BroadArea, long[]> byAreaSums = new HashMap<>();
        for (NeedType type : NeedType.values()) {
            long[] s = needs.getOrDefault(type.name(), new long[4]);
            BroadArea area = areas.areaOf(type.name());
            byNeed.add(new NeedLine(type, type.description, area, share(s[1], k), share(s[2], e)));
            long[] a = byAreaSums.computeIfAbsent(area, x -> new long[2]);
            a[0] += s[1];
            a[1] += s[2];
        }
        List<AreaLine> byArea = new ArrayList<>();
        for (BroadArea area : BroadArea.values()) {
            long[] a = byAreaSums.getOrDefault(area, new long[2]);
            byArea.add(new AreaLine(area, area.label, share(a[0], k), share(a[1], e)));
        }
        long[] none = needs.getOrDefault("", new long[4]);
        if (none[1] + none[2] > 0) {
            String label = "No primary need recorded";
            byNeed.add(new NeedLine(null, label, null, share(none[1], k), share(none[2], e)));
            byArea.add(new AreaLine(null, label, share(none[1], k), share(none[2], e)));
        }
        return new Breakdown(onRoll, share(k, onRoll), share(e, onRoll), legacy, byYear, byNeed, byArea);
    }

    static Share share(long count, long base) {
        if (base == 0) {
            return new Share(count, null);
        }
        return new Share(count, BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(base), 1,
                RoundingMode.HALF_UP));
    }
}
