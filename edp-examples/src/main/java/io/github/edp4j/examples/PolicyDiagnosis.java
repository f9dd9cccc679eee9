package io.github.edp4j.examples;

import io.github.edp4j.algos.ActingSettings;
import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyClass;
import io.github.edp4j.algos.PolicyRollouts;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.d4rl.tasks.EvaluationTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a trained policy's actions compare with its data, under several acting settings: the measurements behind the
 * README's diagnosis of the locomotion study (issue "Real physics"). For each setting it reports, on dataset states
 * drawn with a fixed seed, the squared error between the policy's action and the dataset's action (summed over action
 * dimensions, mean over states), the squared distance between two independent actions of the policy at the same
 * state (its sampling spread: zero for a deterministic actor; for a perfect behaviour model, twice the data's
 * conditional variance), and the D4RL-normalized score of seeded episodes.
 *
 * <p>The settings compared are the policy's own (EDP, arXiv 2305.20081: DPM-Solver and energy-based action selection,
 * Sec. 4.3), one sample without selection, arg-max selection, and the full DDPM chain with one sample, all through
 * {@link Policy#withActing(ActingSettings)}.
 *
 * <p>Usage: {@code java -cp edp4j-cli.jar io.github.edp4j.examples.PolicyDiagnosis --dataset hopper-medium-expert
 * --policy FILE [--iterations 20000] [--steps 1000] [--hidden 256,256,256] [--states 500] [--state-seed 7]
 * [--episodes 5] [--seed 1]}. When {@code FILE} does not exist, a diffusion behaviour-cloning policy (TD3+BC with the Q
 * term off) is trained with {@code --seed} on the built-in dataset first and saved there; the dataset states are
 * drawn with {@code --state-seed}.
 */
public final class PolicyDiagnosis {

    private PolicyDiagnosis() {
    }

    /**
     * One acting setting's measurements.
     *
     * @param setting the setting's name
     * @param squaredError mean over states of {@code ||a_policy - a_data||^2}
     * @param spread mean over states of {@code ||a_1 - a_2||^2} for two actions of the policy at the same state
     * @param score mean D4RL-normalized score of the episodes, or NaN when no episodes were run
     */
    record Row(String setting, double squaredError, double spread, double score) {
    }

    /**
     * Runs the diagnosis and prints a Markdown table.
     *
     * @param args the options above
     * @throws IOException if the policy cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = LocomotionStudy.options(args);
        String dataset = LocomotionStudy.require(o, "dataset");
        Path file = Path.of(LocomotionStudy.require(o, "policy"));
        int states = Integer.parseInt(o.getOrDefault("states", "500"));
        int episodes = Integer.parseInt(o.getOrDefault("episodes", "5"));
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        long stateSeed = Long.parseLong(o.getOrDefault("state-seed", "7"));
        OfflineDataset data = BuiltinTasks.dataset(dataset);
        EvaluationTarget target = EvaluationTarget.of(dataset);
        if (!Files.exists(file)) {
            int[] hidden = LocomotionStudy.list(o.getOrDefault("hidden", "256,256,256")).stream()
                    .mapToInt(Integer::parseInt).toArray();
            FitResult r = EdpTrainer.builder().algo(Algorithm.TD3).policy(PolicyClass.DIFFUSION).td3(2.0, 0.0)
                    .steps(Integer.parseInt(o.getOrDefault("steps", "1000"))).hidden(hidden)
                    .iterations(Integer.parseInt(o.getOrDefault("iterations", "20000"))).seed(seed).threads(1)
                    .build().fit(data);
            r.policy().save(file);
            r.policy().close();
        }
        try (Policy policy = Policy.load(file)) {
            print(diagnose(policy, data, target, states, episodes, stateSeed), System.out);
        }
    }

    /**
     * Measures the policy under its own acting settings and the variants above (only its own for a feed-forward
     * policy or DTQL's one-step policy, which do not act by solving the reverse diffusion).
     *
     * @param policy the policy
     * @param data its dataset (the states and actions compared with)
     * @param target the environment and score normalisation, or null to skip episodes
     * @param states number of dataset states, drawn with {@code seed}
     * @param episodes episodes per setting (0 for none), reset with seeds {@code 100 + i}
     * @param seed seed of the state draw
     * @return one row per setting
     */
    static List<Row> diagnose(Policy policy, OfflineDataset data, EvaluationTarget target, int states, int episodes,
            long seed) {
        if (states < 1) {
            throw new IllegalArgumentException("states must be >= 1, got " + states);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] obs = new float[states][];
        float[][] act = new float[states][];
        for (int i = 0; i < states; i++) {
            int row = rng.nextInt(data.size());
            obs[i] = data.observation(row);
            act[i] = data.action(row);
        }
        ActingSettings own = policy.acting();
        Map<String, ActingSettings> settings = new LinkedHashMap<>();
        boolean solvesReverseDiffusion = policy.config().policyClass() == PolicyClass.DIFFUSION
                && policy.config().algorithm() != Algorithm.DTQL;
        settings.put(solvesReverseDiffusion ? "own: " + own.describe()
                : "own: " + policy.config().algorithm() + " " + policy.config().policyClass() + " actor", own);
        if (solvesReverseDiffusion) {
            settings.put("one sample (N = 1)", own.withEas(1, own.easTemperature(), false));
            settings.put("arg-max over N = " + own.easCandidates(),
                    own.withEas(own.easCandidates(), own.easTemperature(), true));
            settings.put("DDPM chain, N = 1", own.withDdpm().withEas(1, own.easTemperature(), false));
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, ActingSettings> e : settings.entrySet()) {
            Policy view = policy.withActing(e.getValue());
            float[][] first = view.act(obs);
            float[][] second = view.act(obs);
            double score = Double.NaN;
            if (target != null && episodes > 0) {
                PolicyRollouts.Result r = PolicyRollouts.run(view, target.environments(), episodes, 100);
                score = target.normalizedScore(r.meanReturn());
            }
            rows.add(new Row(e.getKey(), meanSquaredDistance(first, act), meanSquaredDistance(first, second),
                    score));
        }
        return rows;
    }

    /** @return the mean over rows of the squared Euclidean distance between {@code a[i]} and {@code b[i]} */
    static double meanSquaredDistance(float[][] a, float[][] b) {
        double total = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double d = (double) a[i][j] - b[i][j];
                total += d * d;
            }
        }
        return total / a.length;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println("| acting setting | squared error to the dataset action | squared distance between two samples "
                + "| score |");
        out.println("|---|---|---|---|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %s |%n", r.setting(), r.squaredError(), r.spread(),
                    Double.isNaN(r.score()) ? "not run" : String.format(Locale.ROOT, "%.1f", r.score()));
        }
    }
}
