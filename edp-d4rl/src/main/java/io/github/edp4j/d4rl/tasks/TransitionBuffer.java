package io.github.edp4j.d4rl.tasks;

import io.github.edp4j.core.data.OfflineDataset;
import java.util.Arrays;

/** A growable, append-only store of transitions that becomes an {@link OfflineDataset}. */
final class TransitionBuffer {

    private final int observationDim;
    private final int actionDim;
    private float[] observations;
    private float[] actions;
    private float[] rewards;
    private float[] nextObservations;
    private boolean[] terminals;
    private boolean[] timeouts;
    private int size;

    TransitionBuffer(int observationDim, int actionDim, int initialCapacity) {
        this.observationDim = observationDim;
        this.actionDim = actionDim;
        int cap = Math.max(16, initialCapacity);
        observations = new float[cap * observationDim];
        actions = new float[cap * actionDim];
        rewards = new float[cap];
        nextObservations = new float[cap * observationDim];
        terminals = new boolean[cap];
        timeouts = new boolean[cap];
    }

    /** @return the number of transitions stored */
    int size() {
        return size;
    }

    void add(float[] observation, float[] action, double reward, float[] nextObservation, boolean terminal,
            boolean timeout) {
        if (size == rewards.length) {
            grow();
        }
        System.arraycopy(observation, 0, observations, size * observationDim, observationDim);
        System.arraycopy(action, 0, actions, size * actionDim, actionDim);
        rewards[size] = (float) reward;
        System.arraycopy(nextObservation, 0, nextObservations, size * observationDim, observationDim);
        terminals[size] = terminal;
        timeouts[size] = timeout;
        size++;
    }

    OfflineDataset toDataset(String name) {
        return OfflineDataset.builder()
                .name(name)
                .observations(Arrays.copyOf(observations, size * observationDim), observationDim)
                .actions(Arrays.copyOf(actions, size * actionDim), actionDim)
                .rewards(Arrays.copyOf(rewards, size))
                .nextObservations(Arrays.copyOf(nextObservations, size * observationDim), observationDim)
                .terminals(Arrays.copyOf(terminals, size))
                .timeouts(Arrays.copyOf(timeouts, size))
                .build();
    }

    private void grow() {
        int cap = rewards.length * 2;
        observations = Arrays.copyOf(observations, cap * observationDim);
        actions = Arrays.copyOf(actions, cap * actionDim);
        rewards = Arrays.copyOf(rewards, cap);
        nextObservations = Arrays.copyOf(nextObservations, cap * observationDim);
        terminals = Arrays.copyOf(terminals, cap);
        timeouts = Arrays.copyOf(timeouts, cap);
    }
}
