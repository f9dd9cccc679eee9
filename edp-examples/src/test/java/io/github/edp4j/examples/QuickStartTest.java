package io.github.edp4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.examples.plot.LearningCurve;
import io.github.edp4j.examples.plot.LearningCurveCsv;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start's main with tiny settings (seconds): its table, both runs' CSVs and policies, and the one plot. */
class QuickStartTest {

    private static final Pattern ROW = Pattern.compile(
            "IQL\\s+(diffusion \\(EDP\\)|Gaussian)\\s+(-?\\d+\\.\\d|n/a)\\s+(-?\\d+\\.\\d|n/a)\\s+(\\d+)\\s+(\\S+)");

    @Test
    void smokeRunPrintsTheTableAndWritesBothRunsAndOnePlot(@TempDir Path dir) throws IOException {
        String previous = System.setProperty("edp4j.datasets.dir", dir.resolve("datasets").toString());
        Path out = dir.resolve("quickstart");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code;
        try {
            code = QuickStart.run(new String[] {"--iterations", "30", "--eval-every", "10", "--episodes", "4",
                "--steps", "10", "--hidden", "16,16", "--batch-size", "32", "--threads", "1", "--out", out.toString()},
                    new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        } finally {
            if (previous == null) {
                System.clearProperty("edp4j.datasets.dir");
            } else {
                System.setProperty("edp4j.datasets.dir", previous);
            }
        }
        String text = stdout.toString();
        assertEquals(0, code, () -> text + stderr);
        assertEquals("", stderr.toString());
        assertTrue(text.startsWith("EDP4J quick start: EDP-IQL against the Gaussian IQL baseline on bandit-mixed"),
                text);
        assertTrue(text.contains("EDP-IQL       it 10/30") && text.contains("Gaussian IQL  it 30/30"),
                "progress lines of both runs:\n" + text);

        // the table: a header and one row per policy class, with RAT and OMS of three evaluations each
        assertTrue(text.contains("algorithm  policy class"), text);
        assertTrue(text.contains("RAT") && text.contains("OMS") && text.contains("wall time"), text);
        Matcher m = ROW.matcher(text);
        int rows = 0;
        while (m.find()) {
            rows++;
            assertEquals("30", m.group(4), m.group());
            double rat = Double.parseDouble(m.group(2));
            double oms = Double.parseDouble(m.group(3));
            assertTrue(oms >= rat - 0.05, "the best evaluation is at least the mean: " + m.group());
        }
        assertEquals(2, rows, text);
        assertTrue(text.contains("Output directory: " + out.toAbsolutePath()), text);
        String table = Files.readString(out.resolve(QuickStart.TABLE_FILE), StandardCharsets.UTF_8);
        assertTrue(text.contains(table), "the table file holds the printed table:\n" + table);

        // both runs' metrics and policies
        for (String run : List.of("edp-iql", "gaussian-iql")) {
            Path runDir = out.resolve(run);
            LearningCurve losses = LearningCurveCsv.read(runDir.resolve("training.csv"));
            assertTrue(losses.size("critic_loss") >= 3, run + ": " + losses);
            List<String> evals = Files.readAllLines(runDir.resolve("evaluations.csv"));
            assertEquals(List.of("10", "20", "30"), evals.stream().skip(1).map(l -> l.split(",")[0]).toList(), run);
            try (Policy p = Policy.load(runDir.resolve("policy.edp4j"))) {
                assertEquals(run.startsWith("edp") ? PolicyClass.DIFFUSION : PolicyClass.GAUSSIAN,
                        p.config().policyClass());
                assertEquals(30, p.provenance().iterationsCompleted());
            }
        }
        // one plot of both runs
        try (var files = Files.list(out)) {
            assertEquals(List.of(QuickStart.PLOT_FILE), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".png")).toList());
        }
        BufferedImage png = ImageIO.read(out.resolve(QuickStart.PLOT_FILE).toFile());
        assertNotNull(png, "a readable PNG");
        assertEquals(1000, png.getWidth());
    }

    @Test
    void unknownTaskIsAUsageError(@TempDir Path dir) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = QuickStart.run(new String[] {"--task", "bandit-mix", "--out", dir.resolve("x").toString()},
                new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertEquals(2, code);
        assertEquals("", stdout.toString());
        assertTrue(stderr.toString().startsWith("quickstart: unknown built-in dataset 'bandit-mix'"), stderr::toString);
        assertEquals(1, stderr.toString().lines().count(), stderr::toString);
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written");
    }

    @Test
    void badSettingIsAUsageErrorWithTheBuildersMessage(@TempDir Path dir) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = QuickStart.run(new String[] {"--iterations", "0", "--out", dir.resolve("x").toString()},
                new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertEquals(2, code);
        assertTrue(stderr.toString().contains("iterations = 0 is invalid: allowed >= 1"), stderr::toString);
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written");
    }
}
