package io.github.edp4j.examples.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --verbose} option every edp4j command mixes in: with it a failure prints its full stack trace after the
 * one-line message ({@link CliErrorReporter}).
 */
public final class VerboseOption {

    /** The option's name, looked up by {@link CliErrorReporter}. */
    public static final String NAME = "--verbose";

    @Option(names = NAME, description = "On failure, also print the stack trace.")
    private boolean verbose;

    /** Creates the option; picocli sets it. */
    public VerboseOption() {
        // instantiated by picocli
    }

    /** @return whether {@code --verbose} was given */
    public boolean enabled() {
        return verbose;
    }
}
