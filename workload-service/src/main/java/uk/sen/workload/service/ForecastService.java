package uk.sen.workload.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import uk.sen.workload.config.WorkloadConfig;
import uk.sen.workload.domain.AllocatedTime;
import uk.sen.workload.domain.Calibration;
import uk.sen.workload.domain.Exceedance;
import uk.sen.workload.domain.Period;
import uk.sen.workload.domain.ProtectedTime;
import uk.sen.workload.domain.SchoolCalendar;
import uk.sen.workload.domain.StatutoryWork;
import uk.sen.workload.domain.WorkKind;
import uk.sen.workload.domain.WorkSpread;
import uk.sen.workload.repository.TimeAggregates;

/**
 * The time a school's SENCOs can expect to need, week by week from this week to the end of next term, against
 * their protected time:
 * <ul>
 * <li>statutory work: each open piece of work (from review-service's events) times the expected effort of its
 * kind, spread over the weeks before its meeting or due date; the effort is the configured default until the
 * school has logged time against enough finished pieces of that kind, then their mean;</li>
 * <li>a baseline: the time each SENCO logged at the school in recent complete weeks on everything else
 * (categories the statutory kinds do not cover), per working day, times the working days of each week ahead: none
 * in a closure week, three fifths of it in a week with two closed days.</li>
 * </ul>
 * With several SENCOs at a school, each carries a share of the statutory work in proportion to their allocation.
 */
@ApplicationScoped
@Transactional
public class ForecastService {

    @Schema(description = "A kind of statutory work the forecast counts, with its expected effort")
    public record KindView(
            @Schema(enumeration = { "ANNUAL_REVIEW", "PHASE_TRANSFER_REVIEW", "SUPPORT_PLAN_REVIEW", "ASSESSMENT_REQUEST" },
                    description = "The kind of statutory work") String code,
            @Schema(description = "Its name, for people", examples = "EHCP annual review") String label,
            @Schema(description = "Open pieces of this kind at the school with a date to plan by") int openItems,
            @Schema(description = "The configured hours a piece takes", examples = "6") BigDecimal defaultHours,
            @Schema(description = "The hours the forecast counts per piece (the default, or calibrated)", examples = "6") BigDecimal effortHours,
            Calibration.Source effortSource,
            @Schema(description = "Finished pieces with logged time the calibration had") int samples,
            @Schema(description = "Weeks before its meeting or due date a piece's time is spread over", examples = "4") int spreadWeeks) {
    }

    @Schema(description = "One week of the forecast")
    public record WeekView(@Schema(description = "The Monday of the week") LocalDate weekStart,
            @Schema(description = "The term it belongs to (its Thursday's)", examples = "2026-27-autumn") String term,
            @Schema(description = "Pieces of statutory work with time in this week, by kind (kinds with none left out)") Map<String, Integer> items,
            @Schema(description = "Hours of statutory work expected") BigDecimal statutoryHours,
            @Schema(description = "Hours of everything else, from recent weeks, by working days (none in a closure week)") BigDecimal baselineHours,
            @Schema(description = "Hours expected in all: statutory plus baseline") BigDecimal forecastHours,
            @Schema(nullable = true, description = "Hours of protected time allocated that week; null when none is") BigDecimal allocatedHours,
            @Schema(description = "Forecast hours are over the allocation") boolean overAllocation,
            @Schema(description = "Forecast hours are over the allocation by more than the margin") boolean overByMargin) {
    }

    @Schema(description = "The first run of weeks over allocation by the margin, long enough to raise an alert")
    public record ExceedanceView(@Schema(description = "Its first week (Monday)") LocalDate firstWeek,
            @Schema(description = "Its last week (Monday)") LocalDate lastWeek,
            @Schema(description = "How many weeks in a row") int weeks,
            @Schema(description = "The term of its first week", examples = "2026-27-autumn") String period) {
    }

    @Schema(description = "The statutory work ahead and the time it will take, week by week, against allocation")
    public record ForecastView(String trustId, @Schema(examples = "900101") String schoolUrn,
            @Schema(nullable = true, description = "The SENCO (username) of a SENCO's forecast; null for the school's") String senco,
            @Schema(description = "The Monday of this week") LocalDate from,
            @Schema(description = "The last day of next term") LocalDate to,
            @Schema(description = "The span, in words", examples = "this week to the end of the Spring term 2027") String horizon,
            @Schema(description = "The school's SENCOs counted (with an allocation or recent time there)") List<String> sencos,
            List<KindView> kinds,
            @Schema(description = "Hours a full week of everything else takes, from recent weeks") BigDecimal baselineHoursPerWeek,
            @Schema(description = "How far over allocation a week must be to count towards an alert, in percent", examples = "10") double marginPercent,
            @Schema(description = "How many such weeks in a row raise an alert", examples = "3") int requiredWeeks,
            List<WeekView> weeks,
            @Schema(description = "Weeks over allocation by the margin") int weeksOverByMargin,
            @Schema(nullable = true, description = "The first run of weeks that would raise an alert; null when there is none") ExceedanceView exceedance) {
    }

    /**
     * One SENCO's part: their baseline per working day, their share of the statutory work and their allocation, per
     * week.
     */
    record SencoPart(String senco, double baselinePerDay, double[] share, Double[] allocated) {
    }

    /** Everything computed for a school; the views and the exceedance check read from it. */
    record SchoolForecast(String trust, String school, List<LocalDate> weeks, int[] workingDays, LocalDate to,
            String horizon, List<KindView> kinds, double[] statutory, Map<String, int[]> counts,
            Map<String, SencoPart> sencos) {

        /** A baseline per working day as the minutes of week {@code i}. */
        double baseline(double perDay, int i) {
            return perDay * workingDays[i];
        }
    }

    @Inject
    WorkloadClock clock;

    @Inject
    WorkloadConfig config;

    @Inject
    WorkKinds workKinds;

    @Inject
    TimeAggregates aggregates;

    public ForecastView forSchool(String trust, String school) {
        SchoolForecast f = compute(trust, school);
        int n = f.weeks().size();
        double perDay = f.sencos().values().stream().mapToDouble(SencoPart::baselinePerDay).sum();
        double[] forecast = new double[n];
        Double[] allocated = new Double[n];
        for (int i = 0; i < n; i++) {
            forecast[i] = f.baseline(perDay, i) + f.statutory()[i];
            for (SencoPart p : f.sencos().values()) {
                if (p.allocated()[i] != null) {
                    allocated[i] = (allocated[i] == null ? 0 : allocated[i]) + p.allocated()[i];
                }
            }
        }
        return view(f, null, perDay, f.statutory(), forecast, allocated);
    }

    /** One SENCO's forecast at a school; empty when the SENCO has neither an allocation nor recent time there. */
    public Optional<ForecastView> forSenco(String trust, String school, String senco) {
        SchoolForecast f = compute(trust, school);
        SencoPart p = f.sencos().get(senco);
        if (p == null) {
            return Optional.empty();
        }
        int n = f.weeks().size();
        double[] statutory = new double[n];
        double[] forecast = new double[n];
        for (int i = 0; i < n; i++) {
            statutory[i] = f.statutory()[i] * p.share()[i];
            forecast[i] = f.baseline(p.baselinePerDay(), i) + statutory[i];
        }
        return Optional.of(view(f, senco, p.baselinePerDay(), statutory, forecast, p.allocated()));
    }

    /** Per SENCO with an allocation, the forecast weeks as loads for the exceedance rule. */
    public Map<String, List<Exceedance.WeekLoad>> loadsBySenco(String trust, String school) {
        SchoolForecast f = compute(trust, school);
        Map<String, List<Exceedance.WeekLoad>> loads = new LinkedHashMap<>();
        for (SencoPart p : f.sencos().values()) {
            List<Exceedance.WeekLoad> weeks = new ArrayList<>();
            boolean anyAllocation = false;
            for (int i = 0; i < f.weeks().size(); i++) {
                anyAllocation |= p.allocated()[i] != null;
                weeks.add(new Exceedance.WeekLoad(f.weeks().get(i),
                        f.baseline(p.baselinePerDay(), i) + f.statutory()[i] * p.share()[i], p.allocated()[i]));
            }
            if (anyAllocation) {
                loads.put(p.senco(), weeks);
            }
        }
        return loads;
    }

    SchoolForecast compute(String trust, String school) {
        LocalDate today = clock.today();
        SchoolCalendar calendar = clock.calendar();
        LocalDate first = SchoolCalendar.weekStart(today);
        Period nextTerm = calendar.nextTerm(today);
        List<LocalDate> weeks = SchoolCalendar.weekStarts(first, nextTerm.to());
        int n = weeks.size();
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(weeks.get(i), i);
        }

        Map<String, List<Integer>> samples = aggregates.minutesPerFinishedWork(trust, school);
        List<StatutoryWork> open = StatutoryWork.list("trustId = ?1 and schoolUrn = ?2 and status = ?3", trust,
                school, StatutoryWork.Status.OPEN);
        double[] statutory = new double[n];
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<KindView> kinds = new ArrayList<>();
        for (WorkKind kind : workKinds.all()) {
            Calibration.Effort effort = Calibration.effort(kind.minutes(),
                    samples.getOrDefault(kind.code(), List.of()), config.forecast().calibrationMinSamples());
            int[] count = new int[n];
            int openItems = 0;
            for (StatutoryWork work : open) {
                if (!work.kind.equals(kind.code()) || work.anchor() == null) {
                    continue;
                }
                openItems++;
                WorkSpread.spread(work.anchor(), kind.spreadWeeks(), effort.minutes(), first).forEach((week, m) -> {
                    Integer i = index.get(week);
                    if (i != null) {
                        statutory[i] += m;
                        count[i]++;
                    }
                });
            }
            counts.put(kind.code(), count);
            kinds.add(new KindView(kind.code(), kind.label(), openItems, Hours.of(kind.minutes()),
                    Hours.of(effort.minutes()), effort.source(), effort.samples(), kind.spreadWeeks()));
        }

        LocalDate lastDay = weeks.get(n - 1).plusDays(6);
        int baselineWeeks = config.forecast().baselineWeeks();
        LocalDate baselineFrom = first.minusWeeks(baselineWeeks);
        LocalDate baselineTo = first.minusDays(1);
        Map<String, List<AllocatedTime.Span>> spans = new HashMap<>();
        for (ProtectedTime p : aggregates.allocations(trust, List.of(school), null, first, lastDay)) {
            spans.computeIfAbsent(p.senco, s -> new ArrayList<>()).add(p.span());
        }
        Set<String> sencos = new TreeSet<>(spans.keySet());
        int baselineDays = 0;
        if (baselineWeeks > 0) {
            sencos.addAll(aggregates.sencosWithTime(trust, school, baselineFrom, baselineTo));
            for (LocalDate week = baselineFrom; week.isBefore(first); week = week.plusWeeks(1)) {
                baselineDays += calendar.workingDays(week);
            }
        }
        int[] workingDays = new int[n];
        for (int i = 0; i < n; i++) {
            workingDays[i] = calendar.workingDays(weeks.get(i));
        }
        Map<String, SencoPart> parts = new LinkedHashMap<>();
        for (String senco : sencos) {
            double baseline = baselineDays == 0 ? 0
                    : (double) aggregates.minutesExcept(trust, school, senco, baselineFrom, baselineTo,
                            workKinds.categories()) / baselineDays;
            Double[] allocated = new Double[n];
            for (int i = 0; i < n; i++) {
                allocated[i] = AllocatedTime.minutes(spans.getOrDefault(senco, List.of()), weeks.get(i),
                        weeks.get(i).plusDays(6), calendar);
            }
            parts.put(senco, new SencoPart(senco, baseline, new double[n], allocated));
        }
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (SencoPart p : parts.values()) {
                total += p.allocated()[i] == null ? 0 : p.allocated()[i];
            }
            for (SencoPart p : parts.values()) {
                double own = p.allocated()[i] == null ? 0 : p.allocated()[i];
                p.share()[i] = total > 0 ? own / total : 1.0 / parts.size();
            }
        }
        return new SchoolForecast(trust, school, weeks, workingDays, nextTerm.to(),
                "this week to the end of the " + nextTerm.label(), kinds, statutory, counts, parts);
    }

    private ForecastView view(SchoolForecast f, String senco, double baselinePerDay, double[] statutory,
            double[] forecast, Double[] allocated) {
        SchoolCalendar calendar = clock.calendar();
        double margin = config.exceedance().marginPercent();
        List<WeekView> weeks = new ArrayList<>();
        List<Exceedance.WeekLoad> loads = new ArrayList<>();
        int overByMargin = 0;
        for (int i = 0; i < f.weeks().size(); i++) {
            LocalDate week = f.weeks().get(i);
            Map<String, Integer> items = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> c : f.counts().entrySet()) {
                if (c.getValue()[i] > 0) {
                    items.put(c.getKey(), c.getValue()[i]);
                }
            }
            Exceedance.WeekLoad load = new Exceedance.WeekLoad(week, forecast[i], allocated[i]);
            loads.add(load);
            boolean over = Exceedance.over(load, margin);
            if (over) {
                overByMargin++;
            }
            weeks.add(new WeekView(week, termOf(calendar, week).code(), items, Hours.of(statutory[i]),
                    Hours.of(f.baseline(baselinePerDay, i)), Hours.of(forecast[i]), Hours.ofNullable(allocated[i]),
                    allocated[i] != null && forecast[i] > allocated[i], over));
        }
        ExceedanceView exceedance = Exceedance.firstRun(loads, margin, config.exceedance().weeks())
                .map(r -> new ExceedanceView(r.firstWeek(), r.lastWeek(), r.weeks().size(),
                        termOf(calendar, r.firstWeek()).code()))
                .orElse(null);
        return new ForecastView(f.trust(), f.school(), senco, f.weeks().get(0), f.to(), f.horizon(),
                List.copyOf(f.sencos().keySet()), f.kinds(),
                Hours.of(baselinePerDay * SchoolCalendar.WORKING_DAYS_PER_WEEK), margin, config.exceedance().weeks(), weeks, overByMargin, exceedance);
    }

    /** The term a week belongs to: the term of its Thursday, so a week is never split between two terms. */
    static Period termOf(SchoolCalendar calendar, LocalDate weekStart) {
        return calendar.term(weekStart.plusDays(3));
    }
}
