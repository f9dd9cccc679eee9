package io.github.edp4j.examples.cli;

import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.d4rl.D4rlDomain;
import io.github.edp4j.d4rl.EpisodeStatistics;
import io.github.edp4j.d4rl.RewardPreprocessing;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code edp4j info}: prints a dataset's summary, one {@code key value} line each: name, origin, domain, transitions
 * and file rows, episodes, observation and action dimensions, terminal and timeout counts, the undiscounted episode
 * return (mean, min, max) and per-transition reward statistics, the reward preprocessing the EDP paper's code
 * applies for IQL and for the other algorithms, the normalized score of the mean episode return when reference
 * returns are known, and the content hash.
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        versionProvider = Edp4jVersion.class,
        description = "Print a dataset's summary: size, episodes, dimensions, returns, domain, reward preprocessing"
                + " and the normalized score of its mean episode return.")
public final class InfoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Dataset (one of):%n")
    private DatasetSelection selection;

    @Mixin
    private VerboseOption verbose;

    /** Creates the command; picocli fills in its options. */
    public InfoCommand() {
        // instantiated by picocli
    }

    @Override
    public Integer call() {
        SelectedDataset sel = selection.load(spec.commandLine());
        OfflineDataset ds = sel.dataset();
        PrintWriter out = spec.commandLine().getOut();
        EpisodeStatistics ep = sel.episodes();

        line(out, "dataset", ds.name());
        line(out, "origin", sel.origin());
        if (sel.loaded().isPresent()) {
            line(out, "format", sel.loaded().get().format().description());
            for (String note : sel.interpretation()) {
                line(out, "read as", note);
            }
            String meta = metadataText(sel.loaded().get().metadata());
            if (!meta.isEmpty()) {
                line(out, "metadata", meta);
            }
        }
        line(out, "domain", domainText(sel));
        line(out, "transitions", Integer.toString(ds.size()));
        if (sel.file().isPresent()) {
            line(out, "file rows", Integer.toString(sel.rows()) + (sel.nextObservationsStored()
                    ? " (next_observations stored)" : ""));
        }
        line(out, "episodes", Integer.toString(ep.episodes()));
        line(out, "observation dim", Integer.toString(ds.observationDim()));
        line(out, "action dim", Integer.toString(ds.actionDim()));
        line(out, "terminals", Integer.toString(count(ds.terminals())));
        line(out, "timeouts", Integer.toString(count(ds.timeouts())));
        line(out, "episode return", String.format(Locale.ROOT, "mean %s  min %s  max %s",
                number(ep.meanReturn()), number(ep.minReturn()), number(ep.maxReturn())));
        float[] r = ds.rewards();
        line(out, "reward", String.format(Locale.ROOT, "mean %s  min %s  max %s",
                number(mean(r)), number(min(r)), number(max(r))));
        line(out, "preprocessing (IQL)", describe(RewardPreprocessing.defaultFor(sel.domain(), true)));
        line(out, "preprocessing (TD3, CRR)", describe(RewardPreprocessing.defaultFor(sel.domain(), false)));
        if (sel.domain() == D4rlDomain.LOCOMOTION && ep.maxReturn() > ep.minReturn()) {
            line(out, "optional RETURN_SCALE", "r * 1000 / (max return - min return) = r * "
                    + number(1000.0 / (ep.maxReturn() - ep.minReturn())));
        }
        Optional<ScoreReference> ref = sel.scoreReference();
        if (ref.isPresent()) {
            ScoreReference s = ref.get();
            line(out, "normalized score", number(s.normalize(ep.meanReturn())) + " (of the mean episode return; "
                    + s.source() + ": " + number(s.min()) + " scores 0, " + number(s.max()) + " scores 100)");
        } else {
            line(out, "normalized score", "n/a (no reference returns for '" + ds.name() + "'; give --ref-min and"
                    + " --ref-max, or a D4RL name with --name, e.g. hopper-medium-v2)");
        }
        line(out, "content hash", ds.contentHash());
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    /**
     * Formats a number the way {@code info} prints it ({@link Locale#ROOT}): fixed point with three decimals, or
     * four significant digits in scientific notation for a non-zero value smaller than 0.001 in magnitude, so
     * that it does not print as zero.
     *
     * @param value the number
     * @return its text, which {@link Double#parseDouble(String)} reads back
     */
    public static String number(double value) {
        if (value != 0 && Math.abs(value) < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The format's short metadata values as {@code key=value}; long ones (spaces, specs) only by key. */
    private static String metadataText(java.util.Map<String, String> metadata) {
        java.util.List<String> shown = new java.util.ArrayList<>();
        java.util.List<String> longOnes = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getValue().length() <= 40) {
                shown.add(e.getKey() + "=" + e.getValue());
            } else {
                longOnes.add(e.getKey());
            }
        }
        if (!longOnes.isEmpty()) {
            shown.add("(also " + String.join(", ", longOnes) + ")");
        }
        return String.join("; ", shown);
    }

    private static void line(PrintWriter out, String key, String value) {
        Fields.line(out, key, value);
    }

    private static String domainText(SelectedDataset sel) {
        if (sel.domain() != D4rlDomain.UNKNOWN) {
            return sel.domain().name();
        }
        return sel.file().isPresent() ? "UNKNOWN (not a D4RL dataset name: no domain defaults apply)"
                : "UNKNOWN (a built-in task, not a D4RL domain: no domain defaults apply)";
    }

    private static String describe(RewardPreprocessing p) {
        return p.name() + switch (p) {
            case NONE -> " (rewards unchanged)";
            case ANTMAZE_IQL -> " (r - 1)";
            case ANTMAZE -> " ((r - 0.5) * 4)";
            case MIN_MAX -> " (min-max to [0, 1], then (r - 0.5) * 2)";
            case RETURN_SCALE -> " (r * 1000 / (max return - min return))";
        };
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double min(float[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(float[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
