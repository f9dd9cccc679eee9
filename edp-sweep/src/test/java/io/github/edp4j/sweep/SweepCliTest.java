package io.github.edp4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's checks, which run before any Spark session starts. */
class SweepCliTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SweepCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void anInvalidSpecIsAUsageErrorNamingFileAndKey(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "datasets: [bandit-mixed]\nalgorithms: [iql]\nseeds: [1]\ngrid: {iterations: -5}\n");
        Run r = run("sweep", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(spec + ": the run EDP-IQL"), r.err());
        assertTrue(r.err().contains("iterations = -5 is invalid"), r.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing is written for an invalid spec");
    }

    @Test
    void dryRunListsTheRunsAndTheirState(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"name\": \"dry\", \"datasets\": [\"bandit-mixed\"], \"algorithms\": [\"td3\"],"
                + " \"policies\": [\"diffusion\", \"gaussian\"], \"seeds\": [3], \"grid\": {\"iterations\": 10}}");
        Path out = dir.resolve("out");
        Path done = RunDirectory.of(out, "bandit-mixed__edp-td3__seed3");
        Files.createDirectories(done);
        Files.writeString(done.resolve(RunDirectory.COMPLETED), "{}\n");
        Run r = run(spec.toString(), "--out", out.toString(), "--dry-run");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("sweep dry: 2 runs"), r.out());
        assertTrue(r.out().contains("completed bandit-mixed__edp-td3__seed3"), r.out());
        assertTrue(r.out().contains("pending   bandit-mixed__deterministic-td3__seed3"), r.out());
    }

    @Test
    void reportNeedsASweepOutput(@TempDir Path dir) {
        Run r = run("--report", dir.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("holds no runs/ directory"), r.err());
    }
}
