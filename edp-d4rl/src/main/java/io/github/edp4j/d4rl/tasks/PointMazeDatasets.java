package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.SplittableRandom;

/**
 * Generators of the point-maze datasets. An episode runs until the layout's horizon and ends with a timeout, or (on
 * the fork) earlier at the goal or in a pit; episode {@code i} uses seed {@code base + i}. The sparse and dense
 * variants of a dataset hold the same trajectories and differ only in the rewards.
 * <ul>
 *   <li>{@code noisy} ({@value #NOISY_EPISODES} episodes, {@value #FORK_NOISY_EPISODES} on the fork): the {@link PointMazeExplorer} with action noise
 *       {@value #EXPLORER_NOISE}, each episode starting near a uniformly drawn free cell (as D4RL's {@code maze2d}
 *       data, which never head for the goal on purpose).</li>
 *   <li>{@code multimodal} (fork only, {@value #MULTIMODAL_EPISODES} episodes): the expert with action noise
 *       {@value #EXPERT_NOISE} from the task's own start distribution, even episodes past the left side of the pit and
 *       odd episodes past the right, so half take each way.</li>
 * </ul>
 */
final class PointMazeDatasets {

    static final int NOISY_EPISODES = 1000;
    /**
     * More episodes on the fork, whose episodes last at most {@value MazeLayout#FORK_HORIZON} steps and end early at
     * the goal or in the pit: about 100,000 transitions.
     */
    static final int FORK_NOISY_EPISODES = 2950;
    /** The fork's expert episodes last about 33 steps: about 100,000 transitions. */
    static final int MULTIMODAL_EPISODES = 3000;
    static final double EXPLORER_NOISE = 0.5;
    static final double EXPERT_NOISE = 0.1;
    static final long NOISY_SEED = 201_000_000L;
    static final long MULTIMODAL_SEED = 202_000_000L;

    private PointMazeDatasets() {
    }

    /** @return the number of episodes in the layout's noisy datasets */
    static int noisyEpisodes(MazeLayout layout) {
        return layout == MazeLayout.FORK ? FORK_NOISY_EPISODES : NOISY_EPISODES;
    }

    static OfflineDataset noisy(MazeLayout layout, boolean dense) {
        PointMaze env = new PointMaze(layout, dense);
        PointMazeExplorer explorer = new PointMazeExplorer(layout, EXPLORER_NOISE);
        int[] free = layout.freeCells();
        int episodes = noisyEpisodes(layout);
        TransitionBuffer out = new TransitionBuffer(4, 2, episodes * env.maxEpisodeSteps());
        for (int i = 0; i < episodes; i++) {
            long seed = NOISY_SEED + i;
            SplittableRandom startRng = new SplittableRandom(seed);
            float[] obs = env.resetNear(free[startRng.nextInt(free.length)], startRng);
            Rollouts.recordFrom(env, obs, explorer, Randomness.controllerRng(seed), out);
        }
        return out.toDataset(env.name() + "-noisy");
    }

    static OfflineDataset multimodal(boolean dense) {
        PointMaze env = new PointMaze(MazeLayout.FORK, dense);
        Controller[] sides = {
            new PointMazeExpert(MazeLayout.FORK, PointMazeExpert.LEFT, EXPERT_NOISE),
            new PointMazeExpert(MazeLayout.FORK, PointMazeExpert.RIGHT, EXPERT_NOISE)
        };
        TransitionBuffer out = new TransitionBuffer(4, 2, MULTIMODAL_EPISODES * env.maxEpisodeSteps());
        for (int i = 0; i < MULTIMODAL_EPISODES; i++) {
            Rollouts.record(env, sides[i % 2], MULTIMODAL_SEED + i, out);
        }
        return out.toDataset(env.name() + "-multimodal");
    }
}
