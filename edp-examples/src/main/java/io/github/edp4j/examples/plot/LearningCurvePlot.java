package io.github.edp4j.examples.plot;

import io.github.edp4j.core.io.AtomicFile;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the learning curves of several runs into one PNG with XChart: a score panel above a loss panel, every run on
 * both, with a legend and axis titles. With several runs each run has one colour (the same on both panels) and each
 * series one line style; a panel with a single run gives each series its own colour instead, all solid.
 *
 * <p>Which series go where: the names given to {@link Builder#scoreSeries(String...)} and
 * {@link Builder#lossSeries(String...)}, or by default every series whose name contains {@code "score"} (score
 * panel) or {@code "loss"} (loss panel), ignoring case; other series are not drawn. A panel with nothing to draw is
 * left out, so a run with losses but no evaluations (a D4RL file without an environment) still gets a plot. Losses
 * can be drawn on a logarithmic axis ({@link Builder#logScaleLosses(boolean)}); when some loss is {@code <= 0}, which
 * a log axis cannot show (TD3's policy loss is often negative), the panel falls back to a linear axis and says so in
 * its axis title.
 *
 * <p>Rendering needs no display: {@code java.awt.headless} is set to {@code true} unless it was set already.
 *
 * <pre>{@code
 * LearningCurvePlot.builder().title("pointmaze-fork-multimodal").logScaleLosses(true).build()
 *         .write(List.of(edpRun, gaussianRun), Path.of("out/learning-curves.png"));
 * }</pre>
 */
public final class LearningCurvePlot {

    private static final Logger LOG = LoggerFactory.getLogger(LearningCurvePlot.class);

    /** One colour per run (matplotlib's tab10), repeating after ten runs. */
    static final List<Color> RUN_COLORS = List.of(new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75),
            new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207));

    private final String title;
    private final List<String> scoreSeries;
    private final List<String> lossSeries;
    private final boolean logScaleLosses;
    private final int width;
    private final int height;

    private LearningCurvePlot(Builder b) {
        this.title = b.title;
        this.scoreSeries = List.copyOf(b.scoreSeries);
        this.lossSeries = List.copyOf(b.lossSeries);
        this.logScaleLosses = b.logScaleLosses;
        this.width = b.width;
        this.height = b.height;
    }

    /** @return a builder with the defaults: no title, series chosen by name, linear axes, 1000 x 900 pixels */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders the runs into an image of {@link Builder#size(int, int) width x height} pixels.
     *
     * @param runs the runs, with distinct names
     * @return the image: the score panel above the loss panel, or the one panel that has anything to draw
     * @throws IllegalArgumentException if two runs share a name, or no run has a point of any score or loss series
     */
    public BufferedImage render(List<LearningCurve> runs) {
        Objects.requireNonNull(runs, "runs");
        Set<String> names = new HashSet<>();
        for (LearningCurve r : runs) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("two runs are named '" + r.name() + "'; legends need distinct"
                        + " names");
            }
        }
        StackedChartImage.ensureHeadless();
        List<Panel> panels = new ArrayList<>();
        Predicate<String> isScore = scoreSeries.isEmpty() ? s -> lower(s).contains("score") : scoreSeries::contains;
        Predicate<String> isLoss = lossSeries.isEmpty() ? s -> lower(s).contains("loss") : lossSeries::contains;
        Panel score = new Panel(title.isEmpty() ? "Evaluation" : title + ": evaluation", "score", runs, isScore,
                false, true);
        Panel loss = new Panel(title.isEmpty() ? "Training losses" : title + ": training losses", "loss", runs,
                isLoss.and(isScore.negate()), logScaleLosses, false);
        for (Panel p : List.of(score, loss)) {
            if (!p.lines.isEmpty()) {
                panels.add(p);
            }
        }
        if (panels.isEmpty()) {
            List<String> present = runs.stream().map(r -> r.name() + " " + r.seriesNames()).toList();
            throw new IllegalArgumentException("nothing to plot: no run has a point of a score series ("
                    + (scoreSeries.isEmpty() ? "name containing 'score'" : scoreSeries) + ") or a loss series ("
                    + (lossSeries.isEmpty() ? "name containing 'loss'" : lossSeries) + "); runs: " + present);
        }
        return StackedChartImage.render(width, height, panels.size(), (i, w, h) -> panels.get(i).chart(w, h));
    }

    /**
     * Renders the runs ({@link #render(List)}) and writes the image as a PNG file, atomically with {@link
     * AtomicFile}; missing directories are created.
     *
     * @param runs the runs, with distinct names
     * @param png the file to write; an existing file is replaced
     * @return {@code png}
     * @throws IllegalArgumentException if two runs share a name, or no run has a point of any score or loss series
     * @throws UncheckedIOException if the file cannot be written
     */
    public Path write(List<LearningCurve> runs, Path png) {
        Objects.requireNonNull(png, "png");
        return StackedChartImage.writePng(render(runs), png, "learning-curve plot");
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** One drawn line: a series of a run. */
    private record Line(int run, LearningCurve curve, String series) {}

    /** The lines of one panel and how its axes are labelled. */
    private static final class Panel {
        private final String chartTitle;
        private final String yTitle;
        private final boolean logScale;
        private final boolean markers;
        private final List<Line> lines = new ArrayList<>();
        private final List<String> kinds;

        Panel(String chartTitle, String quantity, List<LearningCurve> runs, Predicate<String> select,
                boolean logRequested, boolean markers) {
            this.chartTitle = chartTitle;
            this.markers = markers;
            Set<String> kindSet = new LinkedHashSet<>();
            boolean allPositive = true;
            for (int r = 0; r < runs.size(); r++) {
                LearningCurve c = runs.get(r);
                for (String s : c.seriesNames()) {
                    if (select.test(s) && c.size(s) > 0) {
                        lines.add(new Line(r, c, s));
                        kindSet.add(s);
                        for (double v : c.values(s)) {
                            allPositive &= v > 0;
                        }
                    }
                }
            }
            this.kinds = List.copyOf(kindSet);
            String y = kinds.size() == 1 ? kinds.get(0) : quantity;
            this.logScale = logRequested && allPositive;
            if (logRequested && !allPositive) {
                LOG.warn("learning-curve plot: a {} is <= 0, so the {} axis is linear instead of logarithmic",
                        quantity, quantity);
                y += " (linear: some values <= 0)";
            } else if (logScale) {
                y += " (log scale)";
            }
            this.yTitle = y;
        }

        XYChart chart(int w, int h) {
            XYChart chart = new XYChart(w, h);
            chart.setTitle(chartTitle);
            chart.setXAxisTitle("iteration");
            chart.setYAxisTitle(yTitle);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
            chart.getStyler().setToolTipsEnabled(false);
            chart.getStyler().setMarkerSize(6);
            chart.getStyler().setYAxisLogarithmic(logScale);
            boolean oneRun = lines.stream().map(Line::run).distinct().count() == 1;
            List<java.awt.BasicStroke> strokes = List.of(SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
                    SeriesLines.DASH_DOT);
            for (Line line : lines) {
                String label = kinds.size() == 1 ? line.curve().name()
                        : oneRun ? line.series() : line.curve().name() + ": " + line.series();
                long[] it = line.curve().iterations(line.series());
                double[] x = new double[it.length];
                for (int i = 0; i < it.length; i++) {
                    x[i] = it[i];
                }
                XYSeries s = chart.addSeries(label, x, line.curve().values(line.series()));
                // one run: each series its own colour, solid; several runs: a colour per run, a style per series
                int kind = kinds.indexOf(line.series());
                Color color = RUN_COLORS.get((oneRun ? kind : line.run()) % RUN_COLORS.size());
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setLineStyle(oneRun ? SeriesLines.SOLID : strokes.get(kind % strokes.size()));
                s.setLineWidth(1.8f);
                s.setMarker(markers || it.length < 2 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            }
            return chart;
        }
    }

    /** Builder of a {@link LearningCurvePlot}; every setting is optional. */
    public static final class Builder {
        private String title = "";
        private List<String> scoreSeries = List.of();
        private List<String> lossSeries = List.of();
        private boolean logScaleLosses;
        private int width = 1000;
        private int height = 900;

        private Builder() {}

        /**
         * @param title shown above each panel, such as the task name; empty for none
         * @return this builder
         */
        public Builder title(String title) {
            this.title = Objects.requireNonNull(title, "title").strip();
            return this;
        }

        /**
         * @param names the series drawn on the score panel; none to take every series whose name contains
         *     {@code "score"}
         * @return this builder
         */
        public Builder scoreSeries(String... names) {
            this.scoreSeries = List.of(names);
            return this;
        }

        /**
         * @param names the series drawn on the loss panel; none to take every series whose name contains
         *     {@code "loss"}
         * @return this builder
         */
        public Builder lossSeries(String... names) {
            this.lossSeries = List.of(names);
            return this;
        }

        /**
         * @param log whether the loss axis is logarithmic (it stays linear if some loss is {@code <= 0})
         * @return this builder
         */
        public Builder logScaleLosses(boolean log) {
            this.logScaleLosses = log;
            return this;
        }

        /**
         * @param width image width in pixels, 200 to 10000
         * @param height image height in pixels, 200 to 10000
         * @return this builder
         * @throws IllegalArgumentException naming the value if a size is out of range
         */
        public Builder size(int width, int height) {
            if (width < 200 || width > 10_000) {
                throw new IllegalArgumentException("plot width must be in [200, 10000] pixels, got " + width);
            }
            if (height < 200 || height > 10_000) {
                throw new IllegalArgumentException("plot height must be in [200, 10000] pixels, got " + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /** @return the plot */
        public LearningCurvePlot build() {
            return new LearningCurvePlot(this);
        }
    }
}
