package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fork must punish a policy that averages the two ways around the obstacle (what a Gaussian policy fitted to
 * {@code pointmaze-fork-multimodal} does) and reward one that keeps either way.
 */
class ForkModeAveragingTest {

    private static final long SEED = 50_000; // held out from the reference seeds
    private static final int EPISODES = 200;

    private final ReferenceScores ref = BuiltinTasks.referenceScores("pointmaze-fork");
    private final PointMaze env = new PointMaze(MazeLayout.FORK, false);

    @Test
    void expertScores100AndEachSideAtLeast90() {
        double expert = ref.normalize(Rollouts.meanReturn(env,
                new PointMazeExpert(MazeLayout.FORK, PointMazeExpert.ANY_ROUTE, 0), TaskSpec.REFERENCE_SEED,
                ref.episodes()));
        assertEquals(100.0, expert, 1e-9);
        for (int side : new int[] {PointMazeExpert.LEFT, PointMazeExpert.RIGHT}) {
            double s = ref.normalize(Rollouts.meanReturn(env, new PointMazeExpert(MazeLayout.FORK, side, 0),
                    SEED, EPISODES));
            assertTrue(s >= 90, "side " + side + " scores " + s);
            double noisy = ref.normalize(Rollouts.meanReturn(env,
                    new PointMazeExpert(MazeLayout.FORK, side, PointMazeDatasets.EXPERT_NOISE), SEED, EPISODES));
            assertTrue(noisy >= 90, "side " + side + " with dataset noise scores " + noisy);
        }
    }

    @Test
    void averagingTheTwoWaysScoresLow() {
        for (boolean dense : new boolean[] {false, true}) {
            PointMaze maze = new PointMaze(MazeLayout.FORK, dense);
            ReferenceScores r = TaskCatalog.task(maze.name()).reference();
            double score = r.normalize(Rollouts.meanReturn(maze, averagingController(), SEED, EPISODES));
            assertTrue(score < 40, maze.name() + ": mode-averaging controller scores " + score);
        }
    }

    @Test
    void eachSidePassesThroughItsOwnColumn() {
        MazeLayout f = MazeLayout.FORK;
        assertEquals(f.cell(2, 1), columnVisited(new PointMazeExpert(f, PointMazeExpert.LEFT, 0.1), 3));
        assertEquals(f.cell(2, 5), columnVisited(new PointMazeExpert(f, PointMazeExpert.RIGHT, 0.1), 3));
    }

    @Test
    void multimodalDatasetPassesExactlyHalfLeftAndHalfRight() {
        OfflineDataset ds = BuiltinTasks.generate("pointmaze-fork-multimodal");
        MazeLayout f = MazeLayout.FORK;
        int left = 0;
        int right = 0;
        int episodes = 0;
        boolean seenLeft = false;
        boolean seenRight = false;
        for (int i = 0; i < ds.size(); i++) {
            float[] o = ds.observation(i);
            int cell = f.cellAt(o[0], o[1]);
            seenLeft |= cell == f.cell(2, 1);
            seenRight |= cell == f.cell(2, 5);
            if (ds.episodeEnd(i)) {
                assertTrue(seenLeft ^ seenRight, "episode " + episodes + " left=" + seenLeft + " right=" + seenRight);
                left += seenLeft ? 1 : 0;
                right += seenRight ? 1 : 0;
                // the two sides alternate
                assertEquals(episodes % 2 == 0, seenLeft, "episode " + episodes);
                episodes++;
                seenLeft = false;
                seenRight = false;
            }
        }
        assertEquals(PointMazeDatasets.MULTIMODAL_EPISODES, episodes);
        assertEquals(episodes / 2, left);
        assertEquals(episodes / 2, right);
    }

    /** The mean of the left-going and the right-going expert's actions. */
    private static Controller averagingController() {
        Controller left = new PointMazeExpert(MazeLayout.FORK, PointMazeExpert.LEFT, 0);
        Controller right = new PointMazeExpert(MazeLayout.FORK, PointMazeExpert.RIGHT, 0);
        return (obs, rng) -> {
            float[] a = left.act(obs, rng);
            float[] b = right.act(obs, rng);
            return new float[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2};
        };
    }

    private int columnVisited(Controller c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] obs = env.reset(seed);
        c.reset(rng);
        int found = -1;
        MazeLayout f = MazeLayout.FORK;
        for (int t = 0; t < PointMaze.HORIZON; t++) {
            obs = env.step(c.act(obs, rng)).observation();
            int cell = f.cellAt(obs[0], obs[1]);
            if (cell == f.cell(2, 1) || cell == f.cell(2, 5)) {
                assertTrue(found < 0 || found == cell, "visited both columns");
                found = cell;
            }
        }
        return found;
    }
}
