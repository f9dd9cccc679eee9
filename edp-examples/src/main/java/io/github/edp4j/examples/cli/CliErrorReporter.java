package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.mujoco.MuJoCoException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * How every edp4j command reports an error: one line on stderr, naming the command, and picocli's exit code.
 *
 * <ul>
 *   <li>Usage errors (unknown option, missing or malformed value, an unknown built-in dataset, options that exclude
 *       each other): {@code edp4j info: <what is wrong> (see 'edp4j info --help')}, exit code 2
 *       ({@link CommandLine.ExitCode#USAGE}).</li>
 *   <li>Failures while running (missing or corrupt file, an output that exists, an I/O error):
 *       {@code edp4j info: <what went wrong>}, exit code 1 ({@link CommandLine.ExitCode#SOFTWARE}); with
 *       {@code --verbose} the stack trace follows.</li>
 * </ul>
 * Messages that span several lines are joined into one with {@code "; "}.
 */
public final class CliErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /**
     * An {@link OutOfMemoryError} of a command, as an exception the reporter can print in one line: what ran out
     * and what to do about it.
     */
    static final class OutOfMemory extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        OutOfMemory(OutOfMemoryError error) {
            super("out of memory (" + (error.getMessage() == null ? "Java heap" : error.getMessage()) + "): the"
                    + " command needs more than the JVM may use; use smaller sizes (--hidden, --batch-size) or give"
                    + " the JVM more memory (EDP4J_JAVA_OPTS=-Xmx8g)", error);
        }
    }

    /** libtorch's message when an allocation fails, with the bytes it asked for. */
    private static final Pattern NATIVE_OUT_OF_MEMORY =
            Pattern.compile("can't allocate memory: you tried to allocate (\\d+) bytes");

    /** Creates the reporter; it holds no state. */
    public CliErrorReporter() {
        // stateless
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        PrintWriter err = cmd.getErr();
        err.println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + describe(ex));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    }

    /**
     * Describes a failure in one line for a person: the message of the expected kinds of failure (bad input, I/O),
     * the exception type and message of anything else.
     *
     * @param failure what was thrown
     * @return one line, without line breaks
     */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        if (t instanceof UncheckedIOException u && u.getCause() != null
                && (u.getMessage() == null || u.getMessage().equals(u.getCause().toString()))) {
            t = u.getCause();
        }
        String message = t.getMessage();
        Matcher nativeMemory = message == null ? null : NATIVE_OUT_OF_MEMORY.matcher(message);
        if (nativeMemory != null && nativeMemory.find()) {
            return "out of memory: libtorch could not allocate " + nativeMemory.group(1) + " bytes; use smaller sizes"
                    + " (--hidden, --batch-size) (run with --verbose for the stack trace)";
        }
        if (t instanceof FileSystemException fs) {
            return oneLine(fileSystemMessage(fs));
        }
        boolean expected = t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof IOException || t instanceof UncheckedIOException
                || t instanceof UnsupportedOperationException || t instanceof MuJoCoException;
        if (expected && message != null && !message.isBlank()) {
            return oneLine(message);
        }
        String type = t.getClass().getSimpleName();
        return oneLine(message == null || message.isBlank() ? type + " (run with --verbose for the stack trace)"
                : type + ": " + message + " (run with --verbose for the stack trace)");
    }

    private static String fileSystemMessage(FileSystemException fs) {
        String reason = fs.getReason();
        if (reason == null) {
            if (fs instanceof NoSuchFileException) {
                reason = "no such file";
            } else if (fs instanceof AccessDeniedException) {
                reason = "permission denied";
            } else if (fs instanceof NotDirectoryException) {
                reason = "not a directory";
            } else {
                reason = fs.getClass().getSimpleName();
            }
        }
        String file = fs.getFile() == null ? "" : fs.getFile() + ": ";
        String other = fs.getOtherFile() == null ? "" : " (" + fs.getOtherFile() + ")";
        return file + reason + other;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption(VerboseOption.NAME)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().replaceAll("\\s*\\R\\s*", "; ");
        // picocli starts some messages with "Error: "; the command name already says it is one
        return line.startsWith("Error: ") ? line.substring("Error: ".length()) : line;
    }
}
