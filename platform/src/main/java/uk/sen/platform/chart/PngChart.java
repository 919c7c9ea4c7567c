package uk.sen.platform.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Draws a {@link ChartScene} with Java2D into a PNG, at twice the scene's size so it prints sharply. Bars are drawn
 * without anti-aliasing, so each keeps the exact colour of its category.
 */
public final class PngChart {

    public static final int SCALE = 2;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngChart() {
    }

    public static byte[] render(ChartScene scene) {
        BufferedImage image = new BufferedImage(scene.width() * SCALE, scene.height() * SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(SCALE, SCALE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, scene.width(), scene.height());
            for (ChartScene.Shape shape : scene.shapes()) {
                if (shape instanceof ChartScene.Rect r) {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
                    g.setColor(Color.decode(r.fill()));
                    g.fill(new Rectangle2D.Double(r.x(), r.y(), r.width(), r.height()));
                } else if (shape instanceof ChartScene.Line l) {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setColor(Color.decode(l.stroke()));
                    g.setStroke(l.dashed()
                            ? new BasicStroke((float) l.strokeWidth(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                                    10f, new float[] { 6f, 4f }, 0f)
                            : new BasicStroke((float) l.strokeWidth()));
                    g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
                } else if (shape instanceof ChartScene.Text t) {
                    text(g, t);
                } else if (shape instanceof ChartScene.Dot d) {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setColor(Color.decode(d.fill()));
                    g.fill(new Ellipse2D.Double(d.cx() - d.r(), d.cy() - d.r(), 2 * d.r(), 2 * d.r()));
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    private static void text(Graphics2D g, ChartScene.Text t) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Font font = new Font(Font.SANS_SERIF, t.bold() ? Font.BOLD : Font.PLAIN, 12).deriveFont((float) t.size());
        g.setFont(font);
        g.setColor(Color.decode(t.fill()));
        FontMetrics metrics = g.getFontMetrics();
        double width = metrics.getStringBounds(t.text(), g).getWidth();
        double dx = switch (t.anchor()) {
            case START -> 0;
            case MIDDLE -> -width / 2;
            case END -> -width;
        };
        AffineTransform saved = g.getTransform();
        if (t.rotate() != 0) {
            g.rotate(Math.toRadians(t.rotate()), t.x(), t.y());
        }
        g.drawString(t.text(), (float) (t.x() + dx), (float) t.y());
        g.setTransform(saved);
    }
}
