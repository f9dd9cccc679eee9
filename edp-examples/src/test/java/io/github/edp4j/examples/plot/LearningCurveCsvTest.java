package io.github.edp4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurveCsvTest {

    @TempDir
    Path dir;

    @Test
    void blankCellsAreMissingValues() throws IOException {
        Path csv = write("edp-iql.csv", """
                iteration,normalized score,policy loss,critic loss
                0,,1.5,40
                500,,1.25,
                1000,12.5,0.75,8.5

                1500,,0.5
                2000,20,NaN,4
                """);
        LearningCurve c = LearningCurveCsv.read(csv);
        assertEquals("edp-iql", c.name(), "named after the file");
        assertEquals(List.of("normalized score", "policy loss", "critic loss"), c.seriesNames());
        assertArrayEquals(new long[] {1000, 2000}, c.iterations("normalized score"));
        assertArrayEquals(new double[] {12.5, 20}, c.values("normalized score"));
        assertArrayEquals(new long[] {0, 500, 1000, 1500}, c.iterations("policy loss"));
        assertArrayEquals(new double[] {1.5, 1.25, 0.75, 0.5}, c.values("policy loss"));
        assertArrayEquals(new long[] {0, 1000, 2000}, c.iterations("critic loss"));
        assertArrayEquals(new double[] {40, 8.5, 4}, c.values("critic loss"));
    }

    @Test
    void quotedNamesSpacesByteOrderMarkAndFloatIterations() throws IOException {
        Path csv = write("run.csv", "\uFEFF iteration , \"loss, total\" ,\"say \"\"hi\"\"\"\r\n"
                + "1e3, 2.5 ,\r\n"
                + "2000.0,,-1\r\n");
        LearningCurve c = LearningCurveCsv.read(csv, "named");
        assertEquals("named", c.name());
        assertEquals(List.of("loss, total", "say \"hi\""), c.seriesNames());
        assertArrayEquals(new long[] {1000}, c.iterations("loss, total"));
        assertArrayEquals(new double[] {2.5}, c.values("loss, total"));
        assertArrayEquals(new long[] {2000}, c.iterations("say \"hi\""));
        assertArrayEquals(new double[] {-1}, c.values("say \"hi\""));
    }

    @Test
    void seriesWithoutValuesIsKeptEmpty() throws IOException {
        Path csv = write("run.csv", "iteration,score,loss\n0,,1\n1,,2\n");
        LearningCurve c = LearningCurveCsv.read(csv);
        assertEquals(List.of("score", "loss"), c.seriesNames());
        assertEquals(0, c.size("score"));
        assertEquals(2, c.size("loss"));
    }

    @Test
    void writtenCurveReadsBackTheSame() {
        LearningCurve c = LearningCurve.builder("run")
                .add("normalized score", 1000, 41.123456789)
                .add("policy loss", 0, 1.0e-7)
                .add("policy loss", 1000, -3.25)
                .add("critic, twin", 500, 7)
                .build();
        Path csv = dir.resolve("out/run.csv");
        LearningCurveCsv.write(c, csv);
        LearningCurve back = LearningCurveCsv.read(csv, "run");
        assertEquals(c.seriesNames(), back.seriesNames());
        for (String s : c.seriesNames()) {
            assertArrayEquals(c.iterations(s), back.iterations(s), s);
            assertArrayEquals(c.values(s), back.values(s), s);
        }
    }

    @Test
    void badContentNamesFileAndLine() throws IOException {
        assertError("run.csv", "step,loss\n0,1\n", ":1: the header must start with 'iteration'");
        assertError("run.csv", "iteration\n0\n", ":1: the header names no series");
        assertError("run.csv", "iteration,loss,loss\n", ":1: series 'loss' appears twice");
        assertError("run.csv", "iteration,loss,\n", ":1: column 3 of the header has no name");
        assertError("run.csv", "iteration,loss\n0,1\n1,abc\n", ":3: 'loss' value 'abc' is not a number");
        assertError("run.csv", "iteration,loss\n0,1,2\n", ":2: 3 cells but the header has 2");
        assertError("run.csv", "iteration,loss\n,1\n", ":2: the iteration is missing");
        assertError("run.csv", "iteration,loss\n1.5,1\n", ":2: iteration '1.5' is not a non-negative integer");
        assertError("run.csv", "iteration,loss\n-3,1\n", ":2: iteration must be >= 0");
        assertError("run.csv", "iteration,loss\n0,1\n0,2\n", ":3: learning curve 'run', series 'loss': two values");
        assertError("run.csv", "iteration,loss\n0,Infinity\n", ":2: learning curve 'run', series 'loss': value");
        assertError("run.csv", "iteration,\"loss\n", ":1: a quoted field is not closed");
        assertError("run.csv", "\n\n", ":2: empty file");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> LearningCurveCsv.read(dir.resolve("absent.csv")));
        assertTrue(e.getMessage().contains("absent.csv"), e.getMessage());
    }

    private void assertError(String name, String content, String expected) throws IOException {
        Path csv = write(name, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningCurveCsv.read(csv));
        assertTrue(e.getMessage().startsWith(csv.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
