package io.github.edp4j.examples.plot;

import io.github.edp4j.core.io.AtomicFile;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the acting-time ablations of one policy into one PNG with XChart, in the layout of the EDP paper's
 * Figs. 4 and 5 (arXiv 2305.20081): score against the number {@code N} of energy-based selection candidates
 * (above), and score against the sampler's model calls, one line per DPM-Solver time grid with the DDPM chain as a
 * separate point at its {@code K} calls (below). A panel without points is left out. Rendering needs no display:
 * {@code java.awt.headless} is set to {@code true} unless it was set already.
 */
public final class AblationPlot {

    private static final List<Color> COLORS = List.of(new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189));

    /**
     * One measured setting.
     *
     * @param line the line it belongs to: an EAS selection rule (such as {@code "EAS argmax"}) on the top panel, a
     *     grid name or {@code "DDPM"} on the bottom panel
     * @param x candidates {@code N} (top) or model calls (bottom), positive
     * @param score the normalized score
     */
    public record Point(String line, double x, double score) {
        /** Validates the point. */
        public Point {
            Objects.requireNonNull(line, "line");
            if (!(x > 0) || !Double.isFinite(score)) {
                throw new IllegalArgumentException("ablation point " + line + ": x must be > 0 and the score finite,"
                        + " got x = " + x + ", score = " + score);
            }
        }
    }

    private final String title;
    private final int width;
    private final int height;

    /**
     * @param title the plot's title, such as the policy and task
     * @param width image width in pixels, at least 200
     * @param height image height in pixels, at least 200
     */
    public AblationPlot(String title, int width, int height) {
        if (width < 200 || height < 200) {
            throw new IllegalArgumentException("ablation plot: width and height must be >= 200 pixels, got " + width
                    + "x" + height);
        }
        this.title = Objects.requireNonNull(title, "title");
        this.width = width;
        this.height = height;
    }

    /**
     * @param candidates points of the top panel (score vs {@code N})
     * @param calls points of the bottom panel (score vs model calls)
     * @return the image
     * @throws IllegalArgumentException if both lists are empty
     */
    public BufferedImage render(List<Point> candidates, List<Point> calls) {
        List<XYChart> charts = new ArrayList<>();
        if (!candidates.isEmpty()) {
            charts.add(chart(title + ": energy-based selection", "candidates N (log scale)", candidates));
        }
        if (!calls.isEmpty()) {
            charts.add(chart(title + ": sampler", "model calls per action (log scale)", calls));
        }
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("ablation plot: nothing to plot (no points)");
        }
        return StackedChartImage.render(width, height, charts.size(), (i, w, h) -> charts.get(i));
    }

    /**
     * Renders the points and writes a PNG atomically ({@link AtomicFile}).
     *
     * @param candidates points of the top panel
     * @param calls points of the bottom panel
     * @param png the file; an existing file is replaced
     * @return {@code png}
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path write(List<Point> candidates, List<Point> calls, Path png) {
        return StackedChartImage.writePng(render(candidates, calls), png, "ablation plot");
    }

    private static XYChart chart(String chartTitle, String xTitle, List<Point> points) {
        XYChart chart = new XYChart(600, 300);
        chart.setTitle(chartTitle);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle("normalized score");
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setToolTipsEnabled(false);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisLogarithmic(true);
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        for (Point p : points) {
            lines.computeIfAbsent(p.line(), k -> new ArrayList<>()).add(p);
        }
        int i = 0;
        for (Map.Entry<String, List<Point>> e : lines.entrySet()) {
            List<Point> ps = e.getValue();
            double[] x = ps.stream().mapToDouble(Point::x).toArray();
            double[] y = ps.stream().mapToDouble(Point::score).toArray();
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            Color c = COLORS.get(i++ % COLORS.size());
            s.setLineColor(c);
            s.setMarkerColor(c);
            s.setLineStyle(SeriesLines.SOLID);
            s.setLineWidth(1.8f);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }
}
