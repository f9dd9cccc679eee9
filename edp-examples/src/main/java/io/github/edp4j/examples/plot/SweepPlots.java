package io.github.edp4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of a sweep's report: for one dataset, each method's learning curve averaged over seeds with a band of
 * plus and minus one standard deviation (its edges drawn as thin dashed lines of the method's colour); and a bar
 * chart of a table, mean RAT (or any score) per dataset and method with the standard deviation as error bars. Both
 * are drawn with {@link StackedChartImage} and written atomically; they need no display.
 */
public final class SweepPlots {

    private SweepPlots() {
    }

    /**
     * One method's learning curve over seeds.
     *
     * @param method the method's name, shown in the legend
     * @param iterations the evaluation iterations, increasing
     * @param mean the mean score at each iteration
     * @param std the standard deviation at each iteration, {@code >= 0}
     */
    public record MeanCurve(String method, long[] iterations, double[] mean, double[] std) {
        /**
         * Checks the arrays.
         *
         * @throws IllegalArgumentException naming the method if the lengths differ or there is no point
         */
        public MeanCurve {
            Objects.requireNonNull(method, "method");
            if (iterations.length == 0 || iterations.length != mean.length || mean.length != std.length) {
                throw new IllegalArgumentException("mean curve '" + method + "': iterations, mean and std need the"
                        + " same, non-zero length; got " + iterations.length + ", " + mean.length + ", "
                        + std.length);
            }
            iterations = iterations.clone();
            mean = mean.clone();
            std = std.clone();
        }
    }

    /**
     * Draws the mean curves of one dataset's methods.
     *
     * @param title the figure's title, such as the dataset's name
     * @param yTitle what the curves are, such as {@code normalized score}
     * @param curves the methods' curves, with distinct names, at least one
     * @param seeds text for the axis, such as {@code mean +- std over 5 seeds}
     * @return the image, 1000 x 600 pixels
     * @throws IllegalArgumentException if there is no curve or two share a name
     */
    public static BufferedImage renderCurves(String title, String yTitle, List<MeanCurve> curves, String seeds) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("mean curves of '" + title + "': no curve to draw");
        }
        Set<String> names = new HashSet<>();
        for (MeanCurve c : curves) {
            if (!names.add(c.method())) {
                throw new IllegalArgumentException("mean curves of '" + title + "': two curves are named '"
                        + c.method() + "'");
            }
        }
        return StackedChartImage.render(1000, 600, 1, (i, w, h) -> {
            XYChart chart = new XYChart(w, h);
            chart.setTitle(title);
            chart.setXAxisTitle("iteration");
            chart.setYAxisTitle(yTitle + " (" + seeds + ")");
            style(chart.getStyler());
            for (int m = 0; m < curves.size(); m++) {
                MeanCurve c = curves.get(m);
                Color color = LearningCurvePlot.RUN_COLORS.get(m % LearningCurvePlot.RUN_COLORS.size());
                double[] x = Arrays.stream(c.iterations()).asDoubleStream().toArray();
                double[] lo = new double[x.length];
                double[] hi = new double[x.length];
                for (int k = 0; k < x.length; k++) {
                    lo[k] = c.mean()[k] - c.std()[k];
                    hi[k] = c.mean()[k] + c.std()[k];
                }
                XYSeries mean = chart.addSeries(c.method(), x, c.mean());
                mean.setLineColor(color);
                mean.setMarkerColor(color);
                mean.setMarker(SeriesMarkers.CIRCLE);
                mean.setLineStyle(SeriesLines.SOLID);
                Color light = new Color(color.getRed(), color.getGreen(), color.getBlue(), 140);
                int b = 0;
                for (double[] edge : List.of(lo, hi)) {
                    XYSeries s = chart.addSeries(c.method() + (b++ == 0 ? " - std" : " + std"), x, edge);
                    s.setLineColor(light);
                    s.setMarker(SeriesMarkers.NONE);
                    s.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                            new float[] {4f, 4f}, 0f));
                    s.setShowInLegend(false);
                }
            }
            return chart;
        });
    }

    /**
     * Writes {@link #renderCurves} as a PNG.
     *
     * @param title the figure's title
     * @param yTitle what the curves are
     * @param curves the methods' curves
     * @param seeds text for the axis
     * @param png the file; replaced atomically
     * @return {@code png}
     * @throws UncheckedIOException if it cannot be written
     */
    public static Path writeCurves(String title, String yTitle, List<MeanCurve> curves, String seeds, Path png) {
        return StackedChartImage.writePng(renderCurves(title, yTitle, curves, seeds), png, "mean learning curves");
    }

    /**
     * Draws a grouped bar chart: one group per dataset, one bar per method, with error bars.
     *
     * @param title the figure's title
     * @param yTitle what the bars are, such as {@code RAT (mean +- std over seeds)}
     * @param datasets the groups
     * @param methods the bars of each group
     * @param mean {@code mean[method][dataset]}; NaN where a method has no value for a dataset
     * @param std {@code std[method][dataset]}, same shape
     * @return the image, 1000 x 600 pixels
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static BufferedImage renderBars(String title, String yTitle, List<String> datasets, List<String> methods,
            double[][] mean, double[][] std) {
        if (datasets.isEmpty() || methods.isEmpty() || mean.length != methods.size() || std.length != methods.size()) {
            throw new IllegalArgumentException("bar chart '" + title + "': need at least one dataset and method and"
                    + " one row of means and stds per method; got " + datasets.size() + " datasets, "
                    + methods.size() + " methods, " + mean.length + " and " + std.length + " rows");
        }
        for (int m = 0; m < methods.size(); m++) {
            if (mean[m].length != datasets.size() || std[m].length != datasets.size()) {
                throw new IllegalArgumentException("bar chart '" + title + "': method '" + methods.get(m) + "' has "
                        + mean[m].length + " means and " + std[m].length + " stds for " + datasets.size()
                        + " datasets");
            }
        }
        return StackedChartImage.render(1000, 600, 1, (i, w, h) -> {
            CategoryChart chart = new CategoryChart(w, h);
            chart.setTitle(title);
            chart.setYAxisTitle(yTitle);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setLegendBorderColor(Color.LIGHT_GRAY);
            chart.getStyler().setToolTipsEnabled(false);
            chart.getStyler().setErrorBarsColorSeriesColor(false);
            chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
            chart.getStyler().setOverlapped(false);
            for (int m = 0; m < methods.size(); m++) {
                List<Number> y = new ArrayList<>();
                List<Number> e = new ArrayList<>();
                for (int d = 0; d < datasets.size(); d++) {
                    y.add(Double.isFinite(mean[m][d]) ? mean[m][d] : 0.0);
                    e.add(Double.isFinite(std[m][d]) ? std[m][d] : 0.0);
                }
                CategorySeries s = chart.addSeries(methods.get(m), datasets, y, e);
                s.setFillColor(LearningCurvePlot.RUN_COLORS.get(m % LearningCurvePlot.RUN_COLORS.size()));
            }
            return chart;
        });
    }

    /**
     * Writes {@link #renderBars} as a PNG.
     *
     * @param title the figure's title
     * @param yTitle what the bars are
     * @param datasets the groups
     * @param methods the bars of each group
     * @param mean {@code mean[method][dataset]}
     * @param std {@code std[method][dataset]}
     * @param png the file; replaced atomically
     * @return {@code png}
     * @throws UncheckedIOException if it cannot be written
     */
    public static Path writeBars(String title, String yTitle, List<String> datasets, List<String> methods,
            double[][] mean, double[][] std, Path png) {
        return StackedChartImage.writePng(renderBars(title, yTitle, datasets, methods, mean, std), png,
                "bar chart");
    }

    private static void style(org.knowm.xchart.style.XYStyler s) {
        s.setLegendPosition(LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setToolTipsEnabled(false);
        s.setMarkerSize(6);
    }
}
