package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.env.StepResult;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointMazeTest {

    private static final float EPS = 1e-6f;

    @Test
    void freeMotionFollowsTheDampedPointMassEquations() {
        PointMaze env = new PointMaze(MazeLayout.UMAZE, false);
        env.resetTo(1.5, 3.5, 0, 0);
        // v = 0 + 0.1 (5 * 1 - 2 * 0) = 0.5, x = 1.5 + 0.1 * 0.5
        StepResult r = env.step(new float[] {1f, 0f});
        assertArrayEquals(new float[] {1.55f, 3.5f, 0.5f, 0f}, r.observation(), EPS);
        // v = 0.5 + 0.1 (0 - 1.0) = 0.4, x = 1.55 + 0.04; vy = 0.1 * (-2.5) = -0.25 (action clipped to -0.5 * 5)
        r = env.step(new float[] {0f, -0.5f});
        assertArrayEquals(new float[] {1.59f, 3.475f, 0.4f, -0.25f}, r.observation(), EPS);
        // actions beyond the box are clipped
        PointMaze a = new PointMaze(MazeLayout.UMAZE, false);
        a.resetTo(1.5, 3.5, 0, 0);
        PointMaze b = new PointMaze(MazeLayout.UMAZE, false);
        b.resetTo(1.5, 3.5, 0, 0);
        assertArrayEquals(b.step(new float[] {1f, -1f}).observation(), a.step(new float[] {3f, -7f}).observation());
    }

    @Test
    void wallStopsTheMassFlushAndZeroesThatVelocity() {
        PointMaze env = new PointMaze(MazeLayout.UMAZE, false);
        // cell (1, 1) spans x in [1, 2]; column 0 is wall. vx = -2 + 0.1 (-5 + 4) = -2.1, x would be 0.99
        env.resetTo(1.2, 1.5, -2.0, 0.3);
        StepResult r = env.step(new float[] {-1f, 0f});
        assertEquals(1.125f, r.observation()[0], 0f); // flush: left edge 1.125 - 0.125 = 1
        assertEquals(0f, r.observation()[2], 0f);
        // the other component slides on: vy = 0.3 + 0.1 (0 - 0.6) = 0.24, y = 1.5 + 0.024
        assertEquals(1.524f, r.observation()[1], EPS);
        assertEquals(0.24f, r.observation()[3], EPS);

        // cell (2, 1) is wall: moving down from y = 1.8, vy = 1.5 + 0.1 (5 - 3) = 1.7, y would be 1.97
        env.resetTo(1.5, 1.8, 0, 1.5);
        r = env.step(new float[] {0f, 1f});
        assertEquals(1.875f, r.observation()[1], 0f);
        assertEquals(0f, r.observation()[3], 0f);

        // moving right into column 4 of the umaze (wall) from x = 3.8
        env.resetTo(3.8, 3.5, 2.0, 0);
        r = env.step(new float[] {1f, 0f});
        assertEquals(3.875f, r.observation()[0], 0f);
    }

    @Test
    void massNeverEntersAWall() {
        SplittableRandom rng = new SplittableRandom(42);
        for (MazeLayout layout : new MazeLayout[] {MazeLayout.UMAZE, MazeLayout.OPEN, MazeLayout.FORK}) {
            PointMaze env = new PointMaze(layout, false);
            for (int ep = 0; ep < 40; ep++) {
                env.reset(ep);
                for (int t = 0; t < PointMaze.HORIZON; t++) {
                    // bang-bang actions that keep pushing into walls
                    float[] a = {rng.nextBoolean() ? 1f : -1f, rng.nextBoolean() ? 1f : -1f};
                    StepResult r = env.step(a);
                    float[] obs = r.observation();
                    assertFalse(layout.squareHitsWall(obs[0], obs[1], PointMaze.HALF_SIZE - 1e-6),
                            layout.name() + " episode " + ep + " step " + t + " at " + obs[0] + ", " + obs[1]);
                    if (r.done()) {
                        break; // the fork ends at its pit and its goal
                    }
                }
            }
        }
    }

    @Test
    void sparseAndDenseGoalRewards() {
        PointMaze sparse = new PointMaze(MazeLayout.UMAZE, false);
        PointMaze dense = new PointMaze(MazeLayout.UMAZE, true);
        // the goal is the centre of cell (1, 1): (1.5, 1.5)
        assertEquals(1.0, sparse.reward(1.5, 1.5), 0.0);
        assertEquals(1.0, sparse.reward(1.95, 1.5), 0.0);
        assertEquals(0.0, sparse.reward(2.05, 1.5), 0.0);
        assertEquals(0.0, sparse.reward(3.5, 3.5), 0.0);
        assertEquals(0.6376281516217733, dense.reward(1.95, 1.5), 1e-12); // exp(-0.45)
        assertEquals(1.0, dense.reward(1.5, 1.5), 0.0);
        // the reward is paid at the position after the step
        sparse.resetTo(2.1, 1.5, 0, 0);
        StepResult r = sparse.step(new float[] {-1f, 0f}); // x = 2.1 - 0.05 = 2.05: distance 0.55
        assertEquals(0.0, r.reward(), 0.0);
        r = sparse.step(new float[] {-1f, 0f}); // v = -0.5 + 0.1 (-5 + 1) = -0.9: x = 1.96
        assertEquals(1.0, r.reward(), 0.0);
    }

    @Test
    void episodeIsTruncatedAtTheHorizonAndNeverTerminates() {
        PointMaze env = new PointMaze(MazeLayout.OPEN, false);
        assertEquals(150, env.maxEpisodeSteps());
        env.reset(3);
        for (int t = 1; t <= PointMaze.HORIZON; t++) {
            StepResult r = env.step(new float[] {0.3f, -0.2f});
            assertFalse(r.terminated());
            assertEquals(t == PointMaze.HORIZON, r.truncated(), "step " + t);
        }
        assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f, 0f}));
        assertThrows(IllegalArgumentException.class, () -> env.resetTo(0.5, 0.5, 0, 0));
    }

    @Test
    void startIsNearTheStartCellAndSeeded() {
        for (MazeLayout layout : new MazeLayout[] {MazeLayout.UMAZE, MazeLayout.OPEN, MazeLayout.FORK}) {
            PointMaze env = new PointMaze(layout, false);
            double cx = layout.centerX(layout.startCell());
            double cy = layout.centerY(layout.startCell());
            for (long seed = 0; seed < 200; seed++) {
                float[] obs = env.reset(seed);
                assertTrue(Math.abs(obs[0] - cx) <= 0.1 + 1e-6 && Math.abs(obs[1] - cy) <= 0.1 + 1e-6);
                assertEquals(0f, obs[2]);
                assertEquals((float) -layout.rules().entrySpeed(), obs[3]); // the fork's mass enters moving up
                assertArrayEquals(obs, new PointMaze(layout, false).reset(seed));
            }
        }
        assertFalse(java.util.Arrays.equals(new PointMaze(MazeLayout.FORK, false).reset(1),
                new PointMaze(MazeLayout.FORK, false).reset(2)));
    }

    @Test
    void layoutsHaveTheirD4rlShapesAndDistances() {
        assertEquals(6, MazeLayout.UMAZE.distanceField(MazeLayout.UMAZE.goalCell())[MazeLayout.UMAZE.startCell()]);
        assertEquals(6, MazeLayout.OPEN.distanceField(MazeLayout.OPEN.goalCell())[MazeLayout.OPEN.startCell()]);
        // on the fork the straight way leads through the pit, and the ways past its two sides are equally short
        MazeLayout f = MazeLayout.FORK;
        int pit = f.cell(3, 4);
        assertTrue(f.isPit(pit - 1) && f.isPit(pit) && f.isPit(pit + 1) && !f.isWall(3, 4));
        assertFalse(f.isPit(pit - 2) || f.isPit(pit + 2));
        assertEquals(f.colOf(f.startCell()), f.colOf(pit));
        assertEquals(f.colOf(f.startCell()), f.colOf(f.goalCell()));
        assertEquals(9, f.distanceField(f.goalCell())[f.startCell()]);
        assertEquals(MazeLayout.UNREACHABLE, f.distanceField(f.goalCell())[pit]);
        int[] viaLeft = f.distanceField(f.goalCell(), pit + 2);
        int[] viaRight = f.distanceField(f.goalCell(), pit - 2);
        assertEquals(9, viaLeft[f.startCell()]);
        assertEquals(9, viaRight[f.startCell()]);
        assertFalse(java.util.Arrays.stream(f.freeCells()).anyMatch(c -> c == pit), "a pit is not a free cell");
        assertTrue(f.goalEndsEpisode() && !MazeLayout.UMAZE.goalEndsEpisode() && !MazeLayout.OPEN.goalEndsEpisode());
        assertEquals(0, MazeLayout.UMAZE.pitCells().length + MazeLayout.OPEN.pitCells().length);
        assertArrayEquals(new int[] {pit - 1, pit, pit + 1}, f.pitCells());
    }

    @Test
    void forkEntersMovingUpAndIsTruncatedAfter37Steps() {
        PointMaze env = new PointMaze(MazeLayout.FORK, false);
        assertEquals(37, env.maxEpisodeSteps());
        assertEquals(new MazeRules(true, 2.0, 37), MazeLayout.FORK.rules());
        assertEquals(MazeRules.D4RL_STYLE, MazeLayout.UMAZE.rules());
        // braking from the entry speed: vy = -2 + 0.1 (5 - 2 (-2)) = -1.1, y = 6.5 - 0.11
        env.resetTo(4.5, 6.5, 0, -MazeLayout.FORK.rules().entrySpeed());
        StepResult r = env.step(new float[] {0f, 1f});
        assertEquals(-1.1f, r.observation()[3], 1e-6f);
        assertEquals(6.39f, r.observation()[1], 1e-6f);
        // pacing along the bottom wall never reaches the goal: the episode is cut at step 37
        env.resetTo(1.5, 6.5, 0, 0);
        for (int t = 1; t <= 37; t++) {
            r = env.step(new float[] {t % 20 < 10 ? 1f : -1f, 1f});
            assertEquals(t == 37, r.truncated(), "step " + t);
            assertFalse(r.terminated());
        }
    }

    @Test
    void mazeRulesRejectImpossibleValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MazeRules(true, 3.0, 40));
        assertEquals("entrySpeed = 3.0 is invalid: allowed [0, 2.5] cells/s", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MazeRules(true, -0.1, 40));
        assertThrows(IllegalArgumentException.class, () -> new MazeRules(true, Double.NaN, 40));
        e = assertThrows(IllegalArgumentException.class, () -> new MazeRules(false, 0, 0));
        assertEquals("horizon = 0 is invalid: allowed >= 1 steps", e.getMessage());
    }

    @Test
    void forkPitEndsTheEpisodeWithoutReward() {
        for (boolean dense : new boolean[] {false, true}) {
            PointMaze env = new PointMaze(MazeLayout.FORK, dense);
            // just below the pit (cell (3, 4): x in [4, 5], y in [3, 4]), moving up at top speed
            env.resetTo(4.5, 4.1, 0, -2.5);
            StepResult r = env.step(new float[] {0f, -1f}); // vy = -2.5 + 0.1 (-5 + 5) = -2.5: y = 3.85
            assertEquals(3.85f, r.observation()[1], 1e-6f);
            assertTrue(r.terminated() && !r.truncated(), "dense=" + dense);
            assertEquals(0.0, r.reward(), 0.0);
            assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f, 0f}));
            // the pit is open floor: the mass passes over its edge without stopping
            env.resetTo(4.5, 4.3, 0, 0);
            r = env.step(new float[] {0f, -1f});
            assertFalse(r.done());
        }
    }

    @Test
    void forkGoalEndsTheSparseEpisodeWithRewardOne() {
        PointMaze sparse = new PointMaze(MazeLayout.FORK, false);
        // the goal is the centre of cell (1, 4): (4.5, 1.5)
        sparse.resetTo(4.5, 2.1, 0, 0);
        StepResult r = sparse.step(new float[] {0f, -1f}); // y = 2.05: distance 0.55
        assertEquals(0.0, r.reward(), 0.0);
        assertFalse(r.done());
        r = sparse.step(new float[] {0f, -1f}); // y = 1.96
        assertEquals(1.0, r.reward(), 0.0);
        assertTrue(r.terminated() && !r.truncated());
        // the dense fork pays exp(-distance) and goes on, as D4RL's dense mazes do
        PointMaze dense = new PointMaze(MazeLayout.FORK, true);
        dense.resetTo(4.5, 1.5, 0, 0);
        r = dense.step(new float[] {0f, 0f});
        assertEquals(1.0, r.reward(), 0.0);
        assertFalse(r.done());
    }

    @Test
    void badLayoutsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> MazeLayout.parse("x", "###", "#SG", "###"));
        assertThrows(IllegalArgumentException.class, () -> MazeLayout.parse("x", "####", "#SO#", "####"));
        assertThrows(IllegalArgumentException.class, () -> MazeLayout.parse("x", "####", "#S?#", "#G##", "####"));
        assertThrows(IllegalArgumentException.class, () -> MazeLayout.parse("x", "####", "#SGX", "####"));
        assertThrows(IllegalArgumentException.class, () -> MazeLayout.parse("x", "####", "#SG#", "###"));
    }

    @Test
    void expertReachesTheGoalAndStaysThere() {
        for (MazeLayout layout : new MazeLayout[] {MazeLayout.UMAZE, MazeLayout.OPEN}) {
            PointMaze env = new PointMaze(layout, false);
            Controller expert = new PointMazeExpert(layout, PointMazeExpert.ANY_ROUTE, 0);
            SplittableRandom rng = new SplittableRandom(1);
            float[] obs = env.reset(11);
            expert.reset(rng);
            int firstAtGoal = -1;
            int atGoal = 0;
            for (int t = 0; t < PointMaze.HORIZON; t++) {
                StepResult r = env.step(expert.act(obs, rng));
                if (r.reward() > 0) {
                    atGoal++;
                    firstAtGoal = firstAtGoal < 0 ? t : firstAtGoal;
                }
                obs = r.observation();
            }
            assertTrue(firstAtGoal > 0 && firstAtGoal < 40, layout.name() + " reached the goal at " + firstAtGoal);
            assertEquals(PointMaze.HORIZON - firstAtGoal, atGoal, layout.name() + " left the goal again");
        }
    }

    @Test
    void forkExpertReachesTheGoalOnEitherSideWithoutCrossingThePit() {
        MazeLayout f = MazeLayout.FORK;
        PointMaze env = new PointMaze(f, false);
        for (int side : new int[] {PointMazeExpert.LEFT, PointMazeExpert.RIGHT}) {
            for (long seed = 0; seed < 50; seed++) {
                Controller expert = new PointMazeExpert(f, side, 0.1);
                SplittableRandom rng = new SplittableRandom(seed);
                float[] obs = env.reset(seed);
                expert.reset(rng);
                int t = 0;
                StepResult r;
                do {
                    r = env.step(expert.act(obs, rng));
                    obs = r.observation();
                    t++;
                    assertFalse(f.isPit(f.cellAt(obs[0], obs[1])), "side " + side + " seed " + seed);
                } while (!r.done());
                assertTrue(r.terminated() && r.reward() == 1.0 && t < 40, "side " + side + " seed " + seed + ": " + t);
            }
        }
    }
}
