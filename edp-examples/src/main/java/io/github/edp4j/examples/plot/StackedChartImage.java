package io.github.edp4j.examples.plot;

import io.github.edp4j.core.io.AtomicFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The image the plots draw: XChart panels (line or bar charts) stacked top to bottom on a white background, each panel an equal share of
 * the height (the last takes what rounding leaves), and its PNG file written atomically. Rendering needs no display:
 * {@code java.awt.headless} is set to {@code true} unless it was set already.
 */
final class StackedChartImage {

    /** Builds panel {@code index} for the pixel size it gets. */
    @FunctionalInterface
    interface Panel {
        Chart<?, ?> chart(int index, int width, int height);
    }

    private StackedChartImage() {
    }

    /** Sets {@code java.awt.headless} to {@code true} unless it was set already: plots are drawn without a display. */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * @param width image width in pixels
     * @param height image height in pixels
     * @param panels number of panels, at least 1
     * @param panel the panel at an index, for its size
     * @return the image
     */
    static BufferedImage render(int width, int height, int panels, Panel panel) {
        ensureHeadless();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int top = 0;
            for (int i = 0; i < panels; i++) {
                int h = i == panels - 1 ? height - top : height / panels;
                Chart<?, ?> chart = panel.chart(i, width, h);
                Graphics2D sub = (Graphics2D) g.create(0, top, width, h);
                try {
                    chart.paint(sub, width, h);
                } finally {
                    sub.dispose();
                }
                top += h;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes {@code image} as a PNG file atomically ({@link AtomicFile}); missing directories are created.
     *
     * @param image the image
     * @param png the file; an existing file is replaced
     * @param what what the plot is, for the error message ("learning-curve plot")
     * @return {@code png}
     * @throws UncheckedIOException if the file cannot be written
     */
    static Path writePng(BufferedImage image, Path png, String what) {
        try {
            AtomicFile.writeTo(png.toAbsolutePath(), tmp -> {
                if (!ImageIO.write(image, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer in this JVM");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + ": " + e.getMessage(), e);
        }
        return png;
    }
}
