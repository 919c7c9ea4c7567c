package uk.sen.review.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import uk.sen.platform.chart.ChartScene;
import uk.sen.platform.chart.ChartScene.Anchor;
import uk.sen.review.service.OutcomesReport.SchoolOutcomes;
import uk.sen.review.service.OutcomesReport.Share;
import uk.sen.review.service.OutcomesReport.TermOutcomes;

/**
 * The governors' outcomes chart: for the whole school, each broad area of need and each year group, the share of
 * outcomes met or progressing this term (dark bar) beside last term (light bar), each bar labelled with its
 * percentage and its count, and the headline figures printed above the plot.
 */
public final class OutcomesChart {

    static final String THIS_TERM = "#1b6b93";
    static final String LAST_TERM = "#a6c8dd";
    static final String INK = "#222222";
    static final String GRID = "#dddddd";

    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 96;
    private static final int PLOT_HEIGHT = 300;
    private static final int LABEL_SPACE = 90;
    private static final int SLOT = 74;

    private OutcomesChart() {
    }

    public static ChartScene of(SchoolOutcomes outcomes) {
        TermOutcomes now = outcomes.terms().get(0);
        TermOutcomes before = outcomes.terms().get(1);
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("Whole school", now.all(), before.all()));
        for (Share s : now.byNeedArea()) {
            groups.add(new Group(areaLabel(s.group()), s, find(before.byNeedArea(), s.group())));
        }
        for (Share s : before.byNeedArea()) {
            if (find(now.byNeedArea(), s.group()) == null) {
                groups.add(new Group(areaLabel(s.group()), null, s));
            }
        }
        for (Share s : now.byYearGroup()) {
            groups.add(new Group(yearLabel(s.group()), s, find(before.byYearGroup(), s.group())));
        }
        for (Share s : before.byYearGroup()) {
            if (find(now.byYearGroup(), s.group()) == null) {
                groups.add(new Group(yearLabel(s.group()), null, s));
            }
        }
        int width = Math.max(720, LEFT + RIGHT + groups.size() * SLOT);
        int height = TOP + PLOT_HEIGHT + LABEL_SPACE + 40;
        double bottom = TOP + PLOT_HEIGHT;
        double scale = PLOT_HEIGHT / 100.0;

        List<ChartScene.Shape> shapes = new ArrayList<>();
        String title = "SEN support outcomes met or progressing, school " + outcomes.schoolUrn();
        shapes.add(new ChartScene.Text(LEFT, 30, title, 18, Anchor.START, true, INK, 0, "title"));
        shapes.add(new ChartScene.Text(LEFT, 54, headline(now) + "   " + headline(before), 13, Anchor.START, true,
                INK, 0, "headline"));
        shapes.add(new ChartScene.Text(LEFT, 74, "Share of outcome scores at 0 (expected progress) or above, by broad "
                + "area of need and year group; " + now.term() + " to " + outcomes.asAt() + " (dark) and "
                + before.term() + " (light)", 12, Anchor.START, false, "#555555", 0, "subtitle"));
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = bottom - pct * scale;
            shapes.add(new ChartScene.Line(LEFT, y, width - RIGHT, y, GRID, 1, false, "grid", null));
            shapes.add(new ChartScene.Text(LEFT - 8, y + 4, pct + "%", 11, Anchor.END, false, INK, 0, "tick"));
        }
        double barWidth = SLOT * 0.34;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            double x = LEFT + i * SLOT + SLOT * 0.14;
            bar(shapes, x, bottom, scale, barWidth, g.now(), THIS_TERM, g.label(), now.term());
            bar(shapes, x + barWidth + 2, bottom, scale, barWidth, g.before(), LAST_TERM, g.label(), before.term());
            shapes.add(new ChartScene.Text(x + barWidth, bottom + 16, g.label(), 11, Anchor.END, false, INK, -35,
                    "group-label"));
        }
        shapes.add(new ChartScene.Line(LEFT, bottom, width - RIGHT, bottom, INK, 1, false, "axis", null));
        double legendY = height - 16;
        shapes.add(new ChartScene.Rect(LEFT, legendY - 11, 14, 14, THIS_TERM, "legend-swatch", Map.of("term", now.term())));
        shapes.add(new ChartScene.Text(LEFT + 22, legendY, now.term(), 12, Anchor.START, false, INK, 0, "legend"));
        shapes.add(new ChartScene.Rect(LEFT + 220, legendY - 11, 14, 14, LAST_TERM, "legend-swatch",
                Map.of("term", before.term())));
        shapes.add(new ChartScene.Text(LEFT + 242, legendY, before.term(), 12, Anchor.START, false, INK, 0, "legend"));
        String description = headline(now) + "; " + headline(before) + "; " + (groups.size() - 1)
                + " groups by need area and year group";
        return new ChartScene(width, height, title, description, shapes);
    }

    private static void bar(List<ChartScene.Shape> shapes, double x, double bottom, double scale, double width,
            Share share, String fill, String group, String term) {
        if (share == null || share.share() == null) {
            shapes.add(new ChartScene.Text(x + width / 2, bottom - 4, "-", 11, Anchor.MIDDLE, false, "#777777", 0,
                    "none"));
            return;
        }
        double pct = share.share() * 100;
        double h = pct * scale;
        // in name order, so the SVG's data attributes always read the same
        shapes.add(new ChartScene.Rect(x, bottom - h, width, h, fill, "bar", new TreeMap<>(Map.of("group", group,
                "term", term, "scored", Integer.toString(share.scored()),
                "met", Integer.toString(share.metOrProgressing())))));
        shapes.add(new ChartScene.Text(x + width / 2, bottom - h - 4, Math.round(pct) + "%", 10, Anchor.MIDDLE, false,
                INK, 0, "value"));
    }

    /** "Autumn 2026/27: 12 of 20 outcomes (60%) met or progressing". */
    static String headline(TermOutcomes t) {
        Share all = t.all();
        if (all.scored() == 0) {
            return t.term() + ": no outcomes scored";
        }
        return t.term() + ": " + all.metOrProgressing() + " of " + all.scored() + " outcomes ("
                + Math.round(all.share() * 100) + "%) met or progressing";
    }

    private static Share find(List<Share> shares, String group) {
        return shares.stream().filter(s -> s.group().equals(group)).findFirst().orElse(null);
    }

    static String areaLabel(String area) {
        return switch (area) {
            case "COMMUNICATION_AND_INTERACTION" -> "Communication";
            case "COGNITION_AND_LEARNING" -> "Cognition";
            case "SOCIAL_EMOTIONAL_AND_MENTAL_HEALTH" -> "SEMH";
            case "SENSORY_AND_OR_PHYSICAL" -> "Sensory/physical";
            case "NONE" -> "No area";
            default -> "Area unknown";
        };
    }

    static String yearLabel(String year) {
        return "UNKNOWN".equals(year) ? "Year unknown" : year.matches("\\d+") ? "Year " + year
                : year.toUpperCase(Locale.ROOT);
    }

    private record Group(String label, Share now, Share before) {
    }
}
