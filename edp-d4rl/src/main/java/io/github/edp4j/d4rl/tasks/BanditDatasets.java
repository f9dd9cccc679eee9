package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;

/**
 * Generator of {@code bandit-mixed}: {@value #EPISODES} one-step episodes of {@link BanditController#mixed()}, each
 * ending with a terminal; episode {@code i} uses seed {@value #SEED} {@code + i}.
 */
final class BanditDatasets {

    static final int EPISODES = 100_000;
    static final long SEED = 301_000_000L;

    private BanditDatasets() {
    }

    static OfflineDataset mixed() {
        Bandit env = new Bandit();
        Controller c = BanditController.mixed();
        TransitionBuffer out = new TransitionBuffer(2, 2, EPISODES);
        for (int i = 0; i < EPISODES; i++) {
            Rollouts.record(env, c, SEED + i, out);
        }
        return out.toDataset(Bandit.NAME + "-mixed");
    }
}
