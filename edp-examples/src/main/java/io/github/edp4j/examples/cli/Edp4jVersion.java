package io.github.edp4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code edp4j --version} prints: the EDP4J version and the DJL and libtorch versions it was built against
 * (from {@code version.properties}, filled in by Maven), and the running Java and operating system.
 */
public final class Edp4jVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** Creates the provider; picocli instantiates it. */
    public Edp4jVersion() {
        // instantiated by picocli
    }

    @Override
    public String[] getVersion() {
        Properties p = buildFacts();
        return new String[] {
            "edp4j " + p.getProperty("version", "unknown"),
            "DJL " + p.getProperty("djl", "unknown") + ", PyTorch " + p.getProperty("pytorch", "unknown")
                    + " (" + p.getProperty("native", "unknown native artifact") + ")",
            "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}",
        };
    }

    /**
     * @return the build facts: {@code version}, {@code djl}, {@code pytorch}, {@code native}
     * @throws UncheckedIOException if the resource exists but cannot be read
     */
    public static Properties buildFacts() {
        Properties p = new Properties();
        try (InputStream in = Edp4jVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return p;
    }
}
