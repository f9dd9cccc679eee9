package io.github.edp4j.examples;

import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that lets a test point the built-in dataset cache ({@value BuiltinTasks#CACHE_DIR_PROPERTY}) at a
 * directory and restores the previous value (or its absence) after each test, so no test leaks the setting into the
 * next class of the same JVM. Register it with {@code @RegisterExtension final DatasetsDirectory datasets = new
 * DatasetsDirectory();} and call {@link #use(Path)}.
 */
public final class DatasetsDirectory implements BeforeEachCallback, AfterEachCallback {

    private String previous;

    @Override
    public void beforeEach(ExtensionContext context) {
        previous = System.getProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
    }

    /** @param dir the cache directory for this test */
    public void use(Path dir) {
        System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, dir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (previous == null) {
            System.clearProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
        } else {
            System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, previous);
        }
    }
}
