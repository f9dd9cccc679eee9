package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.Datasets;
import io.github.edp4j.d4rl.EpisodeStatistics;
import io.github.edp4j.d4rl.LoadedDataset;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j convert}: reads any dataset {@link Datasets} recognises (D4RL HDF5, Minari, OGBench or D4RL-named
 * {@code .npz}, a directory of {@code .npy} files, CSV) and writes its transitions as a D4RL-layout HDF5 file with
 * {@link Datasets#writeD4rl}, keeping the name, the source format and the reference returns under {@code metadata/},
 * so the rest of the tooling, and h5py, read it. An existing file is kept unless {@code --force} is given; the file
 * is written to a temporary file and moved into place.
 */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Write a dataset of any supported format (Minari, OGBench .npz, .npz, .npy directory, CSV, D4RL"
                + " HDF5) as a D4RL-layout HDF5 file.")
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Input:%n")
    private DatasetSelection.FileOptions input;

    @Option(names = "--out", paramLabel = "FILE", required = true, order = 20,
            description = "The HDF5 file to write, such as hopper-expert.hdf5; missing directories are created.")
    private Path out;

    @Option(names = "--force", order = 21, description = "Replace the file if it exists.")
    private boolean force;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public ConvertCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "is a directory; give a file name ending in .hdf5"));
        }
        if (Files.exists(target) && !force) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "already exists; pass --force to replace it"));
        }
        LoadedDataset d = Datasets.load(input.dataset(), input.options(cl));
        Datasets.writeD4rl(d, target);
        EpisodeStatistics ep = EpisodeStatistics.of(d.dataset());
        PrintWriter pw = cl.getOut();
        pw.printf(Locale.ROOT, "read %s as %s: %d transitions, %d episodes, observation dim %d, action dim %d%n",
                d.source().toAbsolutePath(), d.format().description(), d.dataset().size(), ep.episodes(),
                d.dataset().observationDim(), d.dataset().actionDim());
        pw.printf(Locale.ROOT, "wrote %s to %s (%s), content hash %s%n", d.name(), target, WrittenFileSize.of(target),
                d.dataset().contentHash());
        pw.flush();
        return CommandLine.ExitCode.OK;
    }
}
