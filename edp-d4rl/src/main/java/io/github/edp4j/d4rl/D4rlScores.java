package io.github.edp4j.d4rl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * D4RL's normalized score, {@code 100 (R - ref_min) / (ref_max - ref_min)}, where {@code R} is an undiscounted
 * episode return and the references are D4RL's random-policy and expert returns (d4rl/infos.py): 0 is a
 * random policy, 100 an expert. The reference depends on the environment (and for maze2d on the maze and on
 * sparse or dense rewards), not on the dataset, so any dataset name of an environment works:
 * {@code hopper-medium-v2}, {@code hopper-expert-v0} and {@code hopper} share one reference.
 */
public final class D4rlScores {

    /**
     * Reference returns of one environment.
     *
     * @param prefix the dataset-name prefix it applies to, such as {@code hopper} or {@code maze2d-umaze-dense}
     * @param min return of a random policy (score 0)
     * @param max return of an expert (score 100)
     */
    public record Reference(String prefix, double min, double max) {}

    private static final List<Reference> TABLE = sortedLongestFirst(List.of(
            new Reference("hopper", -20.272305, 3234.3),
            new Reference("halfcheetah", -280.178953, 12135.0),
            new Reference("walker2d", 1.629008, 4592.3),
            new Reference("ant", -325.6, 3879.7),
            new Reference("antmaze", 0.0, 1.0),
            new Reference("pen", 96.262799, 3076.8331017826877),
            new Reference("door", -56.512833, 2880.5693087298737),
            new Reference("hammer", -274.856578, 12794.134825156867),
            new Reference("relocate", -6.425911, 4233.877797728884),
            new Reference("kitchen", 0.0, 4.0),
            new Reference("maze2d-umaze", 23.85, 161.86),
            new Reference("maze2d-medium", 13.13, 277.39),
            new Reference("maze2d-large", 6.7, 273.99),
            new Reference("maze2d-umaze-dense", 68.537689, 193.66285642381482),
            new Reference("maze2d-medium-dense", 44.264742, 297.4552547777125),
            new Reference("maze2d-large-dense", 30.569041, 303.4857382709002)));

    private D4rlScores() {}

    /**
     * @param datasetName a D4RL dataset or environment name, such as {@code walker2d-medium-replay-v2},
     *     {@code antmaze-large-diverse-v2}, {@code pen-human-v1}, {@code kitchen-mixed-v0} or
     *     {@code maze2d-large-dense-v1}
     * @param undiscountedReturn an episode return in the environment's reward units
     * @return the normalized score: 0 at the random reference, 100 at the expert reference
     * @throws IllegalArgumentException if D4RL has no reference for the name (the message lists those known)
     */
    public static double normalized(String datasetName, double undiscountedReturn) {
        Reference r = reference(datasetName);
        return 100.0 * (undiscountedReturn - r.min()) / (r.max() - r.min());
    }

    /**
     * @param datasetName a D4RL dataset or environment name
     * @return the reference returns that apply to it (the longest matching prefix)
     * @throws IllegalArgumentException if D4RL has no reference for the name (the message lists those known)
     */
    public static Reference reference(String datasetName) {
        if (datasetName == null) {
            throw new IllegalArgumentException("no D4RL reference scores for a null name; known prefixes: "
                    + knownPrefixes());
        }
        String c = DatasetNames.canonical(datasetName);
        for (Reference r : TABLE) {
            if (c.equals(r.prefix()) || c.startsWith(r.prefix() + "-")) {
                return r;
            }
        }
        throw new IllegalArgumentException("no D4RL reference scores for '" + datasetName + "'; known prefixes: "
                + knownPrefixes());
    }

    /** @return the name prefixes with reference scores, alphabetically */
    public static List<String> knownPrefixes() {
        return TABLE.stream().map(Reference::prefix).sorted().toList();
    }

    private static List<Reference> sortedLongestFirst(List<Reference> refs) {
        List<Reference> out = new ArrayList<>(refs);
        out.sort(Comparator.comparingInt((Reference r) -> r.prefix().length()).reversed());
        return List.copyOf(out);
    }
}
