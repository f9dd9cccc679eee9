package io.github.edp4j.algos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * DTQL's per-dataset settings from the official code of Chen, Wang, Zhou (arXiv 2405.19690; the hyperparameter
 * table of its {@code main.py}): the
 * weight {@code alpha} of the trust-region loss, the weight {@code gamma} of the likelihood term (1 for antmaze,
 * 0 otherwise) and the expectile of the value regression (0.9 for antmaze and pen-human, 0.7 otherwise). The
 * official learning rates (3e-4 mostly; 1e-4 hopper-medium and kitchen-complete/partial, 3e-5 antmaze-umaze-diverse
 * and pen-human, 1e-5 pen-cloned), cosine decay on some datasets and batch size 2048 on antmaze are not part of the
 * preset; set them on the builder where wanted.
 *
 * @param alpha weight of the trust-region loss
 * @param nllWeight weight of the negative log-likelihood of dataset actions
 * @param expectile expectile of the value regression
 */
public record DtqlPreset(double alpha, double nllWeight, double expectile) {

    /** The official presets by dataset name, in the paper's table order; immutable. */
    private static final Map<String, DtqlPreset> BY_DATASET = officialPresets();

    private static Map<String, DtqlPreset> officialPresets() {
        Map<String, DtqlPreset> m = new LinkedHashMap<>();
        put(m, 1, 0, 0.7, "halfcheetah-medium");
        put(m, 5, 0, 0.7, "halfcheetah-medium-replay");
        put(m, 50, 0, 0.7, "halfcheetah-medium-expert");
        put(m, 5, 0, 0.7, "hopper-medium", "hopper-medium-replay");
        put(m, 20, 0, 0.7, "hopper-medium-expert");
        put(m, 5, 0, 0.7, "walker2d-medium", "walker2d-medium-replay", "walker2d-medium-expert");
        put(m, 1, 1, 0.9, "antmaze-umaze", "antmaze-umaze-diverse", "antmaze-medium-play", "antmaze-medium-diverse",
                "antmaze-large-play");
        put(m, 0.5, 1, 0.9, "antmaze-large-diverse");
        put(m, 1500, 0, 0.9, "pen-human");
        put(m, 1500, 0, 0.7, "pen-cloned");
        put(m, 200, 0, 0.7, "kitchen-complete", "kitchen-mixed");
        put(m, 100, 0, 0.7, "kitchen-partial");
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, DtqlPreset> m, double alpha, double gamma, double expectile,
            String... names) {
        for (String n : names) {
            m.put(n, new DtqlPreset(alpha, gamma, expectile));
        }
    }

    /**
     * The preset of a D4RL dataset.
     *
     * @param dataset a D4RL name such as {@code hopper-medium-expert-v2} (the version suffix is ignored)
     * @return its preset
     * @throws IllegalArgumentException for a dataset without an official preset, listing those that have one
     */
    public static DtqlPreset forDataset(String dataset) {
        String key = dataset == null ? "" : dataset.toLowerCase(Locale.ROOT).replaceAll("-v\\d+$", "");
        DtqlPreset p = BY_DATASET.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no DTQL preset for dataset '" + dataset + "': known "
                    + String.join(", ", BY_DATASET.keySet()));
        }
        return p;
    }
}
