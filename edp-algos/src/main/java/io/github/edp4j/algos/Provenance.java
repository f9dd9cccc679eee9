package io.github.edp4j.algos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a policy was trained, recorded next to it (in the style of Tribuo's provenance): the full configuration,
 * seed, dataset name and content hash, library, DJL and Java versions, and when.
 *
 * @param config the trainer configuration
 * @param datasetName the dataset's name
 * @param datasetHash the dataset's content hash
 * @param datasetSize number of transitions
 * @param libraryVersion EDP4J version
 * @param djlVersion DJL version
 * @param engineVersion libtorch version
 * @param javaVersion Java runtime version
 * @param createdAt ISO-8601 time the training started
 * @param iterationsCompleted iterations actually run
 */
public record Provenance(TrainerConfig config, String datasetName, String datasetHash, int datasetSize,
        String libraryVersion, String djlVersion, String engineVersion, String javaVersion, String createdAt,
        long iterationsCompleted) {

    /** The library version written into provenance. */
    public static final String LIBRARY_VERSION = "0.1.0-SNAPSHOT";

    /** @return every field as strings, configuration fields prefixed with {@code config.} */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("datasetName", datasetName);
        m.put("datasetHash", datasetHash);
        m.put("datasetSize", Integer.toString(datasetSize));
        m.put("libraryVersion", libraryVersion);
        m.put("djlVersion", djlVersion);
        m.put("engineVersion", engineVersion);
        m.put("javaVersion", javaVersion);
        m.put("createdAt", createdAt);
        m.put("iterationsCompleted", Long.toString(iterationsCompleted));
        config.toMap().forEach((k, v) -> m.put("config." + k, v));
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param m the form written by {@link #toMap()}
     * @return the provenance
     */
    public static Provenance fromMap(Map<String, String> m) {
        Map<String, String> cfg = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith("config.")) {
                cfg.put(k.substring(7), v);
            }
        });
        return new Provenance(TrainerConfig.fromMap(cfg), m.get("datasetName"), m.get("datasetHash"),
                Integer.parseInt(m.getOrDefault("datasetSize", "0")), m.get("libraryVersion"), m.get("djlVersion"),
                m.get("engineVersion"), m.get("javaVersion"), m.get("createdAt"),
                Long.parseLong(m.getOrDefault("iterationsCompleted", "0")));
    }
}
