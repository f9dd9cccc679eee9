package io.github.edp4j.d4rl;

/**
 * The file formats {@link Datasets#load(String, DatasetOptions)} recognises, and how each becomes q-learning
 * transitions.
 */
public enum DatasetFormat {
    /** A D4RL-layout HDF5 file (Fu et al. 2020), read by {@link D4rl}. */
    D4RL_HDF5("D4RL HDF5"),
    /** A Minari dataset (v0.4 or v0.5+, HDF5 storage): one group per episode in {@code data/main_data.hdf5}. */
    MINARI("Minari"),
    /**
     * An OGBench {@code .npz}: trajectories concatenated, each ending in a row with {@code terminals == 1} that holds
     * its final state; the rows with {@code terminals == 0} are the transitions.
     */
    OGBENCH_NPZ("OGBench .npz"),
    /** A {@code .npz} of arrays with D4RL's names ({@code observations}, {@code actions}, {@code rewards}, ...). */
    NPZ("NumPy .npz"),
    /** A directory of {@code .npy} files with D4RL's names, one array per file. */
    NPY_DIRECTORY("directory of NumPy .npy files"),
    /** A CSV file with a header row, mapped to transitions by {@link CsvColumns}. */
    CSV("CSV");

    private final String description;

    DatasetFormat(String description) {
        this.description = description;
    }

    /** @return the format's name for a person, such as {@code "OGBench .npz"} */
    public String description() {
        return description;
    }
}
