package io.github.edp4j.examples.training;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.PolicyClass;
import java.util.Locale;
import java.util.Objects;

/**
 * How a training run is named for a person, in legends, tables and directory names: {@code EDP-IQL} for EDP's
 * diffusion policy with IQL, {@code Gaussian IQL} for the paper's feed-forward baseline (Table 2 of arXiv
 * 2305.20081; for TD3+BC the baseline is deterministic, {@code Deterministic TD3}).
 */
public final class RunLabel {

    private RunLabel() {}

    /**
     * @param algorithm the policy-improvement algorithm
     * @param policyClass diffusion or the feed-forward baseline
     * @return the run's name, such as {@code EDP-IQL} or {@code Gaussian IQL}
     */
    public static String of(Algorithm algorithm, PolicyClass policyClass) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (policyClass == PolicyClass.DIFFUSION) {
            boolean edp = algorithm == Algorithm.TD3 || algorithm == Algorithm.CRR || algorithm == Algorithm.IQL;
            return edp ? "EDP-" + algorithm.name() : algorithm.name();
        }
        return capitalized(policyClassName(algorithm, policyClass)) + " " + algorithm.name();
    }

    /**
     * @param algorithm the policy-improvement algorithm
     * @param policyClass diffusion or the feed-forward baseline
     * @return the policy's kind in lower case: {@code diffusion}, {@code Gaussian} or, for TD3+BC's baseline,
     *     {@code deterministic}
     */
    public static String policyClassName(Algorithm algorithm, PolicyClass policyClass) {
        Objects.requireNonNull(policyClass, "policyClass");
        return switch (policyClass) {
            case DIFFUSION -> "diffusion";
            case GAUSSIAN -> algorithm == Algorithm.TD3 ? "deterministic" : "Gaussian";
        };
    }

    /**
     * @param algorithm the policy-improvement algorithm
     * @param policyClass diffusion or the feed-forward baseline
     * @return a file-name-safe form of {@link #of}, such as {@code edp-iql} or {@code gaussian-iql}
     */
    public static String slug(Algorithm algorithm, PolicyClass policyClass) {
        return of(algorithm, policyClass).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
