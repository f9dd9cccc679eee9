package io.github.edp4j.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that choose a command's dataset: {@code --task NAME} for a built-in dataset, or
 * {@code --dataset FILE [--name NAME]} for a D4RL HDF5 file, exactly one of the two. Use it in a command as
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

    /** {@code --dataset FILE [--name NAME]}. */
    static final class FileOptions {
        @Option(names = "--dataset", order = 2, paramLabel = "FILE", required = true,
                description = "A D4RL-layout HDF5 file, such as hopper-medium-v2.hdf5.")
        private Path dataset;

        @Option(names = "--name", order = 3, paramLabel = "NAME",
                description = "The D4RL dataset name, such as hopper-medium-v2: it selects the domain (reward"
                        + " preprocessing) and the reference scores. Default: the file name, or the name stored"
                        + " in the file.")
        private String name;
    }

    /**
     * Checks the values and loads the dataset.
     *
     * @param commandLine the command the options belong to, for usage errors
     * @return the loaded dataset
     * @throws ParameterException if {@code --task} names no built-in dataset or {@code --name} is blank
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     * @throws io.github.edp4j.d4rl.D4rlFormatException if the file is not a readable D4RL dataset
     */
    public SelectedDataset load(CommandLine commandLine) {
        if (task != null) {
            return SelectedDataset.builtin(BuiltinDatasetNames.require(commandLine, "--task", task));
        }
        if (file == null) {
            throw new ParameterException(commandLine, "choose a dataset with --task NAME or --dataset FILE");
        }
        if (file.name != null && file.name.isBlank()) {
            throw new ParameterException(commandLine, "--name must not be blank");
        }
        return SelectedDataset.file(file.dataset, file.name);
    }
}
