package io.github.edp4j.examples.cli;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rlWriter;
import io.github.edp4j.d4rl.EpisodeStatistics;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j export}: writes a built-in dataset as a D4RL-layout HDF5 file with {@link D4rlWriter}, which
 * {@code edp4j info --dataset}, {@link io.github.edp4j.d4rl.D4rl#load} and h5py read back unchanged. An existing
 * file is kept unless {@code --force} is given; the file is written to a temporary file and moved into place.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Write a built-in dataset as a D4RL-layout HDF5 file.")
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--task", paramLabel = "NAME", required = true, completionCandidates = BuiltinDatasetNames.class,
            description = "The built-in dataset to write: ${COMPLETION-CANDIDATES}.")
    private String task;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "The HDF5 file to write, such as pendulum-medium.hdf5; missing directories are created.")
    private Path out;

    @Option(names = "--force", description = "Replace the file if it exists.")
    private boolean force;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public ExportCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() {
        String name = BuiltinDatasetNames.require(spec.commandLine(), "--task", task);
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "is a directory; give a file name such as " + name + ".hdf5"));
        }
        if (Files.exists(target) && !force) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "already exists; pass --force to replace it"));
        }
        OfflineDataset ds = BuiltinTasks.dataset(name);
        D4rlWriter.write(ds, target);
        EpisodeStatistics ep = EpisodeStatistics.of(ds);
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "wrote %s: %d transitions, %d episodes, observation dim %d, action dim %d, content"
                + " hash %s%n", ds.name(), ds.size(), ep.episodes(), ds.observationDim(), ds.actionDim(),
                ds.contentHash());
        pw.printf(Locale.ROOT, "to %s (%s)%n", target, WrittenFileSize.of(target));
        pw.flush();
        return CommandLine.ExitCode.OK;
    }
}
