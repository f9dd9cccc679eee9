package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import io.github.edp4j.d4rl.mujoco.LocomotionEnvironment;
import io.github.edp4j.d4rl.mujoco.PhysicsState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Collects a D4RL-style dataset by running a {@link BehaviourPolicy} in an {@link Environment}, as D4RL's own
 * collection scripts do (Fu et al. 2020): consecutive episodes until the requested number of transitions, each row
 * the observation, the action taken (clipped to the action box), the reward, the next observation, {@code terminals}
 * for a true end and {@code timeouts} for the time limit. When the environment exposes its simulator state
 * ({@link PhysicsState}), the {@code qpos} and {@code qvel} before each step are recorded too, as D4RL's
 * {@code infos/qpos} and {@code infos/qvel}.
 *
 * <p>Reproducible: episode {@code i} resets the environment with {@code seed + i} and the policy receives
 * its own random stream derived from that seed; the same seed, environment and policy give identical data (on
 * MuJoCo, with the same library version, which is recorded as {@code mujoco_version}).
 */
public final class DatasetCollector {

    /** Steps between two progress reports. */
    public static final int PROGRESS_EVERY = 10_000;

    private DatasetCollector() {
    }

    /**
     * @param env the environment (reset for every episode)
     * @param behaviour the behaviour policy
     * @param config name, number of transitions and seed
     * @param listener receives progress
     * @return the collected dataset with its metadata ({@code behaviour}, {@code seed}, {@code steps},
     *     {@code environment}, {@code episodes}, and {@code mujoco_version} on MuJoCo)
     * @throws IllegalArgumentException if the policy returns an action of the wrong length or not finite
     */
    public static CollectedDataset collect(Environment env, BehaviourPolicy behaviour, CollectionConfig config,
            CollectionListener listener) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(listener, "listener");
        int n = config.steps();
        TransitionBuffer out = new TransitionBuffer(env.observationDim(), env.actionDim(), n);
        PhysicsState probe = env instanceof PhysicsState ps ? ps : null;
        double[][] qpos = probe == null ? null : new double[n][];
        double[][] qvel = probe == null ? null : new double[n][];
        double[] returns = new double[16];
        int episodes = 0;
        double returnSum = 0;
        int step = 0;
        long episodeSeed = config.seed();
        while (step < n) {
            SplittableRandom rng = Randomness.controllerRng(episodeSeed);
            float[] obs = env.reset(episodeSeed);
            behaviour.reset(rng);
            double episodeReturn = 0;
            int t = 0;
            while (step < n) {
                if (probe != null) {
                    qpos[step] = probe.qpos();
                    qvel[step] = probe.qvel();
                }
                float[] action = checked(behaviour.act(obs, rng), env.actionDim(), step);
                env.actionBounds().clip(action);
                StepResult r = env.step(action);
                t++;
                episodeReturn += r.reward();
                boolean cutOff = !r.done() && step == n - 1;
                out.add(obs, action, r.reward(), r.observation(), r.terminated(),
                        (r.truncated() && !r.terminated()) || cutOff);
                step++;
                if (r.done()) {
                    if (episodes == returns.length) {
                        returns = Arrays.copyOf(returns, 2 * episodes);
                    }
                    returns[episodes++] = episodeReturn;
                    returnSum += episodeReturn;
                }
                if (step % PROGRESS_EVERY == 0 || step == n) {
                    listener.progress(step, n, episodes, episodes == 0 ? Double.NaN : returnSum / episodes);
                }
                if (r.done()) {
                    break;
                }
                obs = r.observation();
            }
            episodeSeed++;
        }
        OfflineDataset ds = out.toDataset(config.name());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("behaviour", behaviour.description());
        meta.put("seed", config.seed());
        meta.put("steps", n);
        meta.put("environment", env.name());
        meta.put("episodes", episodes);
        if (env instanceof LocomotionEnvironment mujoco) {
            meta.put("mujoco_version", mujoco.mujoco().version());
        }
        return new CollectedDataset(ds, qpos, qvel, Arrays.copyOf(returns, episodes), meta);
    }

    private static float[] checked(float[] action, int dim, int step) {
        if (action == null || action.length != dim) {
            throw new IllegalArgumentException("behaviour policy returned an action of length "
                    + (action == null ? "null" : action.length) + " at step " + step + ", expected " + dim);
        }
        float[] a = action.clone();
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException("behaviour policy returned a non-finite action " + Arrays.toString(a)
                        + " at step " + step);
            }
        }
        return a;
    }
}
