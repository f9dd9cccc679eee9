package io.github.edp4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.Evaluation;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.experts.ExpertActor;
import io.github.edp4j.d4rl.mujoco.Locomotion;
import io.github.edp4j.d4rl.mujoco.LocomotionEnvironment;
import io.github.edp4j.d4rl.mujoco.MuJoCo;
import io.github.edp4j.d4rl.tasks.Behaviours;
import io.github.edp4j.d4rl.tasks.CollectionConfig;
import io.github.edp4j.d4rl.tasks.CollectionListener;
import io.github.edp4j.d4rl.tasks.DatasetCollector;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default suite's short version of the real-physics learning study (README, "Learning on real physics"): data
 * from the built-in halfcheetah expert's stochastic policy, collected on MuJoCo, and plain behaviour cloning (the
 * deterministic actor with the Q term off) trained on it and scored on MuJoCo with D4RL's normalized score. Its last
 * evaluation must reach at least 80% of the data's own score. Required on CI ({@code CI=true}); skipped with the
 * reason where libmujoco is missing.
 */
class LocomotionBehaviourCloningTest {

    @Test
    @Timeout(600)
    void behaviourCloningOnExpertHalfcheetahDataReachesFourFifthsOfTheExpertsScore() {
        if (!MuJoCo.isAvailable()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so MuJoCo is required: " + MuJoCo.unavailableReason());
            }
            Assumptions.abort("MuJoCo is not available here: " + MuJoCo.unavailableReason());
        }
        EvaluationTarget target = EvaluationTarget.of("halfcheetah-expert-v2");
        OfflineDataset data;
        try (LocomotionEnvironment env = Locomotion.environment("halfcheetah")) {
            data = DatasetCollector.collect(env, Behaviours.expert(ExpertActor.builtin("halfcheetah"), true, 0.0),
                    new CollectionConfig("halfcheetah-expert", 20_000, 3), CollectionListener.none()).dataset();
        }
        double dataScore = target.normalizedScore(data.meanEpisodeReturn());
        FitResult r = EdpTrainer.builder().algo(Algorithm.TD3).policy(PolicyClass.GAUSSIAN).td3(2.0, 0.0)
                .hidden(256, 256).iterations(10_000).seed(1).threads(1).progress(false)
                .evaluation(target.environments(), 2, 2500, target.normalizer()).build().fit(data);
        r.policy().close();
        List<Evaluation> evals = r.evaluations();
        double last = evals.get(evals.size() - 1).normalizedScore();
        System.out.printf("LEARNING halfcheetah-expert (20,000 steps, data score %.1f) BC: last %.1f, %s%n", dataScore,
                last, r.summary());
        assertTrue(dataScore >= 70, "the expert data's own score " + dataScore);
        assertTrue(last >= 0.8 * dataScore, "BC's last evaluation " + last + " against the data's " + dataScore);
    }
}
