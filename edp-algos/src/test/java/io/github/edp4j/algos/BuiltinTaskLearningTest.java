package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.core.schedule.ScheduleKind;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning checks on the built-in tasks, with networks of 3 x 64 and a few thousand iterations so
 * that the module stays within its time budget. Every score printed is a normalized score, RAT (mean of the last
 * 10 evaluations) and OMS (best) labelled.
 */
class BuiltinTaskLearningTest {

    @TempDir
    static Path cache;

    static OfflineDataset dataset(String name) {
        return dataset(cache, name);
    }

    static OfflineDataset dataset(Path dir, String name) {
        return BuiltinTasks.dataset(name, dir);
    }

    static EdpTrainer.Builder base(String task, Algorithm algo, PolicyClass pc, int iterations, int every, int episodes) {
        return EdpTrainer.builder().algo(algo).policy(pc).steps(100).hidden(64, 64, 64).actorLearningRate(1e-3)
                .iterations(iterations).logEvery(500).seed(1).progress(false)
                .evaluation(() -> BuiltinTasks.environment(task), episodes, every,
                        ret -> BuiltinTasks.normalizedScore(task, ret));
    }

    static FitResult fit(EdpTrainer.Builder b, OfflineDataset ds) {
        FitResult r = b.build().fit(ds);
        r.policy().close();
        System.out.println("LEARNING " + ds.name() + " " + r.summary());
        return r;
    }

    /**
     * EDP-IQL keeps one rewarded mode of the bandit while the Gaussian IQL averages them; DTQL (arXiv 2405.19690)
     * with the same evaluation settings (EAS picking the best of 50 candidates, here one-step samples scored by the
     * target critic) must come within 5 points of the EDP-IQL run measured here, in fewer iterations (500 of
     * pre-training, then 2,500 joint): the one-step policy settles on one of the rewarded modes, which the trust
     * region keeps it inside.
     */
    @Test
    void banditEdpIqlKeepsAGoodModeDtqlMatchesItAndGaussianAverages() {
        OfflineDataset ds = dataset("bandit-mixed");
        FitResult edp = fit(base("bandit", Algorithm.IQL, PolicyClass.DIFFUSION, 8000, 400, 100).eas(50, 1.0)
                .easArgmax(true).sampler(15, 3, TimeGrid.LOGSNR), ds);
        FitResult gaussian = fit(base("bandit", Algorithm.IQL, PolicyClass.GAUSSIAN, 3000, 300, 100), ds);
        FitResult dtql = fit(base("bandit", Algorithm.DTQL, PolicyClass.DIFFUSION, 3000, 200, 100).dtql(1.0, 0, 500)
                .eas(50, 1.0).easArgmax(true), ds);
        assertTrue(edp.rat() >= 80, edp.summary());
        assertTrue(gaussian.rat() < 50 && gaussian.oms() < 50, gaussian.summary());
        assertTrue(dtql.rat() >= edp.rat() - 5, dtql.summary() + " vs EDP-IQL " + edp.summary());
    }

    /**
     * EDP-TD3 on pendulum-medium (dataset score 39.1) with the critic learning at 1e-3 like the actor: seeds 1-4
     * score RAT 70.6 / 70.5 / 71.3 / 71.7, every evaluation from iteration 3,000 on above 100. With the default
     * critic rate of 3e-4 the evaluations peaked at 3,000 and declined (seeds 1-3: RAT 54.4 / 39.2 / 46.1), as EAS
     * ranked candidates with a critic that lagged behind the policy.
     */
    @Test
    void pendulumTd3BeatsTheDatasetsOwnScoreByTenPoints() {
        OfflineDataset ds = dataset("pendulum-medium");
        double datasetScore = BuiltinTasks.normalizedScore("pendulum", ds.meanEpisodeReturn());
        FitResult edp = fit(base("pendulum", Algorithm.TD3, PolicyClass.DIFFUSION, 6000, 1000, 10)
                .criticLearningRate(1e-3), ds);
        System.out.printf("LEARNING pendulum-medium dataset score %.1f%n", datasetScore);
        assertTrue(edp.rat() >= datasetScore + 10, edp.summary() + " vs dataset " + datasetScore);
    }

    /**
     * The fork check: EDP-IQL keeps one of the two ways past the pit, the Gaussian IQL with everything else
     * equal averages them. The two ways part at the very first step (the mass enters the room at speed, heading for
     * the pit), so the experts' actions there are split between -1 and +1; EDP samples either side and keeps it,
     * while the Gaussian brakes in front of the pit and runs out of the fork's 37 steps or falls in.
     *
     * <p>EDP uses the VP noise schedule: with the official linear schedule the same run scores RAT 28.0 (README,
     * "Status and measured results"). Both policies train with learning rate 2e-3 for 8,000 iterations. Measured:
     * EDP-IQL RAT 97.0 / 86.5 / 96.0 on seeds 1 / 2 / 3, the Gaussian 0.0 / 0.0 / 0.0. Trained twice as long, the
     * Gaussian (seed 2) learns to commit at once to one side and scores 100 from iteration 12,800 on: it is slower
     * to break the tie between the ways, not unable to.
     */
    @Test
    void forkMultimodalEdpIqlKeepsAWayWhileGaussianAverages() {
        OfflineDataset ds = dataset("pointmaze-fork-multimodal");
        double dataScore = BuiltinTasks.normalizedScore("pointmaze-fork", ds.meanEpisodeReturn());
        FitResult edp = fit(base("pointmaze-fork", Algorithm.IQL, PolicyClass.DIFFUSION, 8000, 400, 20)
                .schedule(ScheduleKind.VP).actorLearningRate(2e-3), ds);
        FitResult gaussian = fit(base("pointmaze-fork", Algorithm.IQL, PolicyClass.GAUSSIAN, 8000, 400, 20)
                .actorLearningRate(2e-3), ds);
        System.out.printf("LEARNING pointmaze-fork-multimodal dataset score %.1f%n", dataScore);
        assertTrue(dataScore >= 95, "the experts' own score " + dataScore);
        assertTrue(edp.rat() >= 80, edp.summary());
        assertTrue(gaussian.rat() <= edp.rat() - 20, gaussian.summary() + " vs " + edp.summary());
    }
}
