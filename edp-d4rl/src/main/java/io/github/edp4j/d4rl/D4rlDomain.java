package io.github.edp4j.d4rl;

/**
 * The D4RL task family a dataset belongs to. It selects the domain defaults of the EDP paper (reward
 * preprocessing, see {@link RewardPreprocessing#defaultFor(D4rlDomain, boolean)}); {@link #UNKNOWN} gets no
 * defaults.
 */
public enum D4rlDomain {
    /** MuJoCo locomotion: {@code hopper}, {@code halfcheetah}, {@code walker2d}, {@code ant}. */
    LOCOMOTION,
    /** AntMaze navigation with sparse goal rewards: {@code antmaze-*}. */
    ANTMAZE,
    /** Adroit dexterous manipulation: {@code pen}, {@code door}, {@code hammer}, {@code relocate}. */
    ADROIT,
    /** Franka kitchen: {@code kitchen-complete}, {@code kitchen-partial}, {@code kitchen-mixed}. */
    KITCHEN,
    /** 2-D point-mass mazes: {@code maze2d-*}. */
    MAZE2D,
    /** A name that is not a D4RL dataset: no domain defaults apply. */
    UNKNOWN;

    /**
     * Maps a dataset name to its domain by the environment part of the name, after the same normalisation
     * file names get ({@code hopper_medium-v2.hdf5} is {@code hopper-medium-v2}).
     *
     * @param datasetName a D4RL dataset name such as {@code hopper-medium-v2}, {@code antmaze-umaze-v0},
     *     {@code pen-human-v1}, {@code kitchen-partial-v0} or {@code maze2d-umaze-v1}
     * @return the domain, {@link #UNKNOWN} for names of no D4RL environment
     */
    public static D4rlDomain of(String datasetName) {
        return DatasetNames.identify(datasetName).domain();
    }
}
