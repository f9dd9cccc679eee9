package io.github.edp4j.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.algos.TrainerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep specs: the file and builder forms agree, the grid expands, and every bad value is refused up front. */
class SweepSpecTest {

    private static final String YAML = """
            name: tiny
            datasets: [bandit-mixed, pendulum-medium]
            algorithms: [iql, td3]
            policies: [diffusion, gaussian]
            seeds: [1, 2]
            grid:
              hidden: [16, 16]
              steps: 10
              iterations: 40
              actorLearningRate: [0.001, 0.0003]
              td3: [[2.5, 1.0]]
            evaluation: {episodes: 2, every: 20}
            """;

    private static final String JSON = """
            {"name": "tiny", "datasets": ["bandit-mixed", "pendulum-medium"], "algorithms": ["iql", "td3"],
             "policies": ["diffusion", "gaussian"], "seeds": [1, 2],
             "grid": {"hidden": [16, 16], "steps": 10, "iterations": 40, "actorLearningRate": [0.001, 0.0003],
                      "td3": [[2.5, 1.0]]},
             "evaluation": {"episodes": 2, "every": 20}}
            """;

    private static SweepSpec built() {
        return SweepSpec.builder().name("tiny").datasets("bandit-mixed", "pendulum-medium")
                .algorithms(Algorithm.IQL, Algorithm.TD3).policies(PolicyClass.DIFFUSION, PolicyClass.GAUSSIAN)
                .seeds(1, 2).grid("hidden", List.of(16, 16)).grid("steps", 10).grid("iterations", 40)
                .grid("actorLearningRate", 0.001, 0.0003).grid("td3", List.of(2.5, 1.0)).evaluation(2, 20).build();
    }

    @Test
    void yamlJsonAndBuilderGiveTheSameRuns() {
        List<SweepRun> yaml = SweepSpec.parse(YAML).runs();
        assertEquals(yaml, SweepSpec.parse(JSON).runs());
        assertEquals(yaml, built().runs());
        // 2 datasets x 2 algorithms x 2 policy classes x 2 learning rates x 2 seeds
        assertEquals(32, yaml.size());
        Set<String> ids = new HashSet<>();
        yaml.forEach(r -> assertTrue(ids.add(r.id()), "duplicate run id " + r.id()));
        SweepRun first = yaml.get(0);
        assertEquals("bandit-mixed__edp-iql__actorLearningRate=0.001__seed1", first.id());
        assertEquals("EDP-IQL actorLearningRate=0.001", first.method());
        // seed by seed: the first half of the runs are seed 1
        assertTrue(yaml.subList(0, 16).stream().allMatch(r -> r.seed() == 1));
    }

    @Test
    void gridSettingsReachTheTrainer() {
        SweepRun run = built().runs().get(1);
        TrainerConfig c = run.trainer().build().config();
        assertEquals(Algorithm.IQL, c.algorithm());
        assertEquals(40, c.iterations());
        assertEquals(10, c.steps());
        assertEquals(List.of(16, 16), java.util.Arrays.stream(c.hidden()).boxed().toList());
        assertEquals(0.0003, c.actorLearningRate());
        assertEquals(2.5, c.td3Alpha());
        assertEquals(1.0, c.td3Eta());
        assertEquals(1, c.threads());
        assertEquals(1L, c.seed());
    }

    @Test
    void listAlternativesOfAListSetting() {
        SweepSpec s = SweepSpec.parse("datasets: [bandit-mixed]\nalgorithms: [iql]\nseeds: [0]\n"
                + "grid: {hidden: [[8], [16, 16]], iterations: 5}\n");
        assertEquals(List.of(List.of(8), List.of(16, 16)), s.grid().get("hidden"));
        assertEquals(List.of("hidden=[8]", "hidden=[16,16]"), s.runs().stream().map(SweepRun::varied).toList());
    }

    @Test
    void aDatasetCanHaveSettingsAndAnEvaluationOfItsOwn() {
        SweepSpec s = SweepSpec.parse("""
                datasets:
                  - bandit-mixed
                  - name: pointmaze-fork-multimodal
                    grid: {schedule: vp, actorLearningRate: 0.002}
                    evaluation: {episodes: 20}
                algorithms: [iql]
                seeds: [1]
                grid: {iterations: 100, actorLearningRate: 0.001}
                evaluation: {episodes: 100, every: 50}
                """);
        SweepRun bandit = s.runs().get(0);
        SweepRun fork = s.runs().get(1);
        assertEquals(0.001, bandit.trainer().build().config().actorLearningRate());
        assertEquals(0.002, fork.trainer().build().config().actorLearningRate());
        assertEquals(io.github.edp4j.core.schedule.ScheduleKind.VP, fork.trainer().build().config().schedule());
        assertEquals(List.of(100, 50), List.of(bandit.evalEpisodes(), bandit.evalEvery()));
        assertEquals(List.of(20, 50), List.of(fork.evalEpisodes(), fork.evalEvery()));
        assertEquals("", fork.varied());
        assertMessage("datasets: [{name: bandit-mixed, grid: {steps: [5, 10]}}]\nalgorithms: [iql]\nseeds: [0]\n",
                "datasets[0].grid.steps = [5, 10] is invalid", "one value each");
        assertMessage("datasets: [{name: bandit-mixed, seeds: [3]}]\nalgorithms: [iql]\nseeds: [0]\n",
                "datasets[0].seeds is not a key of a dataset", "name, grid, evaluation");
        assertMessage("datasets: [{name: bandit-mixed, grid: {steps: 5}}]\nalgorithms: [iql]\nseeds: [0]\n"
                + "grid: {steps: [5, 10]}\n", "datasets[0].grid.steps is invalid", "varies steps already");
    }

    @Test
    void unknownKeysAndNamesAreRefusedNamingTheAllowedOnes() {
        String base = "datasets: [bandit-mixed]\nalgorithms: [iql]\nseeds: [0]\n";
        assertMessage(base + "seed: 3\n", "'seed' is not a key of a sweep spec", "seeds");
        assertMessage("datasets: [bandit-mixed]\nalgorithms: [iqll]\nseeds: [0]\n", "algorithms[0] = 'iqll'",
                "td3, crr, iql, dql, dtql");
        assertMessage(base + "policies: [gauss]\n", "policies[0] = 'gauss'", "diffusion, gaussian");
        assertMessage(base + "grid: {lerningRate: 1}\n", "grid: 'lerningRate' is not a trainer setting",
                "actorLearningRate");
        assertMessage(base + "grid: {iterations: 2.5}\n", "grid.iterations = 2.5 is invalid", "an integer");
        assertMessage(base + "grid: {schedule: sigmoid}\n", "grid.schedule = 'sigmoid' is invalid", "linear, cosine, vp");
        assertMessage(base + "grid: {td3: [2.5]}\n", "grid.td3 = [2.5] is invalid", "takes 2 values");
        assertMessage(base + "evaluation: {episode: 3}\n", "evaluation.episode is not a key", "episodes, every");
        assertMessage("datasets: [bandit-mixed]\nalgorithms: [iql]\nseeds: [1, 1]\n", "seeds[1] = 1 is invalid",
                "already in seeds");
        assertMessage(base + "seeds: [1]\n", "not a valid YAML or JSON sweep spec", "duplicate key seeds");
        assertMessage("datasets: [no-such-data]\nalgorithms: [iql]\nseeds: [0]\n", "datasets[0] = 'no-such-data'",
                "bandit-mixed");
        assertMessage("algorithms: [iql]\nseeds: [0]\n", "datasets is empty", "bandit-mixed");
        assertMessage("[1, 2]\n", "a sweep spec is a mapping", "grid");
        assertMessage(base + "grid: {iterations: 5\n", "not a valid YAML or JSON sweep spec", "");
    }

    @Test
    void rangesAreCheckedByTheTrainerBeforeAnythingRuns() {
        String base = "datasets: [bandit-mixed]\nalgorithms: [iql]\nseeds: [0]\n";
        assertMessage(base + "grid: {actorLearningRate: [0.001, -1]}\n", "grid actorLearningRate=-1.0",
                "actorLearningRate = -1.0 is invalid");
        assertMessage(base + "evaluation: {episodes: 0, every: 10}\n", "evaluation.episodes = 0", "");
        assertMessage(base + "threadsPerRun: 100000\n", "threadsPerRun = 100000 is invalid", "cores");
    }

    @Test
    void aFileIsNamedInItsErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "datasets: [bandit-mixed]\nalgorithms: [sac]\nseeds: [0]\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(file));
        assertTrue(e.getMessage().startsWith(file + ": algorithms[0] = 'sac'"), e.getMessage());
    }

    @Test
    void aDatasetFileMustExistAndIsShownByItsName(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("mine.hdf5");
        assertMessage("datasets: ['" + data + "']\nalgorithms: [iql]\nseeds: [0]\n", "neither a built-in dataset",
                "nor an existing file");
        Files.writeString(data, "not hdf5");
        SweepRun r = SweepSpec.parse("datasets: ['" + data + "']\nalgorithms: [iql]\nseeds: [0]\n").runs().get(0);
        assertEquals("mine.hdf5", r.datasetLabel());
        assertEquals(data.toString(), r.dataset());
    }

    private static void assertMessage(String yaml, String start, String contains) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.parse(yaml));
        assertTrue(e.getMessage().contains(start), e.getMessage());
        assertTrue(e.getMessage().contains(contains), e.getMessage());
    }
}
