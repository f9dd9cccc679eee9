package io.github.edp4j.d4rl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The observation and action dimensions of every D4RL environment, checked against a file so that a dataset loaded
 * under another environment's name (a hopper file named {@code pen-human-v1}) is refused instead of being
 * preprocessed and scored as that environment. {@link D4rl#load(java.nio.file.Path, String)} refuses an explicit name
 * that disagrees with the file and warns about a file name that does (a file may be named by hand).
 *
 * <p>Sources: the D4RL dataset builders of TensorFlow Datasets ({@code tensorflow_datasets/d4rl}: hopper 11/3,
 * walker2d and halfcheetah 17/6, ant 111/8, antmaze 29/8, pen 45/24, door 39/28, hammer 46/26, relocate 39/30) and
 * D4RL's environments (kitchen: 9 robot joint positions, 21 object positions and a 30-value goal, 9 actions;
 * maze2d: the point's 2-D position and velocity, 2 actions).
 */
final class D4rlDimensions {

    /** Environment (the name's first part) to {observation dimension, action dimension}. */
    private static final Map<String, int[]> DIMENSIONS = table();

    private D4rlDimensions() {}

    private static Map<String, int[]> table() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("hopper", new int[] {11, 3});
        m.put("halfcheetah", new int[] {17, 6});
        m.put("walker2d", new int[] {17, 6});
        m.put("ant", new int[] {111, 8});
        m.put("antmaze", new int[] {29, 8});
        m.put("pen", new int[] {45, 24});
        m.put("door", new int[] {39, 28});
        m.put("hammer", new int[] {46, 26});
        m.put("relocate", new int[] {39, 30});
        m.put("kitchen", new int[] {60, 9});
        m.put("maze2d", new int[] {4, 2});
        return Map.copyOf(m);
    }

    /**
     * Compares a file's dimensions with those of the D4RL environment its name selects.
     *
     * @param datasetName the canonical dataset name, such as {@code pen-human-v1}
     * @param observationDim the file's observation columns
     * @param actionDim the file's action columns
     * @return {@code null} when they agree or the name is of no D4RL environment; otherwise what differs, naming
     *     both pairs of dimensions and the environments the file's would fit, such as {@code "is a pen dataset,
     *     whose observation/action dimensions are 45/24, but the file's are 11/3 (those of hopper)"}
     */
    static String mismatch(String datasetName, int observationDim, int actionDim) {
        String env = environment(datasetName);
        int[] expected = DIMENSIONS.get(env);
        if (expected == null || (expected[0] == observationDim && expected[1] == actionDim)) {
            return null;
        }
        List<String> fits = DIMENSIONS.entrySet().stream()
                .filter(e -> e.getValue()[0] == observationDim && e.getValue()[1] == actionDim)
                .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
        return String.format(Locale.ROOT, "is a %s dataset, whose observation/action dimensions are %d/%d, but the"
                        + " file's are %d/%d (%s)", env, expected[0], expected[1], observationDim, actionDim,
                fits.isEmpty() ? "no D4RL environment's" : "those of " + String.join(" or ", fits));
    }

    private static String environment(String datasetName) {
        String lower = datasetName.toLowerCase(Locale.ROOT);
        int dash = lower.indexOf('-');
        return dash < 0 ? lower : lower.substring(0, dash);
    }
}
