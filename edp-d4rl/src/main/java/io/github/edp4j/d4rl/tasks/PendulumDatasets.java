package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;

/**
 * Generators of the D4RL-style pendulum datasets. Every episode runs the full 200 steps and ends with a timeout
 * (the pendulum never terminates); episode {@code i} of a dataset is reset with seed {@code base + i}.
 * <ul>
 *   <li>{@code random}: 500 episodes of the uniform random policy.</li>
 *   <li>{@code medium}: 500 episodes of {@link PendulumController#medium()}.</li>
 *   <li>{@code expert}: 500 episodes of the expert with Gaussian action noise {@value #EXPERT_NOISE}.</li>
 *   <li>{@code medium-replay}: 250 episodes of a learner's replay buffer: the medium controller whose probability of
 *       a random action falls linearly from 1 to 0.4 and whose noise falls from 1.0 to 0.6 over the episodes.</li>
 *   <li>{@code medium-expert}: the {@code medium} episodes followed by the {@code expert} episodes.</li>
 * </ul>
 */
final class PendulumDatasets {

    static final int EPISODES = 500;
    static final int REPLAY_EPISODES = 250;
    static final double EXPERT_NOISE = 0.1;
    static final long RANDOM_SEED = 101_000_000L;
    static final long MEDIUM_SEED = 102_000_000L;
    static final long EXPERT_SEED = 103_000_000L;
    static final long REPLAY_SEED = 104_000_000L;

    private PendulumDatasets() {
    }

    static OfflineDataset random() {
        TransitionBuffer out = buffer(EPISODES);
        Pendulum env = new Pendulum();
        Controller c = new UniformRandomController(env.actionBounds());
        for (int i = 0; i < EPISODES; i++) {
            Rollouts.record(env, c, RANDOM_SEED + i, out);
        }
        return out.toDataset(Pendulum.NAME + "-random");
    }

    static OfflineDataset medium() {
        TransitionBuffer out = buffer(EPISODES);
        addMedium(out);
        return out.toDataset(Pendulum.NAME + "-medium");
    }

    static OfflineDataset expert() {
        TransitionBuffer out = buffer(EPISODES);
        addExpert(out);
        return out.toDataset(Pendulum.NAME + "-expert");
    }

    static OfflineDataset mediumExpert() {
        TransitionBuffer out = buffer(2 * EPISODES);
        addMedium(out);
        addExpert(out);
        return out.toDataset(Pendulum.NAME + "-medium-expert");
    }

    static OfflineDataset mediumReplay() {
        TransitionBuffer out = buffer(REPLAY_EPISODES);
        Pendulum env = new Pendulum();
        for (int i = 0; i < REPLAY_EPISODES; i++) {
            double progress = (double) i / (REPLAY_EPISODES - 1);
            Controller c = new PendulumController(1.0, 0.5, 1.0 - 0.4 * progress, 1.0 - 0.6 * progress);
            Rollouts.record(env, c, REPLAY_SEED + i, out);
        }
        return out.toDataset(Pendulum.NAME + "-medium-replay");
    }

    private static void addMedium(TransitionBuffer out) {
        Pendulum env = new Pendulum();
        Controller c = PendulumController.medium();
        for (int i = 0; i < EPISODES; i++) {
            Rollouts.record(env, c, MEDIUM_SEED + i, out);
        }
    }

    private static void addExpert(TransitionBuffer out) {
        Pendulum env = new Pendulum();
        Controller c = new PendulumController(Pendulum.MAX_TORQUE, 1.0, EXPERT_NOISE, 0.0);
        for (int i = 0; i < EPISODES; i++) {
            Rollouts.record(env, c, EXPERT_SEED + i, out);
        }
    }

    private static TransitionBuffer buffer(int episodes) {
        return new TransitionBuffer(3, 1, episodes * Pendulum.HORIZON);
    }
}
