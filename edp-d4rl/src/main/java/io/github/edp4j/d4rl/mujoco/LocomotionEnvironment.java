package io.github.edp4j.d4rl.mujoco;

import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;

/**
 * One of D4RL's MuJoCo locomotion tasks, step for step as gym's v3 classes ({@code Hopper-v3}, {@code Walker2d-v3},
 * {@code HalfCheetah-v3}; Gymnasium 1.3's {@code *-v4} have the same logic):
 * <ul>
 *   <li>step: actions are clipped to {@code [-1, 1]} and held for the task's frame skip ({@code mj_step} 4 times
 *       for Hopper and Walker2d, 5 for HalfCheetah; {@code dt = frameSkip * timestep});</li>
 *   <li>observation: {@code qpos} without the x position, then {@code qvel}, clipped to {@code [-10, 10]} for
 *       Hopper and Walker2d;</li>
 *   <li>reward: {@code (x_after - x_before) / dt + healthy - w ||a||^2} with {@code healthy = 1} (Hopper,
 *       Walker2d; {@code 0} for HalfCheetah) and {@code w = 1e-3} (0.1 for HalfCheetah);</li>
 *   <li>termination when unhealthy: Hopper needs {@code z > 0.7}, {@code |angle| < 0.2} and every entry of
 *       {@code (qpos[2:], qvel)} in {@code (-100, 100)}; Walker2d needs {@code 0.8 < z < 2} and
 *       {@code |angle| < 1}; HalfCheetah never terminates. Episodes are truncated after 1,000 steps;</li>
 *   <li>reset: {@code mj_resetData}, then {@code qpos = qpos0 + U(-s, s)}, {@code qvel = U(-s, s)} with
 *       {@code s = 0.005} (Hopper, Walker2d), or {@code qpos = qpos0 + U(-0.1, 0.1)}, {@code qvel = 0.1 N(0, 1)}
 *       (HalfCheetah), then {@code mj_forward}. The noise comes from a {@link SplittableRandom} seeded with the
 *       episode seed (the distributions are gym's; the draws are not numpy's).</li>
 * </ul>
 * Owns one {@code mjData}; {@link #close()} frees the native model and data. Not thread-safe.
 */
public final class LocomotionEnvironment implements Environment, PhysicsState, AutoCloseable {

    private static final double HOPPER_MIN_Z = 0.7;
    private static final double HOPPER_MAX_ANGLE = 0.2;
    private static final double HOPPER_STATE_LIMIT = 100.0;
    private static final double WALKER_MIN_Z = 0.8;
    private static final double WALKER_MAX_Z = 2.0;
    private static final double WALKER_MAX_ANGLE = 1.0;
    private static final double VELOCITY_CLIP = 10.0;

    private final LocomotionTask task;
    private final MuJoCo mujoco;
    private final MjModel model;
    private final MjData data;
    private final ActionBounds bounds;
    private final double dt;
    private final double[] initQpos;
    private final double[] qpos;
    private final double[] qvel;
    private final double[] ctrl;
    private int steps;
    private boolean running;

    /**
     * Compiles the task's model and allocates its state.
     *
     * @param task the task
     * @param mujoco the loaded library
     * @throws MuJoCoException if the model does not compile or its facts are not the task's
     */
    LocomotionEnvironment(LocomotionTask task, MuJoCo mujoco) {
        this.task = task;
        this.mujoco = mujoco;
        MjModel m = mujoco.loadXml(task.modelXml(mujoco.mjVersion()), task.envName());
        try {
            if (m.nq() != task.nq() || m.nv() != task.nv() || m.nu() != task.actionDim()) {
                throw new MuJoCoException("MuJoCo " + mujoco.version() + " compiled " + task.envName()
                        + " with nq=" + m.nq() + ", nv=" + m.nv() + ", nu=" + m.nu() + "; expected nq=" + task.nq()
                        + ", nv=" + task.nv() + ", nu=" + task.actionDim());
            }
            this.data = m.makeData();
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        this.model = m;
        this.bounds = ActionBounds.symmetric(task.actionDim(), 1f);
        this.dt = task.timestep() * task.frameSkip();
        this.qpos = new double[task.nq()];
        this.qvel = new double[task.nv()];
        this.ctrl = new double[task.actionDim()];
        data.reset();
        data.qpos(qpos);
        this.initQpos = qpos.clone();
    }

    /** @return the task */
    public LocomotionTask task() {
        return task;
    }

    /** @return the library this environment runs on */
    public MuJoCo mujoco() {
        return mujoco;
    }

    @Override
    public String name() {
        return task.envName();
    }

    @Override
    public int observationDim() {
        return task.observationDim();
    }

    @Override
    public ActionBounds actionBounds() {
        return bounds;
    }

    @Override
    public int maxEpisodeSteps() {
        return LocomotionTask.MAX_EPISODE_STEPS;
    }

    /** @return the time between two observations, {@code frameSkip * timestep} */
    public double dt() {
        return dt;
    }

    @Override
    public float[] reset(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double s = task.resetNoiseScale();
        double[] q = new double[task.nq()];
        double[] v = new double[task.nv()];
        for (int i = 0; i < q.length; i++) {
            q[i] = initQpos[i] + rng.nextDouble(-s, s);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = task == LocomotionTask.HALFCHEETAH ? s * rng.nextGaussian() : rng.nextDouble(-s, s);
        }
        return resetTo(q, v);
    }

    /**
     * Starts an episode from a given state, like gym's {@code reset} with the noise replaced by the given values:
     * {@code mj_resetData}, set {@code qpos} and {@code qvel}, {@code mj_forward}.
     *
     * @param newQpos positions, length {@code nq}, finite
     * @param newQvel velocities, length {@code nv}, finite
     * @return the first observation
     */
    float[] resetTo(double[] newQpos, double[] newQvel) {
        checkState("qpos", newQpos, task.nq());
        checkState("qvel", newQvel, task.nv());
        data.reset();
        data.setQpos(newQpos);
        data.setQvel(newQvel);
        data.forward();
        data.qpos(qpos);
        data.qvel(qvel);
        steps = 0;
        running = true;
        return observation();
    }

    @Override
    public StepResult step(float[] action) {
        if (!running) {
            throw new IllegalStateException(name() + ": no episode is running; call reset(seed) first (an episode"
                    + " ends after a terminal or after " + maxEpisodeSteps() + " steps)");
        }
        if (action == null) {
            throw new IllegalArgumentException(name() + ": action at step " + steps + " must not be null");
        }
        if (action.length != task.actionDim()) {
            throw new IllegalArgumentException(name() + ": action at step " + steps + " has length "
                    + action.length + ", expected " + task.actionDim());
        }
        for (int i = 0; i < action.length; i++) {
            if (!Float.isFinite(action[i])) {
                throw new IllegalArgumentException(name() + ": action[" + i + "] at step " + steps
                        + " is not finite: " + action[i]);
            }
        }
        double squares = 0.0;
        for (int i = 0; i < ctrl.length; i++) {
            double a = Math.max(-1.0, Math.min(1.0, (double) action[i]));
            ctrl[i] = a;
            squares += a * a;
        }
        double xBefore = qpos[0];
        data.setCtrl(ctrl);
        data.step(task.frameSkip());
        data.qpos(qpos);
        data.qvel(qvel);
        double xVelocity = (qpos[0] - xBefore) / dt;
        double ctrlCost = task.ctrlCostWeight() * squares;
        boolean terminated;
        double reward;
        if (task == LocomotionTask.HALFCHEETAH) {
            terminated = false;
            reward = xVelocity - ctrlCost;
        } else {
            terminated = !healthy();
            reward = (xVelocity + 1.0) - ctrlCost;
        }
        steps++;
        boolean truncated = steps >= LocomotionTask.MAX_EPISODE_STEPS;
        running = !(terminated || truncated);
        return new StepResult(observation(), reward, terminated, truncated);
    }

    private boolean healthy() {
        double z = qpos[1];
        double angle = qpos[2];
        if (task == LocomotionTask.HOPPER) {
            for (int i = 2; i < qpos.length; i++) {
                if (!(-HOPPER_STATE_LIMIT < qpos[i] && qpos[i] < HOPPER_STATE_LIMIT)) {
                    return false;
                }
            }
            for (double v : qvel) {
                if (!(-HOPPER_STATE_LIMIT < v && v < HOPPER_STATE_LIMIT)) {
                    return false;
                }
            }
            return HOPPER_MIN_Z < z && -HOPPER_MAX_ANGLE < angle && angle < HOPPER_MAX_ANGLE;
        }
        return WALKER_MIN_Z < z && z < WALKER_MAX_Z && -WALKER_MAX_ANGLE < angle && angle < WALKER_MAX_ANGLE;
    }

    private float[] observation() {
        float[] obs = new float[task.observationDim()];
        int k = 0;
        for (int i = 1; i < qpos.length; i++) {
            obs[k++] = (float) qpos[i];
        }
        boolean clip = task != LocomotionTask.HALFCHEETAH;
        for (double v : qvel) {
            obs[k++] = (float) (clip ? Math.max(-VELOCITY_CLIP, Math.min(VELOCITY_CLIP, v)) : v);
        }
        return obs;
    }

    /** @return the current observation in double precision (as gym returns it), for tests */
    double[] observationDouble() {
        double[] obs = new double[task.observationDim()];
        int k = 0;
        for (int i = 1; i < qpos.length; i++) {
            obs[k++] = qpos[i];
        }
        boolean clip = task != LocomotionTask.HALFCHEETAH;
        for (double v : qvel) {
            obs[k++] = clip ? Math.max(-VELOCITY_CLIP, Math.min(VELOCITY_CLIP, v)) : v;
        }
        return obs;
    }

    @Override
    public double[] qpos() {
        return qpos.clone();
    }

    @Override
    public double[] qvel() {
        return qvel.clone();
    }

    /** @return the simulation time, for tests of the layout */
    double time() {
        return data.time();
    }

    /** @return the library's copy of {@code ctrl}, for tests of the layout */
    double[] ctrlFromLibrary() {
        double[] out = new double[task.actionDim()];
        data.ctrl(out);
        return out;
    }

    private void checkState(String what, double[] values, int n) {
        if (values == null || values.length != n) {
            throw new IllegalArgumentException(name() + ": " + what + " must have length " + n + ", got "
                    + (values == null ? "null" : String.valueOf(values.length)));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name() + ": " + what + "[" + i + "] is not finite: " + values[i]);
            }
        }
    }

    /** Frees the native model and data; the environment cannot be used afterwards. */
    @Override
    public void close() {
        running = false;
        data.close();
        model.close();
    }
}
