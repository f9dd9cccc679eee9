package io.github.edp4j.d4rl;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Recognises D4RL dataset names, given explicitly or taken from a file name. D4RL's downloaded files are
 * named a little differently from the datasets ({@code hopper_medium_expert-v2.hdf5},
 * {@code maze2d-umaze-sparse-v1.hdf5}, {@code mini_kitchen_microwave_kettle_light_slider-v0.hdf5}); they are
 * mapped to the dataset names ({@code hopper-medium-expert-v2}, {@code maze2d-umaze-v1},
 * {@code kitchen-complete-v0}).
 */
final class DatasetNames {

    /** What a name says about a dataset. */
    record Identity(String name, D4rlDomain domain, boolean standard) {}

    private static final Pattern STANDARD = Pattern.compile("^(?:"
            + "(?:hopper|halfcheetah|walker2d|ant)-(?:random|medium|expert|medium-replay|medium-expert|full-replay)"
            + "|antmaze-(?:umaze|umaze-diverse|medium-play|medium-diverse|large-play|large-diverse)"
            + "|(?:pen|door|hammer|relocate)-(?:human|cloned|expert)"
            + "|kitchen-(?:complete|partial|mixed)"
            + "|maze2d-(?:open|umaze|medium|large)(?:-dense)?"
            + ")-v\\d+$");

    private static final Pattern MAZE2D_SPARSE = Pattern.compile("^(maze2d-[a-z]+)-sparse(-v\\d+)$");

    private static final Map<String, String> FILE_ALIASES = Map.of(
            "mini-kitchen-microwave-kettle-light-slider-v0", "kitchen-complete-v0",
            "kitchen-microwave-kettle-light-slider-v0", "kitchen-partial-v0",
            "kitchen-microwave-kettle-bottomburner-light-v0", "kitchen-mixed-v0");

    private DatasetNames() {}

    /**
     * @param fileName a file name such as {@code hopper-medium-v2.hdf5}
     * @return the name without its HDF5 extension
     */
    static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".hdf5", ".hdf", ".h5"}) {
            if (lower.endsWith(ext) && fileName.length() > ext.length()) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        return fileName;
    }

    /**
     * @param raw a dataset name or file stem
     * @return the normalised D4RL spelling: lower case, hyphens, D4RL file aliases resolved
     */
    static String canonical(String raw) {
        String s = stem(raw.trim()).toLowerCase(Locale.ROOT).replace('_', '-');
        s = FILE_ALIASES.getOrDefault(s, s);
        if (s.startsWith("ant-maze-")) {
            s = "antmaze-" + s.substring("ant-maze-".length());
        }
        return MAZE2D_SPARSE.matcher(s).replaceFirst("$1$2");
    }

    /**
     * @param raw a dataset name or file stem
     * @return its identity: the canonical name if the environment is a D4RL one (else {@code raw} unchanged
     *     apart from trimming), the domain, and whether the whole name is a standard D4RL dataset name
     */
    static Identity identify(String raw) {
        String c = canonical(raw);
        int dash = c.indexOf('-');
        String env = dash < 0 ? c : c.substring(0, dash);
        D4rlDomain domain = switch (env) {
            case "hopper", "halfcheetah", "walker2d", "ant" -> D4rlDomain.LOCOMOTION;
            case "antmaze" -> D4rlDomain.ANTMAZE;
            case "pen", "door", "hammer", "relocate" -> D4rlDomain.ADROIT;
            case "kitchen" -> D4rlDomain.KITCHEN;
            case "maze2d" -> D4rlDomain.MAZE2D;
            default -> D4rlDomain.UNKNOWN;
        };
        String name = domain == D4rlDomain.UNKNOWN ? stem(raw.trim()) : c;
        return new Identity(name, domain, STANDARD.matcher(c).matches());
    }
}
