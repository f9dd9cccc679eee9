package io.github.edp4j.examples;

import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that lets tests point the built-in dataset cache ({@value BuiltinTasks#CACHE_DIR_PROPERTY}) at
 * a directory and restores the previous value (or its absence) afterwards, so no test class leaks the setting into
 * the next one in the same JVM. Registered on a static field ({@code @RegisterExtension static final
 * DatasetsDirectory DATASETS = new DatasetsDirectory();}) it restores after the class, so {@link #use(Path)} may be
 * called from {@code @BeforeAll}; on an instance field it restores after each test.
 */
public final class DatasetsDirectory implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    private String beforeClass;
    private String beforeTest;

    @Override
    public void beforeAll(ExtensionContext context) {
        beforeClass = System.getProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        beforeTest = System.getProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
    }

    /** @param dir the cache directory for the tests that follow, until the extension restores the old value */
    public void use(Path dir) {
        System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, dir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore(beforeTest);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        restore(beforeClass);
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(BuiltinTasks.CACHE_DIR_PROPERTY);
        } else {
            System.setProperty(BuiltinTasks.CACHE_DIR_PROPERTY, value);
        }
    }
}
