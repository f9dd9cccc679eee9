package io.github.edp4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvePlotTest {

    /** The first two run colours (matplotlib's tab10 blue and orange). */
    private static final int BLUE = 0x1f77b4;
    private static final int ORANGE = 0xff7f0e;

    @TempDir
    Path dir;

    @Test
    void twoRunsMakeOnePngWithBothRunsOnBothPanels() throws IOException {
        Path png = dir.resolve("plots/learning-curves.png");
        Path written = LearningCurvePlot.builder().title("pendulum-medium").logScaleLosses(true).size(900, 800)
                .build().write(List.of(run("EDP-IQL", 0.0), run("Gaussian IQL", 0.4)), png);
        assertEquals(png, written);

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO can read");
        assertEquals(900, image.getWidth());
        assertEquals(800, image.getHeight());
        assertTrue(distinctColours(image, 0, 800) > 20, "a drawn chart, not a blank image");
        // the score panel is the top half, the loss panel the bottom half: each shows both runs' colours
        assertTrue(count(image, BLUE, 0, 400) > 100, "run 1 on the score panel");
        assertTrue(count(image, ORANGE, 0, 400) > 100, "run 2 on the score panel");
        assertTrue(count(image, BLUE, 400, 800) > 100, "run 1 on the loss panel");
        assertTrue(count(image, ORANGE, 400, 800) > 100, "run 2 on the loss panel");
        try (var files = Files.list(png.getParent())) {
            assertEquals(List.of(png), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aSingleRunDrawsEachLossSeriesInItsOwnColour() throws IOException {
        BufferedImage image = LearningCurvePlot.builder().title("pendulum-medium").size(900, 800).build()
                .render(List.of(run("EDP-IQL", 0.0)));
        // the loss panel (bottom half) holds policy loss and critic loss: the first two palette colours
        assertTrue(count(image, BLUE, 400, 800) > 100, "first loss series");
        assertTrue(count(image, ORANGE, 400, 800) > 100, "second loss series in another colour");
        String view = System.getProperty("edp4j.plot.preview");
        if (view != null) { // a PNG to look at: -Dedp4j.plot.preview=/tmp/one-run.png
            ImageIO.write(image, "png", Path.of(view).toFile());
        }
    }

    @Test
    void lossesWithoutScoresFillTheWholeImage() {
        LearningCurve losses = LearningCurve.builder("losses only").add("critic loss", 0, 10).add("critic loss", 10, 1)
                .add("policy loss", 0, -1).add("policy loss", 10, -2).build();
        BufferedImage image = LearningCurvePlot.builder().logScaleLosses(true).size(600, 600).build()
                .render(List.of(losses));
        assertEquals(600, image.getHeight());
        // one panel only: its lines (critic loss blue, policy loss orange) reach both halves of the image
        assertTrue(count(image, BLUE, 0, 300) + count(image, ORANGE, 0, 300) > 20, "loss lines in the top half");
        assertTrue(count(image, BLUE, 300, 600) + count(image, ORANGE, 300, 600) > 20, "loss lines in the bottom half");
    }

    @Test
    void explicitSeriesChooseThePanels() {
        LearningCurve c = LearningCurve.builder("run").add("return", 0, 1).add("return", 5, 3)
                .add("td error", 0, 4).add("td error", 5, 2).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningCurvePlot.builder().build().render(List.of(c)));
        assertTrue(e.getMessage().startsWith("nothing to plot") && e.getMessage().contains("[return, td error]"),
                e.getMessage());
        BufferedImage image = LearningCurvePlot.builder().scoreSeries("return").lossSeries("td error").size(400, 400)
                .build().render(List.of(c));
        assertTrue(count(image, BLUE, 0, 200) > 20 && count(image, BLUE, 200, 400) > 20, "both panels drawn");
    }

    @Test
    void runsNeedDistinctNamesAndSizesAreChecked() {
        LearningCurve a = run("same", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningCurvePlot.builder().build().render(List.of(a, run("same", 1))));
        assertTrue(e.getMessage().contains("'same'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LearningCurvePlot.builder().size(100, 500));
        assertTrue(e.getMessage().contains("width") && e.getMessage().contains("100"), e.getMessage());
    }

    private static LearningCurve run(String name, double offset) {
        LearningCurve.Builder b = LearningCurve.builder(name);
        for (int i = 0; i <= 10_000; i += 250) {
            b.add("policy loss", i, 2.0 * Math.exp(-i / 3000.0) + 0.1 + offset);
            b.add("critic loss", i, 20.0 * Math.exp(-i / 2000.0) + 0.5 + offset);
            if (i % 1000 == 0) {
                b.add("normalized score", i, (60 - 30 * offset) * (1 - Math.exp(-i / 3000.0)));
            }
        }
        return b.build();
    }

    private static int distinctColours(BufferedImage image, int fromY, int toY) {
        Set<Integer> colours = new HashSet<>();
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    private static int count(BufferedImage image, int rgb, int fromY, int toY) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
