package io.github.edp4j.algos;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.DiffusionActor;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.sampling.ActionGenerator;
import io.github.edp4j.core.sampling.ActionSampler;
import io.github.edp4j.core.sampling.DdpmSampler;
import io.github.edp4j.core.sampling.EnergyBasedActionSelection;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained policy ready to act: the EMA copy of the actor, the critic for energy-based action selection (EDP,
 * arXiv 2305.20081, Sec. 4.3: N candidates from DPM-Solver, one picked by {@code softmax(Q)}), the dataset's
 * observation normalisation, and the provenance of its training. Acting is deterministic for a given seed and
 * sequence of calls.
 *
 * <p><b>Thread safety.</b> A policy may be shared between threads. Every use of its native networks ({@link
 * #act(float[])}, {@link #act(float[][])}, {@link #save(Path)}) and {@link #close()} hold the policy's lock, so
 * acting is serialized (one call at a time, in the order the lock is taken) and {@code close()} waits until a
 * call in progress has finished. After {@code close()}, acting and saving throw {@link IllegalStateException}
 * ("policy is closed") instead of touching freed memory; a second {@code close()} does nothing. The accessors
 * ({@link #config()}, {@link #actionBounds()}, ...) return immutable Java values and work after closing.
 * Determinism holds per sequence of calls: threads that act concurrently get the actions of whichever order
 * they took the lock in.
 *
 * <p>{@link #save(Path)} writes everything to one checksummed file atomically; {@link #load(Path)} reads it back
 * and says precisely what is wrong with a file it cannot use.
 *
 * <p><b>Acting-time settings.</b> {@link #withActing(ActingSettings)} gives a view of the same networks that acts
 * with another sampler or energy-based selection (the paper's ablations, Figs. 4 and 5), without retraining or
 * copying; see there.
 */
public final class Policy implements ActingPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(Policy.class);
    /** The first string of policy files before the container format. */
    private static final String LEGACY_MAGIC = "EDP4J-POLICY";
    /** Version of the policy body inside the container. */
    private static final int FORMAT_VERSION = 1;

    private final TrainerConfig config;
    private final int observationDim;
    private final ActionBounds bounds;
    private final ObservationNormalizer normalizer;
    private final Provenance provenance;
    private final NDManager manager;
    private final Actor actor;
    private final TwinCritic critic;
    private final EnergyBasedActionSelection selection;
    private final boolean owner;
    /** The settings this policy acts with. */
    private final ActingSettings acting;
    /** The sampler replacing the diffusion actor's own, or {@code null} to use the actor's. */
    private final ActionSampler sampler;
    /** The policy a {@link #withActing} view was made from, or {@code null}. */
    private final Policy parent;
    /** {@code this}, or the parent's lock for a view: guards the networks, {@code calls} and {@code closed}. */
    private final Object lock;
    /** Guarded by {@code lock}, like every use of the networks. */
    private long calls;
    /** Guarded by {@code lock}. */
    private boolean closed;

    private Policy(TrainerConfig config, int observationDim, ActionBounds bounds, ObservationNormalizer normalizer,
            Provenance provenance, NDManager manager, Actor actor, TwinCritic critic, boolean owner) {
        this.config = config;
        this.observationDim = observationDim;
        this.bounds = bounds;
        this.normalizer = normalizer;
        this.provenance = provenance;
        this.manager = manager;
        this.actor = actor;
        this.critic = critic;
        this.acting = ActingSettings.of(config);
        this.selection = NetworkFactory.selection(acting);
        this.sampler = null;
        this.owner = owner;
        this.parent = null;
        this.lock = this;
    }

    /** A view of {@code root}'s networks acting with other settings. */
    private Policy(Policy root, ActingSettings acting, ActionSampler sampler) {
        this.config = root.config;
        this.observationDim = root.observationDim;
        this.bounds = root.bounds;
        this.normalizer = root.normalizer;
        this.provenance = root.provenance;
        this.manager = root.manager;
        this.actor = root.actor;
        this.critic = root.critic;
        this.acting = acting;
        this.selection = NetworkFactory.selection(acting);
        this.sampler = sampler;
        this.owner = false;
        this.parent = root;
        this.lock = root.lock;
    }

    /** A policy acting with live training networks (not owned; used for evaluation during training). */
    static Policy view(TrainerConfig config, int observationDim, ActionBounds bounds, ObservationNormalizer normalizer,
            Provenance provenance, Actor actor, TwinCritic critic, NDManager manager) {
        return new Policy(config, observationDim, bounds, normalizer, provenance, manager, actor, critic, false);
    }

    /** An independent copy of the given networks in a new root manager. */
    static Policy copyOf(TrainerConfig config, int observationDim, ActionBounds bounds, ObservationNormalizer normalizer,
            Provenance provenance, Actor actor, TwinCritic critic) {
        NDManager root = TorchRuntime.newManager();
        return new Policy(config, observationDim, bounds, normalizer, provenance, root, actor.copy(root, false),
                critic.copy(root, false), true);
    }

    /** @return the training configuration */
    public TrainerConfig config() {
        return config;
    }

    /** @return how the policy was trained */
    public Provenance provenance() {
        return provenance;
    }

    /** @return the observation normalisation applied before acting */
    public ObservationNormalizer normalizer() {
        return normalizer;
    }

    /** @return the name of the dataset the policy was trained on */
    @Override
    public String datasetName() {
        return provenance.datasetName();
    }

    /** @return the observation dimension */
    @Override
    public int observationDim() {
        return observationDim;
    }

    /** @return the action bounds */
    @Override
    public ActionBounds actionBounds() {
        return bounds;
    }

    /**
     * @return the settings this policy acts with: {@link ActingSettings#of(TrainerConfig) the training-time ones}
     *     of {@link #config()}, or those given to {@link #withActing}
     */
    public ActingSettings acting() {
        return acting;
    }

    /**
     * A view of this policy's networks that acts with other settings: another sampler for a diffusion policy
     * (DPM-Solver order, model calls and grid, or the full DDPM chain over the policy's {@code K} steps) and
     * another energy-based action selection (candidates {@code N}, temperature, softmax or argmax). Nothing is
     * copied or retrained: the view costs a few Java objects. With the same networks and seed, the view acts
     * exactly as a policy whose training configuration held these settings: its {@code n}-th call draws the same
     * noise as such a policy's {@code n}-th call (a view's call count starts at zero, independent of this
     * policy's).
     *
     * <p>The view shares this policy's lock (acting through either is serialized) and its networks: closing the
     * view only makes the view unusable; closing this policy makes the view throw {@link IllegalStateException}
     * too. {@link #config()}, {@link #provenance()} and {@link #save(Path)} of the view are this policy's: a saved
     * view keeps the training-time settings, byte for byte the file this policy writes. A view of a view is a view
     * of the original policy.
     *
     * @param settings the acting settings
     * @return the view (close it when done, or let it go; it holds no native memory of its own)
     * @throws IllegalArgumentException if the settings change something this policy cannot use: the sampler of a
     *     policy that is not a diffusion policy sampled by a solver (feed-forward baselines, DTQL's one-step
     *     policy), or the selection of a policy whose actor is deterministic (TD3+BC, and the Gaussian baselines,
     *     which act with their mean)
     * @throws IllegalStateException if this policy is closed
     */
    public Policy withActing(ActingSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("withActing: settings must not be null");
        }
        Policy root = parent == null ? this : parent;
        ActingSettings trained = root.acting;
        String what = config.algorithm() + " " + config.policyClass() + " policy (" + actor.kind() + " actor)";
        ActionSampler replacement = null;
        if (!settings.sameSampler(trained)) {
            if (!(actor instanceof DiffusionActor)) {
                throw new IllegalArgumentException("withActing: the sampler cannot be changed for a " + what
                        + ", which does not act by solving the reverse diffusion; it acts with "
                        + trained.describe() + ", asked for " + settings.describe()
                        + (actor.stochastic() ? " (only easCandidates, easTemperature and easArgmax apply)" : ""));
            }
            replacement = new NetworkFactory(config, observationDim, bounds).sampler(settings);
        }
        if (!settings.sameSelection(trained) && !actor.stochastic()) {
            throw new IllegalArgumentException("withActing: energy-based action selection cannot be changed for a "
                    + what + ", which acts deterministically (no candidates to select among); asked for easCandidates"
                    + " = " + settings.easCandidates() + ", easTemperature = " + settings.easTemperature()
                    + ", easArgmax = " + settings.easArgmax() + " instead of " + trained.easCandidates() + ", "
                    + trained.easTemperature() + ", " + trained.easArgmax());
        }
        synchronized (lock) {
            checkOpen();
            return new Policy(root, settings, replacement);
        }
    }

    /**
     * Acts in one state.
     *
     * @param observation raw (unnormalized) observation of length {@link #observationDim()}, finite
     * @return the action, inside the bounds
     * @throws IllegalStateException if the policy is closed
     */
    @Override
    public float[] act(float[] observation) {
        return act(new float[][] {observation})[0];
    }

    /**
     * Acts in a batch of states in one pass (one batch of {@code N * B} candidates for EAS).
     *
     * @param observations raw observations, each of length {@link #observationDim()}, finite
     * @return one action per observation
     * @throws IllegalArgumentException naming the row and what is wrong with it
     * @throws IllegalStateException if the policy is closed
     */
    @Override
    public float[][] act(float[][] observations) {
        synchronized (lock) {
            return actLocked(observations);
        }
    }

    /**
     * Acts in a batch of states with the randomness given instead of drawn: the same computation as {@link
     * #act(float[][])}, made reproducible across backends. An ONNX export of this policy ({@link PolicyExport})
     * takes the same two inputs, so both return the same actions to float rounding; the noise and draw of {@link
     * #act(float[][])} come from libtorch's generator and cannot be replayed elsewhere. The policy's call counter is
     * not advanced.
     *
     * @param observations raw observations, each of length {@link #observationDim()}, finite
     * @param noise {@link #noiseSize(int) noiseSize(B)} standard normal values, row-major {@code (B, N, actDim)}: the
     *     starting noise of each of the {@code N} candidates' samplers ({@code N = acting().easCandidates()}), or
     *     DTQL's reparameterisation noise; for the DDPM chain followed by the noise of its steps {@code K, ..., 2},
     *     row-major {@code (K - 1, B, N, actDim)}; {@code null} or empty for a deterministic actor
     * @param uniform {@code (B, N)} row-major values in {@code (0, 1]}, the Gumbel-max draw of the softmax selection;
     *     {@code null} for argmax selection or {@code N = 1}
     * @return one action per observation
     * @throws IllegalArgumentException if an observation or the noise has the wrong size, a value is not finite, or
     *     the uniform draw is missing, of the wrong size or outside {@code (0, 1]}
     * @throws IllegalStateException if the policy is closed
     */
    public float[][] act(float[][] observations, float[] noise, float[] uniform) {
        synchronized (lock) {
            checkOpen();
            float[] flat = normalizedRows(observations);
            int b = observations.length;
            int n = actor.stochastic() ? acting.easCandidates() : 0;
            int d = bounds.dim();
            ActingInputs.randomness(noise, noiseSize(b), "noise", false);
            boolean needsUniform = n > 1 && !acting.easArgmax();
            ActingInputs.randomness(uniform, needsUniform ? b * n : 0, "uniform", true);
            float[] out;
            try (NDManager m = manager.newSubManager()) {
                NDArray states = NativeConstants.array(m, flat, new Shape(b, observationDim));
                NDArray actions;
                if (actor.stochastic()) {
                    int start = b * n * d;
                    NDArray noiseArray = NativeConstants.array(m, Arrays.copyOf(noise, start),
                            new Shape((long) b * n, d));
                    NDArray u = needsUniform ? NativeConstants.array(m, uniform, new Shape(b, n)) : null;
                    DdpmSampler chain = chain();
                    ActionGenerator generator;
                    if (chain != null) {
                        NDArray steps = NativeConstants.array(m, Arrays.copyOfRange(noise, start,
                                noise.length), new Shape(config.steps() - 1, (long) b * n, d));
                        generator = s -> ((DiffusionActor) actor).sampleFrom(s, noiseArray, chain, steps);
                    } else if (sampler == null) {
                        generator = s -> actor.sampleFrom(s, noiseArray);
                    } else {
                        generator = s -> ((DiffusionActor) actor).sampleFrom(s, noiseArray, sampler);
                    }
                    actions = selection.select(states, generator, critic::min, u);
                } else {
                    actions = actor.act(states);
                }
                out = actions.toFloatArray();
            }
            return clipRows(out, b);
        }
    }

    /**
     * @param batch number of observations {@code B}
     * @return the number of noise values {@link #act(float[][], float[], float[])} takes for {@code B} states: {@code
     *     B * N * actDim} for a stochastic actor, 0 for a deterministic one
     */
    public int noiseSize(int batch) {
        int starts = actor.stochastic() ? batch * acting.easCandidates() * bounds.dim() : 0;
        return chain() == null ? starts : starts * config.steps();
    }

    /** The DDPM sampler this policy acts with, or {@code null} (DPM-Solver, or not a diffusion policy). */
    private DdpmSampler chain() {
        if (!(actor instanceof DiffusionActor d)) {
            return null;
        }
        ActionSampler s = sampler != null ? sampler : d.sampler();
        return s instanceof DdpmSampler ddpm ? ddpm : null;
    }

    private float[] normalizedRows(float[][] observations) {
        return ActingInputs.rows(observations, observationDim, normalizer::apply);
    }

    private float[][] clipRows(float[] out, int b) {
        int d = bounds.dim();
        float[][] rows = new float[b][d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(out, i * d, rows[i], 0, d);
            bounds.clip(rows[i]);
        }
        return rows;
    }

    private float[][] actLocked(float[][] observations) {
        checkOpen();
        float[] flat = normalizedRows(observations);
        int b = observations.length;
        float[] out = TorchRuntime.withSeed(Seeds.mix(config.seed() ^ 0x7f4a7c15L, calls++), () -> {
            try (NDManager m = manager.newSubManager()) {
                NDArray states = NativeConstants.array(m, flat, new Shape(b, observationDim));
                ActionGenerator generator = sampler == null ? actor::sample
                        : s -> ((DiffusionActor) actor).sampleWith(s, sampler);
                NDArray actions = actor.stochastic()
                        ? selection.select(states, generator, critic::min)
                        : actor.act(states);
                return actions.toFloatArray();
            }
        });
        return clipRows(out, b);
    }

    /** Runs {@code body} on the policy's parts under its lock (the exports read the weights there). */
    <T> T withParts(Function<PolicyGraph.Parts, T> body) {
        synchronized (lock) {
            checkOpen();
            return body.apply(new PolicyGraph.Parts(acting, sampler, actor, critic, normalizer, bounds,
                    observationDim));
        }
    }

    /**
     * Writes the policy atomically ({@link AtomicFile}) in EDP4J's container format: a header naming the kind and
     * format version, the body (dimensions, action bounds, observation normaliser, provenance, actor and critic
     * weights) and a SHA-256 checksum of the whole file. The weights are copied under the policy's lock; the file
     * is written after it is released, so acting waits only for the copy.
     *
     * @param file destination
     * @throws IOException on failure
     * @throws IllegalStateException if the policy is closed
     */
    public void save(Path file) throws IOException {
        byte[] body;
        synchronized (lock) {
            checkOpen();
            body = ContainerFile.serialize(this::writeBody);
        }
        ContainerFile.write(file, ContainerFile.Kind.POLICY, FORMAT_VERSION, body);
    }

    private void writeBody(DataOutputStream out) throws IOException {
        out.writeInt(observationDim);
        writeFloats(out, bounds.low());
        writeFloats(out, bounds.high());
        writeFloats(out, normalizer.mean());
        writeFloats(out, normalizer.std());
        out.writeDouble(normalizer.epsilon());
        writeMap(out, provenance.toMap());
        actor.parameters().write(out);
        critic.parameters().write(out);
    }

    /**
     * Loads a policy written by {@link #save(Path)}. Files of the format before the checksummed container (EDP4J
     * 0.x policy files beginning with {@code EDP4J-POLICY}) still load, with a warning, since only their weights are
     * checksummed.
     *
     * @param file the file
     * @return the policy (close it when done)
     * @throws IOException if the file is missing, not a regular file, unreadable, not a policy, truncated, damaged
     *     (checksum mismatch) or of an incompatible version, with a message naming the file and saying which
     */
    public static Policy load(Path file) throws IOException {
        String src = file.toString();
        byte[] bytes = ContainerFile.readAll(file, "policy file");
        if (ContainerFile.isContainer(bytes)) {
            ContainerFile.Body body = ContainerFile.open(bytes, ContainerFile.Kind.POLICY, "policy file", src);
            if (body.version() != FORMAT_VERSION) {
                throw new IOException(src + ": policy format version " + body.version() + " is not supported (this "
                        + "library reads version " + FORMAT_VERSION + ")");
            }
            DataInputStream in = body.stream();
            Policy p = readBody(in, src);
            if (in.available() > 0) {
                p.close();
                throw new IOException(src + ": damaged policy file (" + in.available() + " unexpected bytes after"
                        + " the weights)");
            }
            return p;
        }
        return loadLegacy(bytes, src);
    }

    /** The format before the container: modified-UTF-8 magic, version 1, the body, the magic again. */
    private static Policy loadLegacy(byte[] bytes, String src) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            throw new IOException(src + ": not an EDP4J policy file (unreadable header)", e);
        }
        if (!LEGACY_MAGIC.equals(magic)) {
            throw new IOException(src + ": not an EDP4J policy file");
        }
        int version;
        try {
            version = in.readInt();
        } catch (EOFException e) {
            throw new IOException(src + ": truncated policy file (ended early)", e);
        }
        if (version != 1) {
            throw new IOException(src + ": policy format version " + version + " is not supported (this library "
                    + "reads version " + FORMAT_VERSION + ")");
        }
        Policy p = readBody(in, src);
        try {
            if (!LEGACY_MAGIC.equals(in.readUTF())) {
                throw new IOException(src + ": corrupt policy file (missing end marker)");
            }
        } catch (IOException e) {
            p.close();
            throw e instanceof EOFException ? new IOException(src + ": truncated policy file (ended early)", e) : e;
        }
        LOG.warn("{}: policy file in the old format without a whole-file checksum (only its weights are checked); "
                + "save it again to upgrade it", src);
        return p;
    }

    private static Policy readBody(DataInputStream in, String src) throws IOException {
        NDManager root = null;
        try {
            int obs = in.readInt();
            if (obs < 1 || obs > 10_000_000) {
                throw new IOException(src + ": corrupt policy file (observation dimension " + obs + ")");
            }
            ActionBounds bounds = new ActionBounds(readFloats(in, src), readFloats(in, src));
            ObservationNormalizer norm = new ObservationNormalizer(readFloats(in, src), readFloats(in, src),
                    in.readDouble());
            Provenance prov = Provenance.fromMap(readMap(in, src));
            TrainerConfig cfg = prov.config();
            NetworkFactory factory = new NetworkFactory(cfg, obs, bounds);
            root = TorchRuntime.newManager();
            Actor actor = factory.actor(root, false);
            TwinCritic critic = factory.critic(root, false);
            actor.parameters().read(in, src);
            critic.parameters().read(in, src);
            return new Policy(cfg, obs, bounds, norm, prov, root, actor, critic, true);
        } catch (EOFException e) {
            closeQuietly(root);
            throw new IOException(src + ": truncated policy file (ended early)", e);
        } catch (IOException e) {
            closeQuietly(root);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(root);
            throw new IOException(src + ": corrupt or incompatible policy file: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(NDManager m) {
        if (m != null) {
            m.close();
        }
    }

    static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    static float[] readFloats(DataInputStream in, String src) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000_000) {
            throw new IOException(src + ": corrupt file (array length " + n + ")");
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    static void writeMap(DataOutputStream out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue() == null ? "" : e.getValue());
        }
    }

    static Map<String, String> readMap(DataInputStream in, String src) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000) {
            throw new IOException(src + ": corrupt file (map size " + n + ")");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(in.readUTF(), in.readUTF());
        }
        return m;
    }

    /**
     * Releases the networks' native memory. Waits for a call of {@link #act} or {@link #save} in progress on another
     * thread to finish; afterwards those methods throw {@link IllegalStateException}. Closing again does nothing.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (owner) {
                manager.close();
            }
        }
    }

    /** @return whether {@link #close()} was called, or for a {@link #withActing} view, the original's */
    public boolean isClosed() {
        synchronized (lock) {
            return closed || (parent != null && parent.closed);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("policy is closed: " + this);
        }
        if (parent != null && parent.closed) {
            throw new IllegalStateException("policy is closed: " + this + " is a view (withActing) of a policy"
                    + " that was closed, and shared its networks");
        }
    }

    @Override
    public String toString() {
        return "Policy{" + config.algorithm() + "/" + config.policyClass() + ", obs=" + observationDim + ", act="
                + bounds.dim() + ", dataset=" + provenance.datasetName()
                + (parent == null ? "" : ", acting=" + acting.describe()) + "}";
    }
}
