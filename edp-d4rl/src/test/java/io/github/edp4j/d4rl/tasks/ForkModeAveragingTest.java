package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fork must punish a policy that averages the two ways past the pit (what a Gaussian policy fitted to
 * {@code pointmaze-fork-multimodal} tends to do) and reward one that keeps either way.
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

    /**
     * What a Gaussian policy fitted to both ways learns to do given enough iterations: average the two ways (brake
     * and head straight for the pit) until its own drift picks a side. Committing a few steps late runs out of the
     * fork's 37 steps or into the pit: a delay of up to 4 steps can still be made up (the experts need 32-35 steps),
     * 5 or more cannot.
     */
    @Test
    void committingLateScoresLow() {
        double[] scores = new double[13];
        for (int delay = 0; delay < scores.length; delay++) {
            scores[delay] = ref.normalize(Rollouts.meanReturn(env, lateController(delay), SEED, EPISODES));
        }
        System.out.println("FORK late commitment: delay in steps 0..12 -> score " + java.util.Arrays.toString(scores));
        assertTrue(scores[0] >= 90, "committing at once scores " + scores[0]);
        for (int delay = 5; delay < scores.length; delay++) {
            assertTrue(scores[delay] < 40, "committing " + delay + " steps late scores " + scores[delay]);
        }
    }

    @Test
    void eachSidePassesThePitOnItsOwnSide() {
        MazeLayout f = MazeLayout.FORK;
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(-1, sidePassed(new PointMazeExpert(f, PointMazeExpert.LEFT, 0.1), seed));
            assertEquals(1, sidePassed(new PointMazeExpert(f, PointMazeExpert.RIGHT, 0.1), seed));
        }
    }

    @Test
    void multimodalDatasetPassesExactlyHalfLeftAndHalfRight() {
        OfflineDataset ds = BuiltinTasks.generate("pointmaze-fork-multimodal");
        MazeLayout f = MazeLayout.FORK;
        double pitTop = f.rowOf(f.cell(3, 4)) + 1; // y below which the mass has reached the pit's row
        double middle = f.centerX(f.cell(3, 4));
        float[] next = ds.nextObservations();
        int left = 0;
        int right = 0;
        int goals = 0;
        int episodes = 0;
        int side = 0;
        for (int i = 0; i < ds.size(); i++) {
            if (side == 0 && next[4 * i + 1] < pitTop) {
                side = next[4 * i] < middle ? -1 : 1; // where the mass first reaches the pit's row
            }
            if (ds.episodeEnd(i)) {
                // an episode ends at the goal (reward 1) or in the pit (reward 0), never by the time limit
                assertTrue(ds.terminals()[i], "episode " + episodes + " ends at row " + i);
                goals += ds.reward(i) == 1f ? 1 : 0;
                // the two sides alternate, left first
                assertEquals(episodes % 2 == 0 ? -1 : 1, side, "episode " + episodes);
                left += side < 0 ? 1 : 0;
                right += side > 0 ? 1 : 0;
                episodes++;
                side = 0;
            }
        }
        assertEquals(PointMazeDatasets.MULTIMODAL_EPISODES, episodes);
        assertTrue(goals >= 0.95 * episodes, goals + " of " + episodes + " episodes reach the goal");
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

    /** The averaging controller for {@code delay} steps, then the left expert. */
    private static Controller lateController(int delay) {
        Controller average = averagingController();
        Controller left = new PointMazeExpert(MazeLayout.FORK, PointMazeExpert.LEFT, 0);
        int[] step = {0};
        return new Controller() {
            @Override
            public void reset(SplittableRandom rng) {
                step[0] = 0;
            }

            @Override
            public float[] act(float[] obs, SplittableRandom rng) {
                return step[0]++ < delay ? average.act(obs, rng) : left.act(obs, rng);
            }
        };
    }

    /** @return -1 if the mass passes the pit's row on the left of the pit, 1 on the right; fails if both */
    private int sidePassed(Controller c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] obs = env.reset(seed);
        c.reset(rng);
        MazeLayout f = MazeLayout.FORK;
        int pit = f.cell(3, 4);
        int found = 0;
        for (int t = 0; t < env.maxEpisodeSteps(); t++) {
            StepResult r = env.step(c.act(obs, rng));
            obs = r.observation();
            int cell = f.cellAt(obs[0], obs[1]);
            if (f.rowOf(cell) == f.rowOf(pit) && !f.isPit(cell)) {
                int side = Integer.signum(cell - pit);
                assertTrue(found == 0 || found == side, "passed on both sides");
                found = side;
            }
            if (r.done()) {
                break;
            }
        }
        return found;
    }
}
