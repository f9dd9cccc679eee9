package io.github.edp4j.algos;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A conservative closed-form estimate of the native memory a training run needs, checked before anything is
 * allocated so that an absurd size ({@code hidden = 1000000}, {@code batchSize = 2000000000}) is refused with a
 * message instead of ending in an {@link OutOfMemoryError} or the process being killed.
 *
 * <p>Every network is counted as an MLP over the configured hidden widths (inputs at most the observation, the
 * action and a 16-wide time embedding; outputs at most twice the action), in float32:
 * <ul>
 *   <li><b>parameters</b>: the trainable networks (actor, twin critic, the value network of IQL and DTQL, DTQL's
 *       diffusion model) five times (values, gradients, Adam's two moments, the update's temporaries), their target
 *       or EMA copies once;</li>
 *   <li><b>activations</b>: every array of one update lives until the update's manager closes, so each network pass
 *       over the batch keeps about {@value #FLOATS_PER_UNIT} floats per hidden unit and row (linear output, the
 *       activation's intermediates, their gradients). An update makes about {@code 8 + S} passes, {@code S} being
 *       the passes that draw an action (the sampler's model calls for a diffusion policy, {@code K} for
 *       Diffusion-QL, which also keeps its {@code K}-step chain for the gradient; CRR draws {@code crrSamples}
 *       actions per state);</li>
 *   <li><b>evaluation</b>: energy-based action selection runs {@code easCandidates} rows through the sampler;</li>
 *   <li><b>data</b>: the dataset copied to the device, when its size is known.</li>
 * </ul>
 * The limit is the machine's physical memory as the JVM sees it (container limits included) minus the Java heap's
 * maximum, unless {@link EdpTrainer.Builder#memoryLimit(long)} sets one.
 */
final class MemoryEstimate {

    /** Floats kept per hidden unit and batch row by one network pass, with its gradient. */
    static final int FLOATS_PER_UNIT = 8;
    private static final int TIME_EMBEDDING = 16;
    private static final double BYTES = 4;

    private final double parameterBytes;
    private final double activationBytes;
    private final double evaluationBytes;
    private final double dataBytes;

    private MemoryEstimate(double parameterBytes, double activationBytes, double evaluationBytes, double dataBytes) {
        this.parameterBytes = parameterBytes;
        this.activationBytes = activationBytes;
        this.evaluationBytes = evaluationBytes;
        this.dataBytes = dataBytes;
    }

    /**
     * @param c the configuration
     * @param observationDim observation dimension (1 when not known yet: a lower bound)
     * @param actionDim action dimension (1 when not known yet)
     * @param rows dataset transitions (0 when not known yet)
     * @return the estimate, in doubles so that absurd sizes cannot overflow
     */
    static MemoryEstimate of(TrainerConfig c, int observationDim, int actionDim, long rows) {
        int[] h = c.hidden();
        double actor = mlp(observationDim + actionDim + TIME_EMBEDDING, h, 2 * actionDim);
        double critic = 2 * mlp(observationDim + actionDim, h, 1);
        boolean value = c.algorithm() == Algorithm.IQL || c.algorithm() == Algorithm.DTQL;
        double valueNet = value ? mlp(observationDim, h, 1) : 0;
        int actorNets = c.algorithm() == Algorithm.DTQL ? 2 : 1;
        double params = 5 * (actorNets * actor + critic + valueNet) + actorNets * actor + critic;

        boolean diffusion = c.policyClass() == PolicyClass.DIFFUSION && c.algorithm() != Algorithm.DTQL;
        double draw = c.algorithm() == Algorithm.DQL ? c.steps() : diffusion ? c.samplerCalls() : 1;
        double passes = 8 + draw;
        if (c.algorithm() == Algorithm.DQL) {
            passes += c.steps();
        }
        if (c.algorithm() == Algorithm.CRR) {
            passes += (double) c.crrSamples() * (draw + 2);
        }
        double width = Arrays.stream(h).asDoubleStream().sum() + observationDim + actionDim + TIME_EMBEDDING;
        double activations = (double) c.batchSize() * width * FLOATS_PER_UNIT * passes;
        double evaluation = (double) c.easCandidates() * width * FLOATS_PER_UNIT * (draw + 2);
        double data = (double) rows * (2.0 * observationDim + actionDim + 2);
        return new MemoryEstimate(params * BYTES, activations * BYTES, evaluation * BYTES, data * BYTES);
    }

    private static double mlp(int in, int[] hidden, int out) {
        double n = 0;
        double width = in;
        for (int w : hidden) {
            n += (width + 1) * w + 2.0 * w; // weights, bias, and a LayerNorm's gain and offset where there is one
            width = w;
        }
        return n + (width + 1) * out;
    }

    /** @return the estimated bytes in all */
    double totalBytes() {
        return parameterBytes + activationBytes + evaluationBytes + dataBytes;
    }

    /**
     * Refuses the configuration if the estimate exceeds the limit, naming the setting that drives it.
     *
     * @param c the configuration the estimate was made for
     * @param limitBytes the bytes available
     * @param limitSource how the limit was found, for the message
     * @throws IllegalArgumentException as {@code field = value is too large: ...}
     */
    void require(TrainerConfig c, double limitBytes, String limitSource) {
        double total = totalBytes();
        if (total <= limitBytes) {
            return;
        }
        String field;
        String value;
        if (evaluationBytes > limitBytes / 2 && evaluationBytes >= activationBytes) {
            field = "easCandidates";
            value = Integer.toString(c.easCandidates());
        } else if (activationBytes > parameterBytes && c.batchSize() > 256
                && parameterBytes + activationBytes * 256.0 / c.batchSize() + evaluationBytes + dataBytes
                        <= limitBytes) {
            field = "batchSize";
            value = Integer.toString(c.batchSize());
        } else {
            field = "hidden";
            value = Arrays.toString(c.hidden());
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s = %s is too large: training would need about %s (parameters, gradients and Adam state %s,"
                        + " activations of a batch of %d %s%s%s), more than the %s of memory available (%s);"
                        + " reduce %s", field, value, bytes(total), bytes(parameterBytes), c.batchSize(),
                bytes(activationBytes), evaluationBytes >= 1e6 ? ", action selection " + bytes(evaluationBytes) : "",
                dataBytes > 0 ? ", dataset " + bytes(dataBytes) : "", bytes(limitBytes), limitSource, field));
    }

    /**
     * @return the bytes a run may use by default: physical memory (the container's limit where there is one) minus
     *     the Java heap's maximum
     */
    static long defaultLimit() {
        long physical = physicalMemory();
        long heap = Runtime.getRuntime().maxMemory();
        return Math.max(physical - (heap == Long.MAX_VALUE ? 0 : heap), physical / 4);
    }

    /** @return how {@link #defaultLimit()} is found, for messages */
    static String defaultLimitSource() {
        return "physical memory " + bytes(physicalMemory()) + " minus the Java heap's maximum "
                + bytes(Runtime.getRuntime().maxMemory());
    }

    private static long physicalMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4;
    }

    /**
     * @param b a byte count
     * @return it for a person, such as {@code 1.5 GB} (powers of 1024)
     */
    static String bytes(double b) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        double v = b;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", v)
                : v >= 1024 ? String.format(Locale.ROOT, "%.3g %s", v, units[u])
                : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
