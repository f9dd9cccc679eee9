package io.github.edp4j.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The options a run directory's {@code command.txt} records, and how {@code train --resume} combines them with the
 * options given now: the recorded ones apply unless given again; an option given again must have the recorded value
 * unless it is one of {@link #CHANGEABLE}, so that a resumed run continues the same training.
 *
 * <p>{@code command.txt} holds, per start of the run, a comment line {@code # <time>, working directory <dir>} and
 * the command line {@code edp4j train <options>}, single-quoted where needed. The last command line is the one that
 * applies (a resume writes the options it used in full). A relative {@code --dataset} is resolved against the
 * recorded working directory.
 */
final class RecordedRun {

    /**
     * Options that may differ from the recorded ones on {@code --resume}: the iteration budget (how a run is
     * continued), the cadence of checkpoints and of {@code training.csv} rows, threads, {@code --verbose}, and
     * {@code --dataset} itself (the file may have moved; the checkpoint's content hash checks it is the same data).
     */
    static final Set<String> CHANGEABLE = Set.of("--iterations", "--threads", "--checkpoint-every", "--log-every",
            "--verbose", "--dataset", "--out", "--resume");

    private static final String COMMAND_PREFIX = "edp4j train ";
    private static final String DIRECTORY_MARK = ", working directory ";

    private RecordedRun() {}

    /**
     * @param commandFile a run's {@code command.txt}
     * @return the options of its last {@code edp4j train} line, relative {@code --dataset} resolved against the
     *     recorded working directory; empty if the file does not exist or has no such line
     * @throws IOException if it exists but cannot be read, or a line's quoting is broken
     */
    static Optional<List<String>> lastOptions(Path commandFile) throws IOException {
        if (!Files.isRegularFile(commandFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(commandFile, StandardCharsets.UTF_8);
        String command = null;
        Path workingDirectory = null;
        for (String line : lines) {
            if (line.startsWith("#") && line.contains(DIRECTORY_MARK)) {
                workingDirectory = Path.of(line.substring(line.indexOf(DIRECTORY_MARK) + DIRECTORY_MARK.length()));
            } else if (line.startsWith(COMMAND_PREFIX)) {
                command = line.substring(COMMAND_PREFIX.length());
            }
        }
        if (command == null) {
            return Optional.empty();
        }
        List<String> args = split(command, commandFile);
        int i = args.indexOf("--dataset");
        // a Minari dataset id is not a path: keep it when nothing of its name exists in the recorded directory
        if (workingDirectory != null && i >= 0 && i + 1 < args.size() && !Path.of(args.get(i + 1)).isAbsolute()
                && Files.exists(workingDirectory.resolve(args.get(i + 1)))) {
            args.set(i + 1, workingDirectory.resolve(args.get(i + 1)).normalize().toString());
        }
        return Optional.of(args);
    }

    /**
     * @param time when the command ran, as an ISO-8601 instant
     * @param workingDirectory the directory the command ran in
     * @return the comment line that starts a record
     */
    static String comment(String time, Path workingDirectory) {
        return "# " + time + DIRECTORY_MARK + workingDirectory.toAbsolutePath();
    }

    /** Splits a recorded command line: words separated by spaces, single quotes as {@code TrainCommand} writes them. */
    static List<String> split(String line, Path source) throws IOException {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < line.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(++i));
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quoted) {
            throw new IOException(source + ": unterminated quote in the recorded command line");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Combines the recorded options with those given now.
     *
     * @param now the parse result of the command given now
     * @param recorded the recorded options
     * @param commandFile where they were recorded, for messages
     * @param out the run directory, which replaces the recorded {@code --out}
     * @return the options to run with: the recorded ones, those given now in their place, {@code --out} and
     *     {@code --resume}
     * @throws ParameterException if a non-changeable option given now differs from the recorded value
     */
    static List<String> merge(ParseResult now, List<String> recorded, Path commandFile, Path out) {
        CommandLine recordedLine = new CommandLine(new TrainCommand());
        recordedLine.setCaseInsensitiveEnumValuesAllowed(true);
        ParseResult before;
        try {
            before = recordedLine.parseArgs(recorded.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new ParameterException(now.commandSpec().commandLine(), "--resume: cannot read the options"
                    + " recorded in " + commandFile + " (" + e.getMessage() + "); give them again");
        }
        List<String> differences = new ArrayList<>();
        for (OptionSpec o : now.matchedOptions()) {
            String name = o.longestName();
            if (CHANGEABLE.contains(name)) {
                continue;
            }
            OptionSpec old = before.matchedOption(name);
            Object oldValue = old != null ? old.getValue() : defaultValue(recordedLine, name);
            if (!Objects.deepEquals(normalise(o.getValue()), normalise(oldValue))) {
                differences.add(name + " " + String.join(" ", o.originalStringValues()) + " (the run has "
                        + (old != null ? String.join(" ", old.originalStringValues()) : "the default, "
                                + show(oldValue)) + ")");
            }
        }
        if (!differences.isEmpty()) {
            throw new ParameterException(now.commandSpec().commandLine(), "--resume: options differ from those"
                    + " recorded in " + commandFile + ": " + String.join(", ", differences) + "; only "
                    + String.join(", ", List.of("--iterations", "--threads", "--checkpoint-every", "--log-every"))
                    + " may change, or leave the options out to take the recorded ones");
        }
        List<String> merged = new ArrayList<>();
        for (OptionSpec o : before.matchedOptions()) {
            String name = o.longestName();
            if (now.hasMatchedOption(name) || name.equals("--out") || name.equals("--resume")) {
                continue;
            }
            add(merged, o);
        }
        for (OptionSpec o : now.matchedOptions()) {
            String name = o.longestName();
            if (!name.equals("--out") && !name.equals("--resume")) {
                add(merged, o);
            }
        }
        merged.addAll(List.of("--out", out.toString(), "--resume"));
        return merged;
    }

    private static void add(List<String> args, OptionSpec o) {
        if (o.arity().max() == 0) {
            args.add(o.longestName());
            return;
        }
        for (String v : o.originalStringValues()) {
            args.add(o.longestName());
            args.add(v);
        }
    }

    private static Object defaultValue(CommandLine recordedLine, String name) {
        try {
            OptionSpec spec = recordedLine.getCommandSpec().findOption(name);
            return spec == null ? null : spec.getValue();
        } catch (RuntimeException e) {
            return null; // an option of a group that was not given has no value to read
        }
    }

    private static Object normalise(Object v) {
        return v instanceof Enum<?> e ? e.name() : v;
    }

    private static String show(Object v) {
        if (v == null) {
            return "none";
        }
        return v instanceof int[] a ? Arrays.toString(a) : v.toString();
    }
}
