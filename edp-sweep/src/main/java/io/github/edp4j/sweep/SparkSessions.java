package io.github.edp4j.sweep;

import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for sweeps: the settings every sweep session gets, and the embedded {@code local[N]} one. The
 * embedded session has no web UI, binds to the loopback interface (no network exposure, no warning about the host
 * name) and keeps few shuffle partitions, since a sweep's tables have a few rows per dataset and method.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * @param parallel runs at once, at least 1
     * @param attempts attempts of a task before the job fails (Spark's task retries), at least 1
     * @return a new or the running session on {@code local[parallel,attempts]}
     * @throws IllegalArgumentException if a count is below 1
     */
    public static SparkSession local(int parallel, int attempts) {
        if (parallel < 1 || attempts < 1) {
            throw new IllegalArgumentException("local[" + parallel + "," + attempts + "] is invalid: runs at once and"
                    + " attempts allowed >= 1");
        }
        return configure(SparkSession.builder().appName("edp4j sweep").master("local[" + parallel + "," + attempts
                + "]"), true).getOrCreate();
    }

    /**
     * Adds the sweep's settings to a session builder.
     *
     * @param b the builder
     * @param local whether the master is {@code local[...]}
     * @return {@code b}
     */
    static SparkSession.Builder configure(SparkSession.Builder b, boolean local) {
        b.config("spark.sql.shuffle.partitions", "4");
        if (local) {
            b.config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "localhost")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b;
    }
}
