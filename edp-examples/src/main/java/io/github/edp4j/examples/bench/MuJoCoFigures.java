package io.github.edp4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.algos.nets.NetworkShape;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.env.StepResult;
import io.github.edp4j.core.nn.Activation;
import io.github.edp4j.core.policy.DiffusionPolicy;
import io.github.edp4j.core.policy.DiffusionPolicyConfig;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DpmSolver3;
import io.github.edp4j.core.sampling.EnergyBasedActionSelection;
import io.github.edp4j.core.sampling.TimeGrid;
import io.github.edp4j.d4rl.experts.ExpertActor;
import io.github.edp4j.d4rl.mujoco.Locomotion;
import io.github.edp4j.d4rl.mujoco.LocomotionEnvironment;
import io.github.edp4j.d4rl.mujoco.LocomotionTask;
import io.github.edp4j.d4rl.tasks.BehaviourPolicy;
import io.github.edp4j.d4rl.tasks.Behaviours;
import io.github.edp4j.d4rl.tasks.CollectedDataset;
import io.github.edp4j.d4rl.tasks.CollectionConfig;
import io.github.edp4j.d4rl.tasks.CollectionListener;
import io.github.edp4j.d4rl.tasks.DatasetCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The MuJoCo part of the {@link BenchmarkSuite} (issue 19's speed figures), measured on the libmujoco that
 * {@link io.github.edp4j.d4rl.mujoco.MuJoCo#get()} loads:
 *
 * <ul>
 *   <li>{@code env.<task>_steps}: environment steps per second of hopper, walker2d and halfcheetah under uniform
 *       random actions, resetting when an episode ends (the resets are inside the timed rounds);</li>
 *   <li>{@code eval.halfcheetah_episode}: the wall time of one halfcheetah evaluation episode (1,000 steps in the full
 *       configuration; halfcheetah never terminates early) acting with the suite's EDP policy, one state per step:
 *       DPM-Solver-3 ({@code solverCalls} network calls) with energy-based action selection over
 *       {@code easCandidates} candidates (EDP, arXiv 2305.20081, Sec. 4.3), randomly initialised networks of the
 *       suite's size; {@code eval.halfcheetah_physics} is the time spent in {@code env.step} inside that episode and
 *       {@code eval.halfcheetah_physics_share} their ratio, per episode;</li>
 *   <li>{@code collect.halfcheetah_expert}: transitions per second of {@link DatasetCollector} with the built-in
 *       halfcheetah expert's stochastic policy (the behaviour of {@code -expert} datasets; writing the file is not
 *       included), from which the suite derives the minutes for 1,000,000 steps.</li>
 * </ul>
 */
final class MuJoCoFigures {

    /** The figures measured here, in order. */
    static final List<String> FIGURES = List.of("env.hopper_steps", "env.walker2d_steps", "env.halfcheetah_steps",
            "eval.halfcheetah_episode", "eval.halfcheetah_physics", "eval.halfcheetah_physics_share",
            "collect.halfcheetah_expert");

    /** The derived quantity: minutes to collect 1,000,000 expert steps at the measured median rate. */
    static final String COLLECT_MILLION = "collect.halfcheetah_expert_1m_steps_minutes";

    private final BenchSettings s;
    private final Consumer<Figure> sink;

    /**
     * @param settings what to measure
     * @param sink receives every figure as soon as it is measured
     */
    MuJoCoFigures(BenchSettings settings, Consumer<Figure> sink) {
        this.s = settings;
        this.sink = sink;
    }

    /**
     * @param reason why MuJoCo is not available
     * @return every figure and derived key of this part, each mapped to the reason
     */
    static Map<String, String> unavailable(String reason) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : FIGURES) {
            out.put(key, reason);
        }
        out.put(COLLECT_MILLION, reason);
        return out;
    }

    /**
     * @param collectionRate median transitions per second of the expert collection
     * @return minutes for 1,000,000 transitions at that rate
     */
    static double minutesForMillion(double collectionRate) {
        return 1e6 / collectionRate / 60.0;
    }

    /** Measures every figure, in the order of {@link #FIGURES}. */
    void measure() {
        for (LocomotionTask task : LocomotionTask.values()) {
            sink.accept(new Figure("env." + task.envName() + "_steps", "MuJoCo " + task.envName()
                    + " steps (random actions, resets)", "steps/s", stepsPerSecond(task)));
        }
        episode();
        sink.accept(new Figure("collect.halfcheetah_expert", "halfcheetah expert collection, "
                + rows(s.collectSteps()) + " steps", "steps/s", collection()));
    }

    private double[] stepsPerSecond(LocomotionTask task) {
        int steps = s.envStepsPerRound();
        double[] rates = new double[s.envRounds()];
        try (LocomotionEnvironment env = Locomotion.environment(task)) {
            SplittableRandom rng = new SplittableRandom(s.seed());
            long episode = randomSteps(env, rng, Math.max(1, steps / 5), s.seed()); // warm-up
            for (int r = 0; r < rates.length; r++) {
                long start = System.nanoTime();
                episode = randomSteps(env, rng, steps, episode);
                rates[r] = steps / ((System.nanoTime() - start) / 1e9);
            }
        }
        return rates;
    }

    /** Steps with uniform random actions, resetting after every end; returns the next episode's seed. */
    private static long randomSteps(LocomotionEnvironment env, SplittableRandom rng, int steps, long firstEpisode) {
        long episode = firstEpisode;
        float[] action = new float[env.actionDim()];
        env.reset(episode++);
        for (int i = 0; i < steps; i++) {
            for (int k = 0; k < action.length; k++) {
                action[k] = (float) rng.nextDouble(-1.0, 1.0);
            }
            if (env.step(action).done()) {
                env.reset(episode++);
            }
        }
        return episode;
    }

    private void episode() {
        LocomotionTask task = LocomotionTask.HALFCHEETAH;
        ActionBounds bounds = ActionBounds.symmetric(task.actionDim(), 1f);
        DiffusionPolicyConfig cfg = BenchmarkSuite.policyConfig(s, task.observationDim(), bounds);
        int rounds = s.episodeRounds();
        double[] total = new double[rounds];
        double[] physics = new double[rounds];
        double[] share = new double[rounds];
        try (NDManager root = TorchRuntime.newManager(); DiffusionPolicy policy = new DiffusionPolicy(cfg, root, false);
                TwinCritic critic = new TwinCritic(new NetworkShape(task.observationDim(), bounds, s.hidden(),
                        Activation.MISH, s.seed()), root, false);
                LocomotionEnvironment env = Locomotion.environment(task)) {
            ActionSampler dpm = new DpmSolver3(cfg.schedule(), bounds, s.solverCalls(), TimeGrid.TIME_UNIFORM);
            EnergyBasedActionSelection eas = new EnergyBasedActionSelection(s.easCandidates(), 1.0,
                    EnergyBasedActionSelection.Mode.SOFTMAX);
            TorchRuntime.withSeed(s.seed(), () -> {
                for (int r = -1; r < rounds; r++) { // round -1 is the warm-up episode
                    long start = System.nanoTime();
                    long inStep = 0;
                    float[] obs = env.reset(s.seed() + r + 1);
                    int steps = 0;
                    while (steps < s.episodeSteps()) {
                        float[] action;
                        try (NDManager m = root.newSubManager()) {
                            NDArray x = m.create(obs, new Shape(1, obs.length));
                            action = eas.select(x, st -> policy.sample(st, dpm), critic::min).toFloatArray();
                        }
                        long before = System.nanoTime();
                        StepResult result = env.step(action);
                        inStep += System.nanoTime() - before;
                        steps++;
                        if (result.done()) {
                            break;
                        }
                        obs = result.observation();
                    }
                    long elapsed = System.nanoTime() - start;
                    if (steps != s.episodeSteps()) {
                        throw new IllegalStateException("the halfcheetah evaluation episode ended after " + steps
                                + " steps, expected " + s.episodeSteps());
                    }
                    if (r >= 0) {
                        total[r] = elapsed / 1e9;
                        physics[r] = inStep / 1e9;
                        share[r] = (double) inStep / elapsed;
                    }
                }
                return null;
            });
        }
        String label = "halfcheetah episode, " + rows(s.episodeSteps()) + " steps, EDP + EAS";
        sink.accept(new Figure("eval.halfcheetah_episode", label, "s", total));
        sink.accept(new Figure("eval.halfcheetah_physics", "physics (env.step) in that episode", "s", physics));
        sink.accept(new Figure("eval.halfcheetah_physics_share", "physics share of that episode", "fraction",
                share));
    }

    private double[] collection() {
        BehaviourPolicy expert = Behaviours.expert(ExpertActor.builtin("halfcheetah"), true, 0.0);
        double[] rates = new double[s.collectRounds()];
        try (LocomotionEnvironment env = Locomotion.environment(LocomotionTask.HALFCHEETAH)) {
            for (int r = -1; r < rates.length; r++) { // round -1 is the warm-up, a tenth of the size
                int steps = r < 0 ? Math.max(1, s.collectSteps() / 10) : s.collectSteps();
                CollectionConfig config = new CollectionConfig("bench-halfcheetah-expert", steps, s.seed() + 1000L * r);
                long start = System.nanoTime();
                CollectedDataset data = DatasetCollector.collect(env, expert, config, CollectionListener.none());
                double seconds = (System.nanoTime() - start) / 1e9;
                if (data.dataset().size() != steps) {
                    throw new IllegalStateException("the expert collection returned " + data.dataset().size()
                            + " transitions, expected " + steps);
                }
                if (r >= 0) {
                    rates[r] = steps / seconds;
                }
            }
        }
        return rates;
    }

    private static String rows(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
