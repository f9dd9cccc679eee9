package io.github.edp4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep report's figures: mean curves with a std band, and a bar chart with error bars. */
class SweepPlotsTest {

    private static int pixelsOf(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xFFFFFF) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void meanCurvesDrawEachMethodInItsColour(@TempDir Path dir) throws Exception {
        SweepPlots.MeanCurve a = new SweepPlots.MeanCurve("EDP-IQL", new long[] {0, 100, 200},
                new double[] {10, 50, 90}, new double[] {5, 5, 2});
        SweepPlots.MeanCurve b = new SweepPlots.MeanCurve("Gaussian IQL", new long[] {0, 100, 200},
                new double[] {10, 0, -50}, new double[] {1, 3, 4});
        Path png = SweepPlots.writeCurves("bandit-mixed", "normalized score", List.of(a, b), "5 seeds",
                dir.resolve("curves.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        int first = LearningCurvePlot.RUN_COLORS.get(0).getRGB() & 0xFFFFFF;
        int second = LearningCurvePlot.RUN_COLORS.get(1).getRGB() & 0xFFFFFF;
        assertTrue(pixelsOf(image, first) > 100, "first method's colour");
        assertTrue(pixelsOf(image, second) > 100, "second method's colour");
        assertThrows(IllegalArgumentException.class, () -> SweepPlots.renderCurves("x", "y", List.of(a, a), "s"));
        assertThrows(IllegalArgumentException.class, () -> new SweepPlots.MeanCurve("m", new long[] {1},
                new double[] {1, 2}, new double[] {0}));
    }

    @Test
    void barsNeedOneMeanAndStdPerDatasetAndMethod(@TempDir Path dir) throws Exception {
        Path png = SweepPlots.writeBars("RAT", "RAT", List.of("bandit-mixed", "fork"), List.of("EDP-IQL", "Gaussian"),
                new double[][] {{95, 97}, {-53, Double.NaN}}, new double[][] {{1, 2}, {0, Double.NaN}},
                dir.resolve("bars.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(pixelsOf(image, LearningCurvePlot.RUN_COLORS.get(0).getRGB() & 0xFFFFFF) > 1000, "bars drawn");
        assertTrue(Files.size(png) > 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepPlots.renderBars("t",
                "y", List.of("a", "b"), List.of("m"), new double[][] {{1}}, new double[][] {{1}}));
        assertTrue(e.getMessage().contains("method 'm' has 1 means"), e.getMessage());
    }
}
