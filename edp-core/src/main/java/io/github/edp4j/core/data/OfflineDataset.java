package io.github.edp4j.core.data;

import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable set of q-learning transitions {@code (s, a, r, s', terminal, timeout)}, the input of offline
 * RL (D4RL's {@code qlearning_dataset} layout, Fu et al. 2020). Arrays are stored row-major and flat; rows are
 * transitions in episode order.
 *
 * <p>Built with {@link #builder()}, which validates every array: matching lengths, matching dimensions, finite
 * values (the message names the field and the row), and at least one transition. {@link #toDevice(NDManager)}
 * copies the data once to an NDArray device for batch sampling.
 *
 * <p><b>Thread safety.</b> Immutable and held in Java memory only (every accessor returns a copy): one dataset may
 * be read and trained on by any number of threads at once. Nothing needs closing.
 */
public final class OfflineDataset {

    private final String name;
    private final int size;
    private final int observationDim;
    private final int actionDim;
    private final float[] observations;
    private final float[] actions;
    private final float[] rewards;
    private final float[] nextObservations;
    private final boolean[] terminals;
    private final boolean[] timeouts;
    /** The content hash, computed on first use; a benign race computes the same value twice at worst. */
    private volatile String contentHash;

    private OfflineDataset(Builder b) {
        this.name = b.name;
        this.size = b.rewards.length;
        this.observationDim = b.observationDim;
        this.actionDim = b.actionDim;
        this.observations = b.observations;
        this.actions = b.actions;
        this.rewards = b.rewards;
        this.nextObservations = b.nextObservations;
        this.terminals = b.terminals;
        this.timeouts = b.timeouts;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the dataset's name, such as {@code hopper-medium-v2} or {@code pendulum-medium} */
    public String name() {
        return name;
    }

    /** @return the number of transitions */
    public int size() {
        return size;
    }

    /** @return the observation dimension */
    public int observationDim() {
        return observationDim;
    }

    /** @return the action dimension */
    public int actionDim() {
        return actionDim;
    }

    /** @return a copy of the observations, row-major {@code size x observationDim} */
    public float[] observations() {
        return observations.clone();
    }

    /** @return a copy of the actions, row-major {@code size x actionDim} */
    public float[] actions() {
        return actions.clone();
    }

    /** @return a copy of the rewards */
    public float[] rewards() {
        return rewards.clone();
    }

    /** @return a copy of the next observations, row-major {@code size x observationDim} */
    public float[] nextObservations() {
        return nextObservations.clone();
    }

    /** @return a copy of the terminal flags (true end of episode, no bootstrapping) */
    public boolean[] terminals() {
        return terminals.clone();
    }

    /** @return a copy of the timeout flags (episode truncated after this transition) */
    public boolean[] timeouts() {
        return timeouts.clone();
    }

    /**
     * @param row transition index
     * @return a copy of that transition's observation
     */
    public float[] observation(int row) {
        return Arrays.copyOfRange(observations, row * observationDim, (row + 1) * observationDim);
    }

    /**
     * @param row transition index
     * @return a copy of that transition's action
     */
    public float[] action(int row) {
        return Arrays.copyOfRange(actions, row * actionDim, (row + 1) * actionDim);
    }

    /**
     * @param row transition index
     * @return that transition's reward
     */
    public float reward(int row) {
        return rewards[row];
    }

    /**
     * @param row transition index
     * @return whether the episode ends at this transition, by a terminal or a timeout
     */
    public boolean episodeEnd(int row) {
        return terminals[row] || timeouts[row] || row == size - 1;
    }

    /**
     * The mean undiscounted return of the dataset's episodes, an episode ending at a terminal, a timeout or the
     * last row (the "score of the data" offline RL is compared with).
     *
     * @return the mean episode return
     */
    public double meanEpisodeReturn() {
        double total = 0;
        int episodes = 0;
        for (int i = 0; i < size; i++) {
            total += rewards[i];
            if (episodeEnd(i)) {
                episodes++;
            }
        }
        return total / episodes;
    }

    /**
     * Returns a dataset with the same transitions and rewards replaced (reward preprocessing).
     *
     * @param newRewards one finite reward per transition
     * @return the new dataset
     */
    public OfflineDataset withRewards(float[] newRewards) {
        return toBuilder().rewards(newRewards).build();
    }

    /** @return a builder holding this dataset's values */
    public Builder toBuilder() {
        return builder().name(name)
                .observations(observations, observationDim)
                .actions(actions, actionDim)
                .rewards(rewards)
                .nextObservations(nextObservations, observationDim)
                .terminals(terminals)
                .timeouts(timeouts);
    }

    /**
     * Copies the transitions once to the device of {@code manager} for batch sampling by index.
     *
     * @param manager a long-lived manager that owns the device copy
     * @return the device copy
     */
    public DeviceDataset toDevice(NDManager manager) {
        return new DeviceDataset(this, manager);
    }

    /**
     * A content hash of every array, recorded in a trained model's provenance and in the dataset cache: the SHA-256
     * (hexadecimal) of the size, observation dimension and action dimension as 32-bit little-endian integers, then
     * the observations, actions, rewards and next observations as little-endian float32, then one byte per
     * transition ({@code terminal | timeout << 1}). Computed on the first call and kept (the dataset is immutable).
     *
     * @return a 64-digit hexadecimal hash
     */
    public String contentHash() {
        String h = contentHash;
        if (h == null) {
            h = computeContentHash();
            contentHash = h;
        }
        return h;
    }

    private String computeContentHash() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(size).putInt(observationDim).putInt(actionDim);
        for (float[] arr : new float[][] {observations, actions, rewards, nextObservations}) {
            for (float v : arr) {
                if (buf.remaining() < Float.BYTES) {
                    drain(sha, buf);
                }
                buf.putFloat(v);
            }
        }
        for (int i = 0; i < size; i++) {
            if (!buf.hasRemaining()) {
                drain(sha, buf);
            }
            buf.put((byte) ((terminals[i] ? 1 : 0) | (timeouts[i] ? 2 : 0)));
        }
        drain(sha, buf);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void drain(MessageDigest sha, ByteBuffer buf) {
        buf.flip();
        sha.update(buf);
        buf.clear();
    }

    @Override
    public String toString() {
        return "OfflineDataset{name=" + name + ", size=" + size + ", observationDim=" + observationDim
                + ", actionDim=" + actionDim + "}";
    }

    /**
     * Builder of {@link OfflineDataset}. Observations, actions, rewards and next observations are required;
     * terminals and timeouts default to all-false. {@link #build()} validates everything.
     */
    public static final class Builder {
        private String name = "unnamed";
        private float[] observations;
        private int observationDim = -1;
        private float[] actions;
        private int actionDim = -1;
        private float[] rewards;
        private float[] nextObservations;
        private int nextObservationDim = -1;
        private boolean[] terminals;
        private boolean[] timeouts;

        private Builder() {}

        /**
         * @param name dataset name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param flat row-major observations
         * @param dim observation dimension
         * @return this builder
         */
        public Builder observations(float[] flat, int dim) {
            this.observations = Objects.requireNonNull(flat, "observations").clone();
            this.observationDim = dim;
            return this;
        }

        /**
         * @param rows one observation per row, all of the same length
         * @return this builder
         */
        public Builder observations(float[][] rows) {
            this.observationDim = rowDim("observations", rows);
            this.observations = flatten("observations", rows, observationDim);
            return this;
        }

        /**
         * @param flat row-major actions
         * @param dim action dimension
         * @return this builder
         */
        public Builder actions(float[] flat, int dim) {
            this.actions = Objects.requireNonNull(flat, "actions").clone();
            this.actionDim = dim;
            return this;
        }

        /**
         * @param rows one action per row, all of the same length
         * @return this builder
         */
        public Builder actions(float[][] rows) {
            this.actionDim = rowDim("actions", rows);
            this.actions = flatten("actions", rows, actionDim);
            return this;
        }

        /**
         * @param rewards one reward per transition
         * @return this builder
         */
        public Builder rewards(float[] rewards) {
            this.rewards = Objects.requireNonNull(rewards, "rewards").clone();
            return this;
        }

        /**
         * @param flat row-major next observations
         * @param dim observation dimension
         * @return this builder
         */
        public Builder nextObservations(float[] flat, int dim) {
            this.nextObservations = Objects.requireNonNull(flat, "nextObservations").clone();
            this.nextObservationDim = dim;
            return this;
        }

        /**
         * @param rows one next observation per row
         * @return this builder
         */
        public Builder nextObservations(float[][] rows) {
            this.nextObservationDim = rowDim("nextObservations", rows);
            this.nextObservations = flatten("nextObservations", rows, nextObservationDim);
            return this;
        }

        /**
         * @param terminals one flag per transition: the episode truly ends after it (no bootstrapping)
         * @return this builder
         */
        public Builder terminals(boolean[] terminals) {
            this.terminals = Objects.requireNonNull(terminals, "terminals").clone();
            return this;
        }

        /**
         * @param timeouts one flag per transition: the episode was truncated after it
         * @return this builder
         */
        public Builder timeouts(boolean[] timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts").clone();
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the dataset
         * @throws IllegalArgumentException naming the field and value (or row) that is wrong
         */
        public OfflineDataset build() {
            require("observations", observations);
            require("actions", actions);
            require("rewards", rewards);
            require("nextObservations", nextObservations);
            int n = rewards.length;
            if (n == 0) {
                throw new IllegalArgumentException("dataset '" + name + "': zero transitions (rewards is empty)");
            }
            if (observationDim < 1) {
                throw new IllegalArgumentException(
                        "dataset '" + name + "': observation dimension must be >= 1, got " + observationDim);
            }
            if (actionDim < 1) {
                throw new IllegalArgumentException(
                        "dataset '" + name + "': action dimension must be >= 1, got " + actionDim);
            }
            if (nextObservationDim != observationDim) {
                throw new IllegalArgumentException("dataset '" + name + "': nextObservations has dimension "
                        + nextObservationDim + " but observations has " + observationDim);
            }
            checkLength("observations", observations.length, n, observationDim);
            checkLength("actions", actions.length, n, actionDim);
            checkLength("nextObservations", nextObservations.length, n, observationDim);
            if (terminals == null) {
                terminals = new boolean[n];
            }
            if (timeouts == null) {
                timeouts = new boolean[n];
            }
            if (terminals.length != n) {
                throw new IllegalArgumentException("dataset '" + name + "': terminals has " + terminals.length
                        + " rows but rewards has " + n);
            }
            if (timeouts.length != n) {
                throw new IllegalArgumentException("dataset '" + name + "': timeouts has " + timeouts.length
                        + " rows but rewards has " + n);
            }
            checkFinite("observations", observations, observationDim);
            checkFinite("actions", actions, actionDim);
            checkFinite("rewards", rewards, 1);
            checkFinite("nextObservations", nextObservations, observationDim);
            return new OfflineDataset(this);
        }

        private void require(String field, Object value) {
            if (value == null) {
                throw new IllegalArgumentException("dataset '" + name + "': " + field + " is required but was not set");
            }
        }

        private void checkLength(String field, int length, int n, int dim) {
            if (length != (long) n * dim) {
                throw new IllegalArgumentException("dataset '" + name + "': " + field + " has " + length
                        + " values, expected " + n + " rows x " + dim + " = " + ((long) n * dim)
                        + " (rewards has " + n + " rows)");
            }
        }

        private void checkFinite(String field, float[] values, int dim) {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("dataset '" + name + "': " + field + " has non-finite value "
                            + values[i] + " at row " + (i / dim) + ", column " + (i % dim));
                }
            }
        }

        private static int rowDim(String field, float[][] rows) {
            Objects.requireNonNull(rows, field);
            if (rows.length == 0) {
                return 1;
            }
            return rows[0].length;
        }

        private static float[] flatten(String field, float[][] rows, int dim) {
            float[] flat = new float[rows.length * dim];
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null || rows[i].length != dim) {
                    throw new IllegalArgumentException(field + ": row " + i + " has length "
                            + (rows[i] == null ? "null" : rows[i].length) + " but row 0 has " + dim);
                }
                System.arraycopy(rows[i], 0, flat, i * dim, dim);
            }
            return flat;
        }
    }
}
