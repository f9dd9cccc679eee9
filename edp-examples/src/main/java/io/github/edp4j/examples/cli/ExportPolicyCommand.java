package io.github.edp4j.examples.cli;

import io.github.edp4j.algos.Policy;
import io.github.edp4j.algos.PolicyExport;
import java.io.IOException;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j export-policy}: writes a saved policy as an ONNX model (opset 17: normalisation, the sampler unrolled,
 * energy-based action selection and clipping in the graph; the noise and the selection's uniform draw are inputs) or
 * its weights as safetensors ({@link PolicyExport}). Like {@code export}, an existing file is kept unless {@code
 * --force} is given, and the file is written to a temporary file and moved into place. The acting options export a
 * policy that acts with other settings (another DPM-Solver budget or selection), as {@code evaluate} takes them.
 */
@Command(name = "export-policy",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Write a saved policy as an ONNX model or its weights as safetensors.")
public final class ExportPolicyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE", required = true,
            description = "A policy file, such as the policy.edp4j that edp4j train writes.")
    private Path policyFile;

    @Option(names = "--format", paramLabel = "onnx|safetensors", required = true,
            description = "onnx: the acting graph (inputs observation, noise, uniform; output action); safetensors:"
                    + " every network's weights, the normaliser and the bounds, for PyTorch.")
    private String format;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "The file to write, such as policy.onnx; missing directories are created.")
    private Path out;

    @Option(names = "--force", description = "Replace the file if it exists.")
    private boolean force;

    @Mixin
    private ActingOptions acting;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public ExportPolicyCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (!format.equals("onnx") && !format.equals("safetensors")) {
            throw new ParameterException(cl, "--format must be onnx or safetensors, got '" + format + "'");
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "is a directory; give a file name such as policy." + format));
        }
        if (Files.exists(target) && !force) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "already exists; pass --force to replace it"));
        }
        Path file = policyFile.toAbsolutePath().normalize();
        try (Policy loaded = Policy.load(file); Policy policy = withActing(cl, loaded)) {
            try {
                if (format.equals("onnx")) {
                    PolicyExport.onnx(policy, target);
                } else {
                    PolicyExport.safetensors(policy, target);
                }
            } catch (UnsupportedOperationException e) {
                throw new ParameterException(cl, file + ": " + e.getMessage(), e);
            }
            PrintWriter pw = cl.getOut();
            pw.printf(Locale.ROOT, "wrote %s of %s (%s; observation dim %d, action dim %d)%n", format, file,
                    policy.acting().describe(), policy.observationDim(), policy.actionBounds().dim());
            pw.printf(Locale.ROOT, "to %s (%s)%n", target, WrittenFileSize.of(target));
            pw.flush();
        }
        return CommandLine.ExitCode.OK;
    }

    private Policy withActing(CommandLine cl, Policy loaded) {
        if (!acting.given()) {
            return loaded;
        }
        try {
            return loaded.withActing(acting.apply(loaded.acting(), cl));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage(), e);
        }
    }
}
