package io.github.edp4j.sweep;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.github.edp4j.core.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's directory under a sweep's output, {@code OUT/runs/<run id>/}, and its state. The completion marker
 * {@value #COMPLETED} (the run's results, one JSON line) is written last and atomically (a temporary file moved over
 * the name), so a run is complete exactly when the marker exists, whatever happened before; a failed run has
 * {@value #FAILED} with its error instead. A second invocation of the sweep skips complete runs and starts the others
 * again in an emptied directory.
 */
final class RunDirectory {

    /** The sweep output's directory of run directories. */
    static final String RUNS = "runs";
    /** The completion marker: the run's results as one JSON line, written last. */
    static final String COMPLETED = "completed.json";
    /** The failure record: the error of a run that failed, one JSON line. */
    static final String FAILED = "failed.json";
    /** The run's settings, written when it starts. */
    static final String RUN = "run.json";

    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** A run's state as its directory shows it. */
    enum State {
        /** never started, or interrupted (no marker, no failure record) */
        PENDING,
        /** the completion marker exists */
        COMPLETED,
        /** the failure record exists */
        FAILED
    }

    private RunDirectory() {
    }

    /**
     * @param out the sweep's output directory
     * @param runId a run's id
     * @return its directory
     */
    static Path of(Path out, String runId) {
        return out.resolve(RUNS).resolve(runId);
    }

    /**
     * @param dir a run directory
     * @return its state
     */
    static State state(Path dir) {
        if (Files.isRegularFile(dir.resolve(COMPLETED))) {
            return State.COMPLETED;
        }
        return Files.isRegularFile(dir.resolve(FAILED)) ? State.FAILED : State.PENDING;
    }

    /**
     * Empties a run directory for a fresh attempt (creating it if needed).
     *
     * @param dir the run directory
     * @throws UncheckedIOException if it cannot be emptied
     */
    static void reset(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes one JSON object as a single line, atomically.
     *
     * @param file the file
     * @param json the object
     * @throws UncheckedIOException if it cannot be written
     */
    static void writeJson(Path file, JsonObject json) {
        try {
            AtomicFile.writeString(file, GSON.toJson(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a JSON file written by {@link #writeJson}
     * @return its object, empty if the file is missing or not a JSON object
     */
    static Optional<JsonObject> readJson(Path file) {
        try {
            return Optional.ofNullable(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class));
        } catch (IOException | JsonParseException | ClassCastException e) {
            return Optional.empty();
        }
    }
}
