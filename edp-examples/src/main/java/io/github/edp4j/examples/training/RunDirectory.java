package io.github.edp4j.examples.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * New output directories for training runs, named after the run and the time it started, such as
 * {@code edp4j-runs/bandit-mixed-iql-diffusion-20250131-142501}, under a root directory ({@value #DEFAULT_ROOT} in
 * the working directory by default). A root created here gets a {@code .gitignore} that ignores everything in it,
 * so that runs started inside a Git checkout do not show up as changes.
 */
public final class RunDirectory {

    /** The default root of run directories, relative to the working directory. */
    public static final String DEFAULT_ROOT = "edp4j-runs";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunDirectory() {}

    /**
     * Creates a new, empty run directory {@code root/<name>-<yyyyMMdd-HHmmss>}, with a suffix {@code -2},
     * {@code -3}, ... if a run of the same name started in the same second.
     *
     * @param root the root directory, created if missing
     * @param name the run's name; characters other than letters, digits, {@code .}, {@code _} and {@code -} become
     *     {@code -}
     * @return the new directory
     * @throws UncheckedIOException if the directory cannot be created
     */
    public static Path createNew(Path root, String name) {
        Objects.requireNonNull(root, "root");
        String base = name.replaceAll("[^A-Za-z0-9._-]+", "-") + "-" + LocalDateTime.now().format(STAMP);
        try {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                Files.writeString(root.resolve(".gitignore"),
                        "# Created by EDP4J: training runs are outputs, not sources.\n*\n", StandardCharsets.UTF_8);
            }
            for (int i = 1; ; i++) {
                Path dir = root.resolve(i == 1 ? base : base + "-" + i);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    // another run started in the same second: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + root.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }
}
