package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.d4rl.experts.ExpertActor;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The usual {@link BehaviourPolicy behaviour policies} of D4RL-style datasets (Fu et al. 2020, Sec. 5): the
 * uniform random policy ({@code -random}), an expert actor, deterministic or stochastic ({@code -expert}), an expert
 * degraded by Gaussian action noise (a stand-in for D4RL's partially trained {@code -medium} policy), and a mixture
 * that picks one component per episode. Every policy here draws its randomness from the {@code rng} it is given,
 * with a platform-independent normal sampler, so collection is reproducible from a seed.
 */
public final class Behaviours {

    private Behaviours() {
    }

    /**
     * @param bounds the action box
     * @return the policy that draws every action uniformly from the box
     */
    public static BehaviourPolicy uniformRandom(ActionBounds bounds) {
        Objects.requireNonNull(bounds, "bounds");
        return new BehaviourPolicy() {
            @Override
            public float[] act(float[] observation, SplittableRandom rng) {
                float[] a = new float[bounds.dim()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) rng.nextDouble(bounds.low(i), bounds.high(i));
                }
                return a;
            }

            @Override
            public String description() {
                return "uniform random";
            }
        };
    }

    /**
     * An expert actor, optionally with Gaussian action noise {@code a + noise * N(0, I)} (clipped to the action box
     * by the collector).
     *
     * @param actor the expert
     * @param stochastic sample {@code tanh(mean + exp(log_std) z)} instead of taking {@code tanh(mean)}
     * @param noise standard deviation of the added Gaussian action noise, {@code >= 0}
     * @return the policy
     * @throws IllegalArgumentException if {@code noise} is negative or not finite
     */
    public static BehaviourPolicy expert(ExpertActor actor, boolean stochastic, double noise) {
        Objects.requireNonNull(actor, "actor");
        BehaviourPolicy base = new BehaviourPolicy() {
            @Override
            public float[] act(float[] observation, SplittableRandom rng) {
                if (!stochastic) {
                    return actor.act(observation);
                }
                double[] z = new double[actor.actionDim()];
                for (int i = 0; i < z.length; i++) {
                    z[i] = Randomness.gaussian(rng);
                }
                return actor.act(observation, z);
            }

            @Override
            public String description() {
                return (stochastic ? "stochastic" : "deterministic") + " expert " + actor.name();
            }
        };
        return noise == 0.0 ? checkNoise(noise, base) : withGaussianNoise(base, noise);
    }

    private static BehaviourPolicy checkNoise(double noise, BehaviourPolicy p) {
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and >= 0, got " + noise);
        }
        return p;
    }

    /**
     * The Gaussian action noise that degrades the deterministic expert into the behaviour of the built-in
     * {@code <task>-medium} dataset (about a third of the expert's normalized score).
     *
     * @param task {@code hopper}, {@code walker2d} or {@code halfcheetah}, or a gym or D4RL name of one
     * @return the noise's standard deviation
     * @throws IllegalArgumentException if the name is not a locomotion task
     */
    public static double mediumNoise(String task) {
        return LocomotionDatasets.mediumNoise(io.github.edp4j.d4rl.mujoco.LocomotionTask.forName(task));
    }

    /**
     * @param policy a policy
     * @param noise standard deviation of Gaussian noise added to every action component, {@code >= 0}
     * @return the policy with the noise added
     * @throws IllegalArgumentException if {@code noise} is negative or not finite
     */
    public static BehaviourPolicy withGaussianNoise(BehaviourPolicy policy, double noise) {
        Objects.requireNonNull(policy, "policy");
        return checkNoise(noise, new BehaviourPolicy() {
            @Override
            public float[] act(float[] observation, SplittableRandom rng) {
                float[] a = policy.act(observation, rng).clone();
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (a[i] + noise * Randomness.gaussian(rng));
                }
                return a;
            }

            @Override
            public void reset(SplittableRandom rng) {
                policy.reset(rng);
            }

            @Override
            public String description() {
                return policy.description() + String.format(Locale.ROOT, " with Gaussian action noise %s", noise);
            }
        });
    }

    /**
     * A mixture that, at the start of every episode, picks component {@code i} with probability
     * {@code weights[i] / sum(weights)} and follows it for the whole episode. The mixture remembers the current component, so
     * use one per collection (it is not thread-safe).
     *
     * @param components the policies
     * @param weights their non-negative weights, not all zero, one per component
     * @return the mixture
     * @throws IllegalArgumentException if the lists differ in length, are empty, or a weight is negative or not
     *     finite, or all are zero
     */
    public static BehaviourPolicy mixture(List<BehaviourPolicy> components, double[] weights) {
        List<BehaviourPolicy> parts = List.copyOf(components);
        double[] w = weights.clone();
        if (parts.isEmpty() || parts.size() != w.length) {
            throw new IllegalArgumentException("mixture: need one weight per component and at least one component, got "
                    + parts.size() + " components and " + w.length + " weights");
        }
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException("mixture: weights[" + i + "] must be finite and >= 0, got " + w[i]);
            }
            total += w[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("mixture: the weights are all zero");
        }
        double sum = total;
        return new BehaviourPolicy() {
            private BehaviourPolicy current = parts.get(0);

            @Override
            public void reset(SplittableRandom rng) {
                double u = rng.nextDouble() * sum;
                int pick = 0;
                while (pick < w.length - 1 && (u >= w[pick] || w[pick] == 0)) {
                    u -= w[pick];
                    pick++;
                }
                current = parts.get(pick);
                current.reset(rng);
            }

            @Override
            public float[] act(float[] observation, SplittableRandom rng) {
                return current.act(observation, rng);
            }

            @Override
            public String description() {
                StringBuilder b = new StringBuilder("mixture per episode of ");
                for (int i = 0; i < parts.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(parts.get(i).description())
                            .append(String.format(Locale.ROOT, " (weight %s)", w[i]));
                }
                return b.toString();
            }
        };
    }
}
