package uk.sen.workload.service.chart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import uk.sen.platform.chart.ChartScene;
import uk.sen.workload.domain.ActivityCategory;
import uk.sen.workload.service.ReportService;

/**
 * The governors' chart: time spent per week as bars stacked by activity category, the protected time allocated as
 * a dashed line across each week, and a mark over every week that went over its allocation. Colours are fixed per
 * category (by its place in the category list), so charts of different schools and terms read alike.
 */
public final class WeeklyChart {

    /** Distinguishable colours (Tableau 10 and three from ColorBrewer Dark2), one per category in list order. */
    static final String[] PALETTE = { "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac", "#1b9e77", "#7570b3", "#d95f02" };
    static final String INK = "#222222";
    static final String GRID = "#dddddd";
    static final String ALLOCATED = "#111111";
    static final String OVER = "#8b0000";

    private static final int WIDTH = 1000;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 78;
    private static final int PLOT_HEIGHT = 330;
    private static final int AXIS_SPACE = 50;
    private static final int LEGEND_ROW = 22;
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    private WeeklyChart() {
    }

    /** The colour of each category, by code, in list order. */
    public static Map<String, String> colours(Map<String, ActivityCategory> categories) {
        Map<String, String> colours = new LinkedHashMap<>();
        int i = 0;
        for (String code : categories.keySet()) {
            colours.put(code, PALETTE[i % PALETTE.length]);
            i++;
        }
        return colours;
    }

    public static ChartScene of(ReportService.Report report, Map<String, ActivityCategory> categories) {
        Map<String, String> colours = colours(categories);
        List<ReportService.WeekRow> weeks = report.weeks();
        List<String> used = new ArrayList<>();
        for (String code : categories.keySet()) {
            if (weeks.stream().anyMatch(w -> w.hoursByCategory().containsKey(code))) {
                used.add(code);
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
        shapes.add(new ChartScene.Text(LEFT, 52, "Hours spent per week by activity (bars) against protected time "
                + "allocated (dashed line), to " + DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK)
                        .format(report.period().asOf()),
                12, ChartScene.Anchor.START, false, "#555555", 0, "subtitle"));

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
            for (String code : used) {
                BigDecimal hours = w.hoursByCategory().get(code);
                if (hours == null || hours.signum() == 0) {
                    continue;
                }
                double h = hours.doubleValue() * scale;
                y -= h;
                shapes.add(new ChartScene.Rect(barX, y, barWidth, h, colours.get(code), "bar",
                        Map.of("week", w.weekStart().toString(), "category", code, "hours", hours.toPlainString())));
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
        for (String code : used) {
            double lx = LEFT + (item % 2) * column;
            double ly = legendTop + (item / 2) * LEGEND_ROW;
            shapes.add(new ChartScene.Rect(lx, ly - 11, 14, 14, colours.get(code), "legend-swatch",
                    Map.of("category", code)));
            shapes.add(new ChartScene.Text(lx + 22, ly, categories.get(code).name, 12, ChartScene.Anchor.START, false,
                    INK, 0, "legend"));
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
