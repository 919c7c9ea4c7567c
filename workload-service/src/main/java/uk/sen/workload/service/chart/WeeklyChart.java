package uk.sen.workload.service.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import uk.sen.platform.chart.ChartScene;
import uk.sen.workload.domain.ActivityCategory;
import uk.sen.workload.domain.WorkType;
import uk.sen.workload.service.ReportService;

/**
 * The governors' chart: time spent per week as bars stacked by kind of work (administrative, strategic, direct work,
 * not SEND: four colours a governor can tell apart, where thirteen categories could not be; the CSV keeps the
 * categories), the protected time allocated as a dashed line across each week, a mark over every week that went over
 * its allocation, and the headline figures printed above the plot: hours spent against allocated, the share on
 * administration, and the support SEN administrators gave. Colours are fixed per kind of work, so charts of
 * different schools and terms read alike.
 */
public final class WeeklyChart {

    /** One colour per kind of work (Tableau 10): administration stands out, work outside SEND is grey. */
    static final Map<WorkType, String> COLOURS = Map.of(WorkType.ADMINISTRATIVE, "#e15759", WorkType.STRATEGIC,
            "#4e79a7", WorkType.DIRECT, "#59a14f", WorkType.NON_SEND, "#bab0ac");
    static final String INK = "#222222";
    static final String GRID = "#dddddd";
    static final String ALLOCATED = "#111111";
    static final String OVER = "#8b0000";

    private static final int WIDTH = 1000;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 100;
    private static final int PLOT_HEIGHT = 330;
    private static final int AXIS_SPACE = 50;
    private static final int LEGEND_ROW = 22;
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    private WeeklyChart() {
    }

    /** A week's hours by kind of work, from its hours by category. */
    static Map<WorkType, BigDecimal> byKind(ReportService.WeekRow w, Map<String, ActivityCategory> categories) {
        Map<WorkType, BigDecimal> kinds = new EnumMap<>(WorkType.class);
        w.hoursByCategory().forEach((code, hours) -> {
            ActivityCategory c = categories.get(code);
            kinds.merge(c == null ? WorkType.DIRECT : c.workType, hours, BigDecimal::add);
        });
        return kinds;
    }

    public static ChartScene of(ReportService.Report report, Map<String, ActivityCategory> categories) {
        List<ReportService.WeekRow> weeks = report.weeks();
        List<Map<WorkType, BigDecimal>> kindsByWeek = weeks.stream().map(w -> byKind(w, categories)).toList();
        List<WorkType> used = new ArrayList<>();
        for (WorkType kind : WorkType.values()) {
            if (kindsByWeek.stream().anyMatch(k -> k.containsKey(kind))) {
                used.add(kind);
            }
        }
        boolean anyAllocation = weeks.stream().anyMatch(w -> w.allocatedHours() != null);
        boolean anyOver = weeks.stream().anyMatch(w -> Boolean.TRUE.equals(w.overAllocation()));
        int legendItems = used.size() + (anyAllocation ? 1 : 0) + (anyOver ? 1 : 0);
        int legendRows = (legendItems + 1) / 2;
        int height = TOP + PLOT_HEIGHT + AXIS_SPACE + 16 + legendRows * LEGEND_ROW + 16;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double bottom = TOP + PLOT_HEIGHT;

        double maxHours = 1;
        for (ReportService.WeekRow w : weeks) {
            maxHours = Math.max(maxHours, w.hours().doubleValue());
            if (w.allocatedHours() != null) {
                maxHours = Math.max(maxHours, w.allocatedHours().doubleValue());
            }
        }
        double step = niceStep(maxHours / 5);
        double top = Math.ceil(maxHours * 1.08 / step) * step;
        double scale = PLOT_HEIGHT / top;

        List<ChartScene.Shape> shapes = new ArrayList<>();
        String title = report.title() + ": " + report.period().label();
        shapes.add(new ChartScene.Text(LEFT, 30, title, 18, ChartScene.Anchor.START, true, INK, 0, "title"));
        shapes.add(new ChartScene.Text(LEFT, 52, "Hours spent per week by kind of work (bars) against protected time "
                + "allocated (dashed line), to " + DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK)
                        .format(report.period().asOf()),
                12, ChartScene.Anchor.START, false, "#555555", 0, "subtitle"));
        shapes.add(new ChartScene.Text(LEFT, 76, headline(report), 13, ChartScene.Anchor.START, true, INK, 0,
                "headline"));

        // grid and hour labels
        for (int k = 0; k * step <= top + 1e-9; k++) {
            double h = k * step;
            double y = bottom - h * scale;
            shapes.add(new ChartScene.Line(LEFT, y, LEFT + plotWidth, y, GRID, 1, false, "grid", null));
            shapes.add(new ChartScene.Text(LEFT - 8, y + 4, hoursLabel(h), 11, ChartScene.Anchor.END, false, INK, 0,
                    "tick"));
        }
        shapes.add(new ChartScene.Text(18, TOP + PLOT_HEIGHT / 2.0, "Hours per week", 12, ChartScene.Anchor.MIDDLE,
                false, INK, -90, "axis-title"));

        int n = weeks.size();
        if (n == 0 || weeks.stream().allMatch(w -> w.minutes() == 0 && w.allocatedHours() == null)) {
            shapes.add(new ChartScene.Text(LEFT + plotWidth / 2, TOP + PLOT_HEIGHT / 2.0,
                    "No time logged and no protected time allocated in this period", 14, ChartScene.Anchor.MIDDLE,
                    false, "#777777", 0, "empty"));
        }
        double slot = n == 0 ? plotWidth : plotWidth / n;
        double barWidth = Math.max(1, slot * 0.7);
        int labelEvery = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < n; i++) {
            ReportService.WeekRow w = weeks.get(i);
            double x = LEFT + i * slot;
            double barX = x + (slot - barWidth) / 2;
            double y = bottom;
            for (WorkType kind : used) {
                BigDecimal hours = kindsByWeek.get(i).get(kind);
                if (hours == null || hours.signum() == 0) {
                    continue;
                }
                double h = hours.doubleValue() * scale;
                y -= h;
                shapes.add(new ChartScene.Rect(barX, y, barWidth, h, COLOURS.get(kind), "bar",
                        Map.of("week", w.weekStart().toString(), "kind", kind.name(), "hours",
                                hours.setScale(2, RoundingMode.HALF_UP).toPlainString())));
            }
            if (w.allocatedHours() != null) {
                double ay = bottom - w.allocatedHours().doubleValue() * scale;
                shapes.add(new ChartScene.Line(x, ay, x + slot, ay, ALLOCATED, 2, true, "allocated",
                        Map.of("week", w.weekStart().toString(), "hours", w.allocatedHours().toPlainString())));
            }
            if (Boolean.TRUE.equals(w.overAllocation())) {
                shapes.add(new ChartScene.Dot(x + slot / 2, Math.min(y, bottom - w.hours().doubleValue() * scale) - 8,
                        Math.min(4, Math.max(2, barWidth / 3)), OVER, "over", Map.of("week", w.weekStart().toString())));
            }
            if (i % labelEvery == 0) {
                shapes.add(new ChartScene.Text(x + slot / 2, bottom + 18, DAY_MONTH.format(w.weekStart()), 11,
                        ChartScene.Anchor.MIDDLE, false, INK, 0, "week-label"));
            }
        }
        shapes.add(new ChartScene.Line(LEFT, bottom, LEFT + plotWidth, bottom, INK, 1, false, "axis", null));
        shapes.add(new ChartScene.Text(LEFT + plotWidth / 2, bottom + 40, "Week beginning", 12,
                ChartScene.Anchor.MIDDLE, false, INK, 0, "axis-title"));

        // legend, two columns
        double legendTop = bottom + AXIS_SPACE + 16;
        double column = plotWidth / 2;
        int item = 0;
        for (WorkType kind : used) {
            double lx = LEFT + (item % 2) * column;
            double ly = legendTop + (item / 2) * LEGEND_ROW;
            shapes.add(new ChartScene.Rect(lx, ly - 11, 14, 14, COLOURS.get(kind), "legend-swatch",
                    Map.of("kind", kind.name())));
            shapes.add(new ChartScene.Text(lx + 22, ly, kind.label, 12, ChartScene.Anchor.START, false, INK, 0,
                    "legend"));
            item++;
        }
        if (anyAllocation) {
            double lx = LEFT + (item % 2) * column;
            double ly = legendTop + (item / 2) * LEGEND_ROW;
            shapes.add(new ChartScene.Line(lx, ly - 4, lx + 14, ly - 4, ALLOCATED, 2, true, "legend-allocated", null));
            shapes.add(new ChartScene.Text(lx + 22, ly, "Protected time allocated", 12, ChartScene.Anchor.START, false,
                    INK, 0, "legend"));
            item++;
        }
        if (anyOver) {
            double lx = LEFT + (item % 2) * column;
            double ly = legendTop + (item / 2) * LEGEND_ROW;
            shapes.add(new ChartScene.Dot(lx + 7, ly - 4, 4, OVER, "legend-over", null));
            shapes.add(new ChartScene.Text(lx + 22, ly, "Week over its allocation", 12, ChartScene.Anchor.START, false,
                    INK, 0, "legend"));
        }
        String description = "Weekly bar chart of " + n + " weeks, " + report.totalHours().toPlainString()
                + " hours spent in total"
                + (report.allocation().allocatedHours() == null ? ", no protected time allocated"
                        : " against " + report.allocation().allocatedHours().toPlainString() + " hours allocated; "
                                + report.allocation().weeksOverAllocation() + " weeks over allocation");
        return new ChartScene(WIDTH, height, title, description, shapes);
    }

    /** The figures a governor asks first, in one line. */
    static String headline(ReportService.Report report) {
        ReportService.AllocationSummary a = report.allocation();
        StringBuilder line = new StringBuilder(hoursLabel(a.spentHours().doubleValue()) + " spent");
        if (a.allocatedHours() != null) {
            line.append(" against ").append(hoursLabel(a.allocatedHours().doubleValue())).append(" allocated");
            if (a.spentPercentOfAllocated() != null) {
                line.append(" (").append(a.spentPercentOfAllocated().setScale(0, RoundingMode.HALF_UP).toPlainString())
                        .append("%)");
            }
        } else {
            line.append(", no protected time allocated");
        }
        if (report.adminPercent() != null) {
            line.append("  |  administration ").append(report.adminPercent().setScale(0, RoundingMode.HALF_UP)
                    .toPlainString()).append("% of SEN coordination time");
        }
        if (report.supportHours() != null && report.supportHours().signum() > 0) {
            line.append("  |  ").append(hoursLabel(report.supportHours().doubleValue()))
                    .append(" from SEN administrators");
        }
        return line.toString();
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-9))));
        for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String hoursLabel(double h) {
        return BigDecimal.valueOf(h).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                + " h";
    }
}
