package io.github.edp4j.examples.cli;

import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.util.Iterator;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The names accepted by {@code --task}: the built-in datasets of {@link BuiltinTasks#datasetNames()}. Picocli lists
 * them in the help ({@code ${COMPLETION-CANDIDATES}}) and shell completion; {@link #require} turns an unknown name
 * into a usage error.
 */
public final class BuiltinDatasetNames implements Iterable<String> {

    /** Creates the list; picocli instantiates it for completion candidates. */
    public BuiltinDatasetNames() {
        // stateless view of BuiltinTasks.datasetNames()
    }

    @Override
    public Iterator<String> iterator() {
        return BuiltinTasks.datasetNames().iterator();
    }

    /**
     * Checks that a name is a built-in dataset.
     *
     * @param commandLine the command whose option carried the name, for the usage error
     * @param option the option's name, such as {@code --task}
     * @param name the value given
     * @return {@code name}
     * @throws ParameterException naming the value and listing the built-in datasets if it is not one of them
     */
    public static String require(CommandLine commandLine, String option, String name) {
        if (!BuiltinTasks.datasetNames().contains(name)) {
            throw new ParameterException(commandLine, "unknown built-in dataset '" + name + "' for " + option
                    + "; known: " + String.join(", ", BuiltinTasks.datasetNames()));
        }
        return name;
    }
}
