package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.D4rl;
import io.github.edp4j.d4rl.D4rlDataset;
import io.github.edp4j.d4rl.D4rlScores;
import io.github.edp4j.d4rl.mujoco.MuJoCo;
import io.github.edp4j.examples.DatasetsDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code edp4j collect} end to end, and D4RL-scored training and evaluation on MuJoCo: with MuJoCo (required when
 * {@code CI=true}) a D4RL-named hopper file is evaluated during training and {@code evaluate --env} scores the
 * policy; without it training says so and reports losses only.
 */
class CollectAndMuJoCoScoringTest {

    @RegisterExtension
    final DatasetsDirectory datasets = new DatasetsDirectory();

    @TempDir
    Path dir;

    @Test
    void collectWritesAReproducibleFileThatInfoReads() throws IOException {
        Path a = dir.resolve("pendulum-noisy.hdf5");
        Path b = dir.resolve("again.hdf5");
        CliRun r = CliRun.of("collect", "--env", "pendulum", "--policy", "random", "--steps", "450", "--noise", "0.2",
                "--seed", "3", "--out", a.toString());
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.err(), r::toString);
        assertTrue(r.out().startsWith("collecting pendulum-noisy: 450 steps of uniform random with Gaussian action"
                + " noise 0.2 on pendulum, seed 3"), r.out());
        assertTrue(r.out().contains(" 100%  450 steps  2 episodes"), "progress lines: " + r.out());
        Map<String, String> f = r.fields();
        assertTrue(f.get("wrote").endsWith("(450 transitions, 2 finished episodes)"), f.get("wrote"));
        assertTrue(f.get("normalized score").contains("random policy and scripted expert of pendulum"),
                f.get("normalized score"));
        CliRun again = CliRun.of("collect", "--env", "pendulum-medium", "--policy", "random", "--steps", "450",
                "--noise", "0.2", "--seed", "3", "--out", b.toString(), "--name", "pendulum-noisy");
        assertEquals(0, again.exitCode(), again::toString);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same options, same bytes");

        CliRun info = CliRun.of("info", "--dataset", a.toString());
        assertEquals(0, info.exitCode(), info::toString);
        assertTrue(info.out().contains("450"), info.out());
        D4rlDataset d = D4rl.load(a);
        assertEquals("uniform random with Gaussian action noise 0.2", d.extras().get("metadata/behaviour").read());

        CliRun exists = CliRun.of("collect", "--env", "pendulum", "--policy", "random", "--out", a.toString());
        assertEquals(1, exists.exitCode(), exists::toString);
        assertTrue(exists.err().contains("already exists; pass --force"), exists.err());
        CliRun noExpert = CliRun.of("collect", "--env", "pendulum", "--policy", "expert", "--out",
                dir.resolve("x.hdf5").toString());
        assertEquals(2, noExpert.exitCode(), noExpert::toString);
        assertTrue(noExpert.err().contains("no built-in expert for pendulum"), noExpert.err());
        CliRun badPolicy = CliRun.of("collect", "--env", "pendulum", "--policy", "nothing.edp4j", "--out",
                dir.resolve("x.hdf5").toString());
        assertEquals(2, badPolicy.exitCode(), badPolicy::toString);
        assertTrue(badPolicy.err().contains("'nothing.edp4j' is neither random"), badPolicy.err());
        CliRun badEnv = CliRun.of("collect", "--env", "antmaze-umaze-v0", "--policy", "random", "--out",
                dir.resolve("x.hdf5").toString());
        assertEquals(2, badEnv.exitCode(), badEnv::toString);
        assertTrue(badEnv.err().contains("unknown environment 'antmaze-umaze-v0'"), badEnv.err());
        assertFalse(Files.exists(dir.resolve("x.hdf5")));
    }

    @Test
    @Timeout(600)
    void hopperFileIsScoredOnMuJoCoWhenPresent() throws IOException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!MuJoCo.isAvailable() && ci) {
            fail("CI=true, so MuJoCo is required: " + MuJoCo.unavailableReason());
        }
        Path file = dir.resolve("hopper-medium-v2.hdf5");
        if (!MuJoCo.isAvailable()) {
            // no MuJoCo: a D4RL-named hopper file would train on losses only, and the run says why
            io.github.edp4j.d4rl.D4rlWriter.write(TestDatasets.threeEpisodes("hopper-medium-v2"), file);
            EvaluationSelection none = EvaluationSelection.of(SelectedDataset.file(file, null));
            assertFalse(none.available());
            assertTrue(none.describe(20, 2).startsWith("none: hopper-medium-v2 is evaluated on MuJoCo's hopper, and"
                    + " MuJoCo is not available: "), none.describe(20, 2));
            Assumptions.abort("MuJoCo is not available here: " + MuJoCo.unavailableReason());
        }
        CliRun c = CliRun.of("collect", "--env", "hopper", "--policy", "medium,expert", "--steps", "3000", "--seed",
                "1", "--out", file.toString());
        assertEquals(0, c.exitCode(), c::toString);
        assertTrue(c.fields().get("wrote").contains("with infos/qpos and infos/qvel"), c.out());
        assertTrue(c.out().contains("mixture per episode of deterministic expert hopper with Gaussian action noise"
                + " 0.25 (weight 1.0), stochastic expert hopper (weight 1.0)"), c.out());
        double collectedScore = TrainCommandTest.number(c.fields().get("normalized score"));
        assertTrue(collectedScore > 20 && collectedScore < 110, c.out());

        Path run = dir.resolve("run");
        CliRun t = TrainCommandTest.train(run, "--dataset", file.toString());
        assertEquals(0, t.exitCode(), t::toString);
        Map<String, String> f = t.fields();
        assertEquals("every 20 iterations, 2 episodes on MuJoCo task hopper (normalized with D4RL hopper)",
                f.get("evaluation"), t.out());
        assertTrue(f.containsKey("RAT") && f.containsKey("OMS"), t.out());
        assertTrue(f.get("evaluations").contains("100 = D4RL's expert"), f.get("evaluations"));

        Path policy = run.resolve(TrainCommand.POLICY_FILE);
        CliRun e = CliRun.of("evaluate", "--policy", policy.toString(), "--env", "hopper-medium-v2", "--episodes",
                "2", "--seed", "4");
        assertEquals(0, e.exitCode(), e::toString);
        Map<String, String> ef = e.fields();
        assertTrue(ef.get("task").startsWith("hopper (observation dim 11, action dim 3, at most 1000 steps)"),
                e.out());
        double mean = Double.parseDouble(ef.get("return").split("\\s+")[1]);
        assertEquals(D4rlScores.normalized("hopper", mean), TrainCommandTest.number(ef.get("normalized score")),
                0.2, e.out());
        assertTrue(ef.get("normalized score").contains("(D4RL's expert) scores 100"), e.out());
        CliRun same = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "hopper", "--episodes", "2",
                "--seed", "4");
        assertEquals(e.out(), same.out(), "a dataset's name and its environment's name mean the same");

        // the trained policy as the behaviour
        Path own = dir.resolve("hopper-own.hdf5");
        CliRun p = CliRun.of("collect", "--env", "hopper", "--policy", policy.toString(), "--steps", "300",
                "--noise", "0.1", "--out", own.toString());
        assertEquals(0, p.exitCode(), p::toString);
        assertTrue(((String) D4rl.load(own).extras().get("metadata/behaviour").read()).startsWith("policy "
                + policy.toAbsolutePath().normalize() + " (trained on hopper-medium-v2) with Gaussian action noise"),
                p.out());
    }

    @Test
    @Timeout(300)
    void builtinLocomotionDatasetTrainsWithEvaluationOnItsEnvironment() {
        if (!MuJoCo.isAvailable()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so MuJoCo is required: " + MuJoCo.unavailableReason());
            }
            CliRun r = CliRun.of("info", "--task", "walker2d-medium");
            assertEquals(1, r.exitCode(), r::toString);
            assertTrue(r.err().contains("walker2d-medium is collected on MuJoCo, which is not available"), r.err());
            Assumptions.abort("MuJoCo is not available here: " + MuJoCo.unavailableReason());
        }
        datasets.use(dir.resolve("cache"));
        String previousSteps = System.getProperty("edp4j.datasets.locomotion.steps");
        try {
            System.setProperty("edp4j.datasets.locomotion.steps", "2000");
            CliRun t = TrainCommandTest.train(dir.resolve("walker-run"), "--task", "walker2d-medium");
            assertEquals(0, t.exitCode(), t::toString);
            Map<String, String> f = t.fields();
            assertTrue(f.get("dataset").startsWith("2000 transitions, observation dim 17, action dim 6"),
                    f.get("dataset"));
            assertEquals("every 20 iterations, 2 episodes on MuJoCo task walker2d (normalized with D4RL walker2d)",
                    f.get("evaluation"));
            assertTrue(f.containsKey("RAT") && f.containsKey("OMS"), t.out());
        } finally {
            if (previousSteps == null) {
                System.clearProperty("edp4j.datasets.locomotion.steps");
            } else {
                System.setProperty("edp4j.datasets.locomotion.steps", previousSteps);
            }
        }
    }
}
