package uk.sen.platform.chart;

import java.util.Locale;
import java.util.Map;

/** Writes a {@link ChartScene} as a standalone SVG 1.1 document. */
public final class SvgChart {

    private SvgChart() {
    }

    public static String render(ChartScene scene) {
        StringBuilder svg = new StringBuilder(16_384);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(scene.width())
                .append("\" height=\"").append(scene.height()).append("\" viewBox=\"0 0 ").append(scene.width())
                .append(' ').append(scene.height())
                .append("\" role=\"img\" aria-labelledby=\"chart-title chart-desc\"")
                .append(" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n");
        svg.append("<title id=\"chart-title\">").append(escape(scene.title())).append("</title>\n");
        svg.append("<desc id=\"chart-desc\">").append(escape(scene.description())).append("</desc>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(scene.width()).append("\" height=\"")
                .append(scene.height()).append("\" fill=\"#ffffff\"/>\n");
        for (ChartScene.Shape shape : scene.shapes()) {
            if (shape instanceof ChartScene.Rect r) {
                svg.append("<rect").append(attr("class", r.cssClass())).append(num("x", r.x())).append(num("y", r.y()))
                        .append(num("width", r.width())).append(num("height", r.height()))
                        .append(attr("fill", r.fill())).append(data(r.data())).append("/>\n");
            } else if (shape instanceof ChartScene.Line l) {
                svg.append("<line").append(attr("class", l.cssClass())).append(num("x1", l.x1()))
                        .append(num("y1", l.y1())).append(num("x2", l.x2())).append(num("y2", l.y2()))
                        .append(attr("stroke", l.stroke())).append(num("stroke-width", l.strokeWidth()))
                        .append(l.dashed() ? attr("stroke-dasharray", "6 4") : "").append(data(l.data()))
                        .append("/>\n");
            } else if (shape instanceof ChartScene.Text t) {
                svg.append("<text").append(attr("class", t.cssClass())).append(num("x", t.x())).append(num("y", t.y()))
                        .append(num("font-size", t.size())).append(attr("text-anchor", anchor(t.anchor())))
                        .append(t.bold() ? attr("font-weight", "bold") : "").append(attr("fill", t.fill()));
                if (t.rotate() != 0) {
                    svg.append(attr("transform", "rotate(" + fmt(t.rotate()) + " " + fmt(t.x()) + " " + fmt(t.y())
                            + ")"));
                }
                svg.append('>').append(escape(t.text())).append("</text>\n");
            } else if (shape instanceof ChartScene.Dot d) {
                svg.append("<circle").append(attr("class", d.cssClass())).append(num("cx", d.cx()))
                        .append(num("cy", d.cy())).append(num("r", d.r())).append(attr("fill", d.fill()))
                        .append(data(d.data())).append("/>\n");
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static String anchor(ChartScene.Anchor anchor) {
        return switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
    }

    private static String data(Map<String, String> data) {
        StringBuilder out = new StringBuilder();
        if (data != null) {
            data.forEach((k, v) -> out.append(attr("data-" + k, v)));
        }
        return out.toString();
    }

    private static String attr(String name, String value) {
        return value == null ? "" : " " + name + "=\"" + escape(value) + "\"";
    }

    private static String num(String name, double value) {
        return " " + name + "=\"" + fmt(value) + "\"";
    }

    static String fmt(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
