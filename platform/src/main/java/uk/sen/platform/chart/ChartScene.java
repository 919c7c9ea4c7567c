package uk.sen.platform.chart;

import java.util.List;
import java.util.Map;

/**
 * A chart as plain shapes in pixel coordinates (origin top left), drawn the same way by {@link SvgChart} and
 * {@link PngChart}, so the picture governors print is the picture the web shows. Shapes carry a class and data
 * attributes (week, category, hours) so the SVG can be read back by scripts and tests.
 */
public record ChartScene(int width, int height, String title, String description, List<Shape> shapes) {

    public enum Anchor {
        START, MIDDLE, END
    }

    public sealed interface Shape permits Rect, Line, Text, Dot {
    }

    public record Rect(double x, double y, double width, double height, String fill, String cssClass,
            Map<String, String> data) implements Shape {
    }

    public record Line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed,
            String cssClass, Map<String, String> data) implements Shape {
    }

    /** Text at a baseline point; {@code rotate} in degrees about that point (0 for none). */
    public record Text(double x, double y, String text, double size, Anchor anchor, boolean bold, String fill,
            double rotate, String cssClass) implements Shape {
    }

    public record Dot(double cx, double cy, double r, String fill, String cssClass, Map<String, String> data)
            implements Shape {
    }
}
