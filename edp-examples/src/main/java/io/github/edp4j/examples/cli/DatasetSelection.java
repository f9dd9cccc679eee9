package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.CsvColumns;
import io.github.edp4j.d4rl.DatasetFormat;
import io.github.edp4j.d4rl.DatasetOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that choose a command's dataset: {@code --task NAME} for a built-in dataset, or
 * {@code --dataset PATH [--name NAME] [--format F] [--columns SPEC] [--ref-min X --ref-max Y]} for a file, directory
 * or Minari dataset id read by {@link io.github.edp4j.d4rl.Datasets} (D4RL HDF5, Minari, OGBench or D4RL-named
 * {@code .npz}, a directory of {@code .npy} files, CSV), exactly one of the two. Use it in a command as
 * {@code @ArgGroup(exclusive = true, multiplicity = "1") DatasetSelection dataset;}.
 */
public final class DatasetSelection {

    @Option(names = "--task", order = 1, paramLabel = "NAME", completionCandidates = BuiltinDatasetNames.class,
            description = "A built-in dataset, generated on first use: ${COMPLETION-CANDIDATES}.")
    private String task;

    @ArgGroup(exclusive = false)
    private FileOptions file;

    /** Creates an empty selection; picocli fills it in. */
    public DatasetSelection() {
        // instantiated by picocli
    }

    /** {@code --dataset PATH} and the options that say how to read it. */
    static final class FileOptions {
        @Option(names = "--dataset", order = 2, paramLabel = "PATH", required = true,
                description = "A dataset file, directory or Minari dataset id: a D4RL HDF5 file such as"
                        + " hopper-medium-v2.hdf5, a Minari dataset directory, its data/main_data.hdf5 or its id"
                        + " (such as mujoco/hopper/expert-v0, under $MINARI_DATASETS_PATH or ~/.minari/datasets),"
                        + " an OGBench .npz, a .npz or a directory of .npy files with D4RL's array names, or a"
                        + " CSV file.")
        private String dataset;

        @Option(names = "--name", order = 3, paramLabel = "NAME",
                description = "The dataset name, such as hopper-medium-v2: a D4RL name selects the domain (reward"
                        + " preprocessing) and the reference scores. Default: the file's (Minari's dataset_id, the"
                        + " file name, or the name stored in the file).")
        private String name;

        @Option(names = "--format", order = 4, paramLabel = "FORMAT",
                description = "Read the input as this format instead of recognising it: ${COMPLETION-CANDIDATES}.")
        private DatasetFormat format;

        @Option(names = "--columns", order = 5, paramLabel = "SPEC",
                description = "CSV column mapping, such as obs=x,y,vx,vy;act=u*;reward=r;terminal=done;"
                        + "timeout=cut;episode=run (a name ending in * is a prefix). Default: obs*, act*, reward,"
                        + " and terminal, timeout, episode, next_obs* when present.")
        private String columns;

        @Option(names = "--ref-min", order = 6, paramLabel = "RETURN",
                description = "The return that scores 0 on the normalized scale (with --ref-max); overrides the"
                        + " format's and D4RL's references.")
        private Double refMin;

        @Option(names = "--ref-max", order = 7, paramLabel = "RETURN",
                description = "The return that scores 100 on the normalized scale (with --ref-min).")
        private Double refMax;

        /**
         * @param commandLine for usage errors
         * @return the options these values ask for
         */
        DatasetOptions options(CommandLine commandLine) {
            if (name != null && name.isBlank()) {
                throw new ParameterException(commandLine, "--name must not be blank");
            }
            DatasetOptions.Builder b = DatasetOptions.builder().name(name).format(format);
            if ((refMin == null) != (refMax == null)) {
                throw new ParameterException(commandLine, "give --ref-min and --ref-max together");
            }
            try {
                if (refMin != null) {
                    b.referenceReturns(refMin, refMax);
                }
                if (columns != null) {
                    b.csvColumns(CsvColumns.parse(columns));
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(commandLine, (refMin != null && columns == null ? "--ref-min/--ref-max: "
                        : "--columns: ") + e.getMessage());
            }
            return b.build();
        }

        /** @return the path or Minari id given */
        String dataset() {
            return dataset;
        }
    }

    /**
     * Checks the values and loads the dataset.
     *
     * @param commandLine the command the options belong to, for usage errors
     * @return the loaded dataset
     * @throws ParameterException if {@code --task} names no built-in dataset, {@code --name} is blank, only one of
     *     {@code --ref-min} and {@code --ref-max} is given, or {@code --columns} is malformed
     * @throws java.io.UncheckedIOException if the path does not exist or cannot be read
     * @throws io.github.edp4j.d4rl.D4rlFormatException if it is not a readable dataset
     */
    public SelectedDataset load(CommandLine commandLine) {
        if (task != null) {
            return SelectedDataset.builtin(BuiltinDatasetNames.require(commandLine, "--task", task));
        }
        if (file == null) {
            throw new ParameterException(commandLine, "choose a dataset with --task NAME or --dataset FILE");
        }
        return SelectedDataset.load(file.dataset(), file.options(commandLine));
    }
}
