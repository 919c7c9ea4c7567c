package uk.sen.workload.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.platform.io.Csv;
import uk.sen.platform.problem.ProblemException;
import uk.sen.platform.security.CallerScope;
import uk.sen.platform.security.Roles;
import uk.sen.platform.security.TrustNames;
import uk.sen.workload.domain.ActivityCategory;
import uk.sen.workload.domain.AllocatedTime;
import uk.sen.workload.domain.Period;
import uk.sen.workload.domain.ProtectedTime;
import uk.sen.workload.domain.SchoolCalendar;
import uk.sen.workload.domain.StandardsArea;
import uk.sen.workload.domain.WorkType;
import uk.sen.workload.repository.TimeAggregates;
import uk.sen.workload.repository.TimeAggregates.Cell;

/**
 * Workload reports for a SENCO (their own, or for SLT and trust admins), a school (SLT, trust admins) and the trust
 * (trust admins): totals by category, National Standards area and kind of work, the administrative share, time
 * against protected time, weeks over allocation and the weekly series. Only sums leave the database; no note or
 * pupil reference of an entry is ever part of a report. A period is reported to date (up to today).
 */
@ApplicationScoped
@Transactional
public class ReportService {

    @Schema(name = "ReportLevel", description = "Whose time a report covers: one SENCO, a school or the trust")
    public enum Level {
        SENCO, SCHOOL, TRUST
    }

    /** Whose time a report covers: a trust, its schools (null = all) and possibly one SENCO. */
    public record Scope(Level level, String trustId, Set<String> schools, String senco, String schoolUrn,
            String title) {
    }

    @Schema(description = "The period a report covers, reported to date")
    public record PeriodView(Period.Kind kind,
            @Schema(description = "Its stable code: 2026-W48, 2026-27-autumn or 2026-27", examples = "2026-27-autumn") String code,
            @Schema(description = "Its name, for people", examples = "Autumn term 2026") String label,
            @Schema(description = "Its first day") LocalDate from, @Schema(description = "Its last day") LocalDate to,
            @Schema(description = "The day it is reported up to: today, or its last day once it is over") LocalDate asOf) {
    }

    @Schema(description = "Time on one activity category")
    public record CategoryShare(@Schema(description = "The category's code", examples = "EHCP_ANNUAL_REVIEWS") String code,
            @Schema(description = "Its name", examples = "EHCP annual reviews") String name,
            StandardsArea standardsArea, WorkType workType, long minutes,
            @Schema(description = "The minutes as hours, two decimals", examples = "12.5") BigDecimal hours,
            @Schema(nullable = true, description = "Its share of all the time, in percent (one decimal); null when there is no time") BigDecimal percent) {
    }

    @Schema(description = "Time in one National Standards area (byStandardsArea) or one kind of work (byWorkType)")
    public record Share(@Schema(description = "The area's code (StandardsArea) or the kind of work's code (WorkType)",
            examples = "TEACHING_AND_LEARNING") String code,
            @Schema(description = "Its name", examples = "Teaching and learning") String name, long minutes,
            @Schema(description = "The minutes as hours, two decimals") BigDecimal hours,
            @Schema(nullable = true, description = "Its share of all the time, in percent (one decimal); null when there is no time") BigDecimal percent) {
    }

    @Schema(description = "Time spent against protected time over the period; the allocation fields are null when no week had an allocation")
    public record AllocationSummary(
            @Schema(nullable = true, description = "Hours allocated in the weeks with an allocation") BigDecimal allocatedHours,
            @Schema(description = "Hours spent") BigDecimal spentHours,
            @Schema(nullable = true, description = "Allocated minus spent, in hours (negative when over)") BigDecimal balanceHours,
            @Schema(nullable = true, description = "Spent as a percentage of allocated") BigDecimal spentPercentOfAllocated,
            int weeksWithAllocation, int weeksOverAllocation) {
    }

    @Schema(description = "One week of the period")
    public record WeekRow(@Schema(description = "The Monday of the week") LocalDate weekStart,
            @Schema(description = "Its first day in the period") LocalDate from,
            @Schema(description = "Its last day in the period (up to today)") LocalDate to, long minutes,
            @Schema(description = "The minutes as hours") BigDecimal hours,
            @Schema(nullable = true, description = "Hours allocated that week; null when none was") BigDecimal allocatedHours,
            @Schema(nullable = true, description = "Time spent was over the allocation; null when there was none") Boolean overAllocation,
            @Schema(description = "Hours per category code, for the categories with time that week") Map<String, BigDecimal> hoursByCategory) {
    }

    @Schema(description = "One SENCO at one school over the period")
    public record SencoRow(@Schema(description = "The SENCO's username", examples = "senco.harbour") String senco,
            @Schema(examples = "900101") String schoolUrn,
            @Schema(nullable = true, description = "The school's name, once the register has named it", examples = "Harbour Primary School") String schoolName,
            long minutes, BigDecimal hours,
            @Schema(nullable = true, description = "Hours allocated over the period; null when none was") BigDecimal allocatedHours,
            int weeksWithAllocation, int weeksOverAllocation,
            @Schema(nullable = true, description = "Administrative time as a share of SEN coordination time, in percent; null without such time") BigDecimal adminPercent,
            @Schema(description = "Hours SEN administrators gave the SENCO at the school (support time), not counted in their own", examples = "3.5") BigDecimal supportHours) {
    }

    @Schema(description = "One school over the period (trust reports)")
    public record SchoolRow(@Schema(examples = "900101") String schoolUrn,
            @Schema(nullable = true, description = "The school's name, once the register has named it", examples = "Harbour Primary School") String schoolName,
            @Schema(description = "How many SENCOs had time or an allocation there") int sencos, long minutes, BigDecimal hours,
            @Schema(nullable = true, description = "Hours allocated over the period; null when none was") BigDecimal allocatedHours,
            int weeksWithAllocation, int weeksOverAllocation,
            @Schema(nullable = true, description = "Administrative time as a share of SEN coordination time, in percent; null without such time") BigDecimal adminPercent,
            @Schema(description = "Hours SEN administrators gave the school's SENCOs (support time)", examples = "3.5") BigDecimal supportHours) {
    }

    /**
     * @param adminPercent administrative time as a share of SEN coordination time (non-SEND duties left out)
     */
    @Schema(description = "A workload report: totals by category, National Standards area and kind of work, against "
            + "protected time, week by week; only sums, never a note or a pupil of an entry")
    public record Report(Level level, String trustId,
            @Schema(nullable = true, description = "The school, for a school's report or a SENCO's at one school") String schoolUrn,
            @Schema(nullable = true, description = "The SENCO (username), for a SENCO's report") String senco,
            @Schema(description = "Whose report: the SENCO and school, the school, or the trust, by name", examples = "senco.harbour at Harbour Primary School (900101)") String title, PeriodView period,
            long totalMinutes, @Schema(description = "The minutes as hours") BigDecimal totalHours,
            @Schema(description = "Every category in use, and any other with time") List<CategoryShare> byCategory,
            List<Share> byStandardsArea, List<Share> byWorkType,
            @Schema(nullable = true, description = "Administrative time as a share of SEN coordination time (non-SEND duties left out), in percent; null without such time") BigDecimal adminPercent,
            AllocationSummary allocation, List<WeekRow> weeks,
            @Schema(description = "Hours SEN administrators gave the SENCOs in the report (support time), apart from the total above", examples = "3.5") BigDecimal supportHours,
            @Schema(description = "Per SENCO at each school with time, an allocation or support time") List<SencoRow> sencos,
            @Schema(description = "Per school, in a trust's report; empty otherwise") List<SchoolRow> schools) {
    }

    /** One SENCO at one school, week by week: the unit every total is summed from. */
    private record Line(String school, String senco, Map<LocalDate, Long> minutes, Map<LocalDate, Double> allocated) {

        long total() {
            return minutes.values().stream().mapToLong(Long::longValue).sum();
        }

        double allocatedTotal() {
            return allocated.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The time and allocation of some lines summed for one week; allocated is null when none of them has one. */
    private record WeekSum(long minutes, Double allocated) {

        static WeekSum of(LocalDate week, Collection<Line> lines) {
            long minutes = 0;
            Double allocated = null;
            for (Line line : lines) {
                minutes += line.minutes().getOrDefault(week, 0L);
                Double a = line.allocated().get(week);
                if (a != null) {
                    allocated = (allocated == null ? 0 : allocated) + a;
                }
            }
            return new WeekSum(minutes, allocated);
        }

        /** Whether the week ran over its allocation; null when there was none. */
        Boolean over() {
            return allocated == null ? null : minutes > allocated + 1e-9;
        }
    }

    @Inject
    CallerScope caller;

    @Inject
    WorkloadClock clock;

    @Inject
    Categories categories;

    @Inject
    TimeAggregates aggregates;

    @Inject
    RegisterPupils register;

    @Inject
    TrustNames trustNames;

    // ---- scopes: who may see what ----------------------------------------------------------------------------

    /** A SENCO's report: their own, or a SENCO of the caller's schools (SLT) or trust (trust admin); else 404. */
    public Scope sencoScope(String senco, String school) {
        String trust = caller.requireTrust();
        String name = "me".equals(senco) ? caller.username() : senco;
        boolean own = name.equals(caller.username()) && caller.hasRole(Roles.SENCO);
        Set<String> schools;
        if (own || (!caller.isTrustWide() && caller.hasRole(Roles.SLT))) {
            schools = narrow(caller.schools(), school, trust);
        } else if (caller.isTrustWide()) {
            schools = school == null ? null : Set.of(school);
        } else {
            throw ProblemException.notFound("SENCO", name);
        }
        if (!own && !aggregates.knows(trust, schools, name)) {
            throw ProblemException.notFound("SENCO", name);
        }
        return new Scope(Level.SENCO, trust, schools, name, school,
                name + (school == null ? "" : " at " + schoolTitle(trust, school)));
    }

    public Scope schoolScope(String urn) {
        String trust = caller.requireTrust();
        caller.requireSchool(trust, urn);
        return new Scope(Level.SCHOOL, trust, Set.of(urn), null, urn, schoolTitle(trust, urn));
    }

    /** The school's name as the register gave it, with its URN; "School <urn>" before the register named it. */
    private String schoolTitle(String trust, String urn) {
        String name = register.schoolNames(trust).get(urn);
        return name == null ? "School " + urn : name + " (" + urn + ")";
    }

    public Scope trustScope() {
        String trust = caller.requireTrust();
        return new Scope(Level.TRUST, trust, null, null, null, trustNames.of(trust).orElse("Trust " + trust));
    }

    private static Set<String> narrow(Set<String> mine, String school, String trust) {
        if (school == null) {
            return mine;
        }
        if (!mine.contains(school)) {
            throw ProblemException.notFound("School", school);
        }
        return Set.of(school);
    }

    public static Period.Kind periodKind(String value) {
        if (value == null) {
            return Period.Kind.TERM;
        }
        try {
            return Period.Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("period", "must be week, term or year");
        }
    }

    // ---- the report ------------------------------------------------------------------------------------------

    public Report report(Scope scope, Period.Kind kind, LocalDate date) {
        PeriodView period = periodView(kind, date);
        Map<String, ActivityCategory> cats = categories.all();
        if (period.asOf().isBefore(period.from())) {
            return assemble(scope, period, cats, List.of(), List.of(), Map.of(), List.of(), Map.of());
        }
        TimeAggregates.Rollups rollups = aggregates.rollups(new TimeAggregates.Filter(scope.trustId(), scope.schools(),
                scope.senco(), period.from(), period.asOf()));
        List<LocalDate> weeks = SchoolCalendar.weekStarts(period.from(), period.asOf());
        Map<String, Long> support = aggregates.supportBySenco(new TimeAggregates.Filter(scope.trustId(),
                scope.schools(), scope.senco(), period.from(), period.asOf()));
        List<Line> lines = lines(scope, rollups.bySencoWeek(), period.from(), period.asOf(), weeks, support.keySet());
        Map<LocalDate, Map<String, Long>> weekCategories = new TreeMap<>();
        for (Cell c : rollups.byWeekCategory()) {
            weekCategories.computeIfAbsent(c.week(), w -> new LinkedHashMap<>()).merge(c.category(), c.minutes(),
                    Long::sum);
        }
        return assemble(scope, period, cats, weeks, lines, weekCategories, rollups.bySencoCategory(), support);
    }

    /** The period containing {@code date} (default today), reported as of today at the latest. */
    private PeriodView periodView(Period.Kind kind, LocalDate date) {
        LocalDate today = clock.today();
        Period period = clock.calendar().period(kind, date == null ? today : date);
        LocalDate asOf = period.to().isBefore(today) ? period.to() : today;
        return new PeriodView(period.kind(), period.code(), period.label(), period.from(), period.to(), asOf);
    }

    /** Every SENCO-at-school with time or an allocation in the period, with minutes and allocation per week. */
    private List<Line> lines(Scope scope, List<Cell> bySencoWeek, LocalDate from, LocalDate end,
            List<LocalDate> weeks, Collection<String> supported) {
        SchoolCalendar calendar = clock.calendar();
        Map<String, Line> lines = new TreeMap<>();
        for (Cell c : bySencoWeek) {
            lines.computeIfAbsent(c.school() + "|" + c.senco(),
                    k -> new Line(c.school(), c.senco(), new TreeMap<>(), new TreeMap<>()))
                    .minutes().merge(c.week(), c.minutes(), Long::sum);
        }
        List<ProtectedTime> allocations = aggregates.allocations(scope.trustId(), scope.schools(), scope.senco(), from,
                end);
        Map<String, List<ProtectedTime>> byLine = TimeAggregates.bySchoolAndSenco(allocations);
        byLine.forEach((key, periods) -> lines.computeIfAbsent(key, k -> new Line(periods.get(0).schoolUrn,
                periods.get(0).senco, new TreeMap<>(), new TreeMap<>())));
        for (String key : supported) {
            String[] schoolAndSenco = key.split("\\|", 2);
            lines.computeIfAbsent(key, k -> new Line(schoolAndSenco[0], schoolAndSenco[1], new TreeMap<>(),
                    new TreeMap<>()));
        }
        for (Map.Entry<String, Line> e : lines.entrySet()) {
            List<AllocatedTime.Span> spans = byLine.getOrDefault(e.getKey(), List.of()).stream()
                    .map(ProtectedTime::span).toList();
            if (spans.isEmpty()) {
                continue;
            }
            for (LocalDate week : weeks) {
                Double allocated = AllocatedTime.minutes(spans, max(week, from), min(week.plusDays(6), end), calendar);
                if (allocated != null) {
                    e.getValue().allocated().put(week, allocated);
                }
            }
        }
        return List.copyOf(lines.values());
    }

    private Report assemble(Scope scope, PeriodView period, Map<String, ActivityCategory> cats, List<LocalDate> weeks,
            List<Line> lines, Map<LocalDate, Map<String, Long>> weekCategories, List<Cell> bySencoCategory,
            Map<String, Long> support) {
        // categories, areas and kinds of work over the whole scope
        Map<String, Long> byCategory = new LinkedHashMap<>();
        weekCategories.values().forEach(m -> m.forEach((c, v) -> byCategory.merge(c, v, Long::sum)));
        long total = byCategory.values().stream().mapToLong(Long::longValue).sum();
        List<CategoryShare> categoryShares = new ArrayList<>();
        Map<StandardsArea, Long> byArea = new EnumMap<>(StandardsArea.class);
        Map<WorkType, Long> byType = new EnumMap<>(WorkType.class);
        for (StandardsArea a : StandardsArea.values()) {
            byArea.put(a, 0L);
        }
        for (WorkType t : WorkType.values()) {
            byType.put(t, 0L);
        }
        for (ActivityCategory c : cats.values()) {
            long minutes = byCategory.getOrDefault(c.code, 0L);
            if (minutes == 0 && !c.active) {
                continue;
            }
            categoryShares.add(new CategoryShare(c.code, c.name, c.standardsArea, c.workType, minutes,
                    Hours.of(minutes), Hours.percent(minutes, total)));
            byArea.merge(c.standardsArea, minutes, Long::sum);
            byType.merge(c.workType, minutes, Long::sum);
        }
        List<Share> areaShares = new ArrayList<>();
        byArea.forEach((a, m) -> areaShares.add(new Share(a.name(), a.label, m, Hours.of(m), Hours.percent(m, total))));
        List<Share> typeShares = new ArrayList<>();
        byType.forEach((t, m) -> typeShares.add(new Share(t.name(), t.label, m, Hours.of(m), Hours.percent(m, total))));
        BigDecimal adminPercent = adminPercent(byType.get(WorkType.ADMINISTRATIVE), total - byType.get(WorkType.NON_SEND));

        // week by week over the scope
        List<WeekRow> weekRows = new ArrayList<>();
        int weeksWithAllocation = 0;
        int weeksOver = 0;
        double allocatedTotal = 0;
        for (LocalDate week : weeks) {
            WeekSum sum = WeekSum.of(week, lines);
            Boolean over = sum.over();
            if (over != null) {
                weeksWithAllocation++;
                allocatedTotal += sum.allocated();
                if (over) {
                    weeksOver++;
                }
            }
            Map<String, BigDecimal> hoursByCategory = new LinkedHashMap<>();
            Map<String, Long> inWeek = weekCategories.getOrDefault(week, Map.of());
            for (String code : cats.keySet()) {
                Long m = inWeek.get(code);
                if (m != null && m > 0) {
                    hoursByCategory.put(code, Hours.of(m));
                }
            }
            weekRows.add(new WeekRow(week, max(week, period.from()), min(week.plusDays(6), period.asOf()),
                    sum.minutes(), Hours.of(sum.minutes()), Hours.ofNullable(sum.allocated()), over, hoursByCategory));
        }
        AllocationSummary allocation = new AllocationSummary(
                weeksWithAllocation == 0 ? null : Hours.of(allocatedTotal), Hours.of(total),
                weeksWithAllocation == 0 ? null : Hours.of(allocatedTotal - total),
                weeksWithAllocation == 0 ? null : Hours.percent(total, allocatedTotal), weeksWithAllocation, weeksOver);

        // per SENCO at each school, and per school
        Map<String, long[]> adminBySenco = new TreeMap<>();
        for (Cell c : bySencoCategory) {
            ActivityCategory category = cats.get(c.category());
            long[] sums = adminBySenco.computeIfAbsent(c.school() + "|" + c.senco(), k -> new long[2]);
            if (category != null && category.workType == WorkType.ADMINISTRATIVE) {
                sums[0] += c.minutes();
            }
            if (category == null || category.workType != WorkType.NON_SEND) {
                sums[1] += c.minutes();
            }
        }
        Map<String, String> schoolNames = lines.isEmpty() ? Map.of() : register.schoolNames(scope.trustId());
        List<SencoRow> sencoRows = new ArrayList<>();
        for (Line line : lines) {
            long[] admin = adminBySenco.getOrDefault(line.school() + "|" + line.senco(), new long[2]);
            int[] counts = overCounts(weeks, List.of(line));
            sencoRows.add(new SencoRow(line.senco(), line.school(), schoolNames.get(line.school()), line.total(),
                    Hours.of(line.total()),
                    line.allocated().isEmpty() ? null : Hours.of(line.allocatedTotal()), counts[0], counts[1],
                    adminPercent(admin[0], admin[1]),
                    Hours.of(support.getOrDefault(line.school() + "|" + line.senco(), 0L))));
        }
        List<SchoolRow> schoolRows = new ArrayList<>();
        if (scope.level() == Level.TRUST) {
            Map<String, List<Line>> bySchool = new TreeMap<>();
            lines.forEach(l -> bySchool.computeIfAbsent(l.school(), s -> new ArrayList<>()).add(l));
            bySchool.forEach((school, schoolLines) -> {
                long minutes = schoolLines.stream().mapToLong(Line::total).sum();
                double allocated = 0;
                boolean anyAllocation = false;
                long admin = 0;
                long senTime = 0;
                long given = 0;
                Set<String> sencos = new TreeSet<>();
                for (Line l : schoolLines) {
                    sencos.add(l.senco());
                    anyAllocation |= !l.allocated().isEmpty();
                    allocated += l.allocatedTotal();
                    long[] a = adminBySenco.getOrDefault(l.school() + "|" + l.senco(), new long[2]);
                    admin += a[0];
                    senTime += a[1];
                    given += support.getOrDefault(l.school() + "|" + l.senco(), 0L);
                }
                int[] counts = overCounts(weeks, schoolLines);
                schoolRows.add(new SchoolRow(school, schoolNames.get(school), sencos.size(), minutes, Hours.of(minutes),
                        anyAllocation ? Hours.of(allocated) : null, counts[0], counts[1], adminPercent(admin, senTime),
                        Hours.of(given)));
            });
        }
        return new Report(scope.level(), scope.trustId(), scope.schoolUrn(), scope.senco(), scope.title(), period,
                total, Hours.of(total), categoryShares, areaShares, typeShares, adminPercent, allocation, weekRows,
                Hours.of(support.values().stream().mapToLong(Long::longValue).sum()), sencoRows, schoolRows);
    }

    /** Weeks with an allocation and weeks over it, for the lines summed together. */
    private static int[] overCounts(List<LocalDate> weeks, Collection<Line> lines) {
        int with = 0;
        int over = 0;
        for (LocalDate week : weeks) {
            Boolean isOver = WeekSum.of(week, lines).over();
            if (isOver != null) {
                with++;
                if (isOver) {
                    over++;
                }
            }
        }
        return new int[] { with, over };
    }

    private static BigDecimal adminPercent(long admin, long senTime) {
        return Hours.percent(admin, senTime);
    }

    // ---- CSV -------------------------------------------------------------------------------------------------

    /** One row per SENCO, school and week: allocated and spent hours, then hours per category. */
    public String csv(Scope scope, Period.Kind kind, LocalDate date) {
        PeriodView p = periodView(kind, date);
        Map<String, ActivityCategory> cats = categories.all();
        List<String> header = new ArrayList<>(List.of("school_urn", "senco", "week_start", "days_from", "days_to",
                "allocated_hours", "spent_hours", "over_allocation"));
        cats.values().forEach(c -> header.add(c.code));
        StringBuilder csv = new StringBuilder();
        Csv.row(csv, header);
        if (p.asOf().isBefore(p.from())) {
            return csv.toString();
        }
        Map<String, Map<LocalDate, Map<String, Long>>> detail = new TreeMap<>();
        List<Cell> bySencoWeek = new ArrayList<>();
        for (Cell c : aggregates.detail(new TimeAggregates.Filter(scope.trustId(), scope.schools(), scope.senco(),
                p.from(), p.asOf()))) {
            detail.computeIfAbsent(c.school() + "|" + c.senco(), k -> new TreeMap<>())
                    .computeIfAbsent(c.week(), w -> new LinkedHashMap<>()).put(c.category(), c.minutes());
            bySencoWeek.add(c);
        }
        List<LocalDate> weeks = SchoolCalendar.weekStarts(p.from(), p.asOf());
        for (Line line : lines(scope, bySencoWeek, p.from(), p.asOf(), weeks, List.of())) {
            Map<LocalDate, Map<String, Long>> byWeek = detail.getOrDefault(line.school() + "|" + line.senco(), Map.of());
            for (LocalDate week : weeks) {
                WeekSum sum = WeekSum.of(week, List.of(line));
                List<String> row = new ArrayList<>(List.of(line.school(), line.senco(), week.toString(),
                        max(week, p.from()).toString(), min(week.plusDays(6), p.asOf()).toString(),
                        sum.allocated() == null ? "" : Hours.of(sum.allocated()).toPlainString(),
                        Hours.of(sum.minutes()).toPlainString(),
                        sum.over() == null ? "" : (sum.over() ? "yes" : "no")));
                Map<String, Long> byCat = byWeek.getOrDefault(week, Map.of());
                cats.keySet().forEach(code -> row.add(Hours.of(byCat.getOrDefault(code, 0L)).toPlainString()));
                Csv.row(csv, row);
            }
        }
        return csv.toString();
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
