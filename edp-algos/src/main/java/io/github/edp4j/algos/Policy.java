package io.github.edp4j.algos;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.ObservationNormalizer;
import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.sampling.EnergyBasedActionSelection;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained policy ready to act: the EMA copy of the actor, the critic for energy-based action selection (EDP,
 * arXiv 2305.20081, Sec. 4.3: N candidates from DPM-Solver, one picked by {@code softmax(Q)}), the dataset's
 * observation normalisation, and the provenance of its training. Acting is deterministic for a given seed and
 * sequence of calls, and synchronized.
 *
 * <p>{@link #save(Path)} writes everything to one file atomically; {@link #load(Path)} reads it back and says
 * precisely what is wrong with a file it cannot use.
 */
public final class Policy implements AutoCloseable {

    private static final String MAGIC = "EDP4J-POLICY";
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
    private long calls;

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
        this.selection = new NetworkFactory(config, observationDim, bounds).selection();
        this.owner = owner;
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

    /** @return the observation dimension */
    public int observationDim() {
        return observationDim;
    }

    /** @return the action bounds */
    public ActionBounds actionBounds() {
        return bounds;
    }

    /**
     * Acts in one state.
     *
     * @param observation raw (unnormalized) observation of length {@link #observationDim()}, finite
     * @return the action, inside the bounds
     */
    public float[] act(float[] observation) {
        return act(new float[][] {observation})[0];
    }

    /**
     * Acts in a batch of states in one pass (one batch of {@code N * B} candidates for EAS).
     *
     * @param observations raw observations, each of length {@link #observationDim()}, finite
     * @return one action per observation
     * @throws IllegalArgumentException naming the row and what is wrong with it
     */
    public synchronized float[][] act(float[][] observations) {
        if (observations == null || observations.length == 0) {
            throw new IllegalArgumentException("act: at least one observation is required");
        }
        int b = observations.length;
        float[] flat = new float[b * observationDim];
        for (int i = 0; i < b; i++) {
            float[] o = observations[i];
            if (o == null || o.length != observationDim) {
                throw new IllegalArgumentException("act: observation " + i + " has dimension "
                        + (o == null ? "null" : o.length) + " but the policy expects " + observationDim);
            }
            for (int j = 0; j < observationDim; j++) {
                if (!Float.isFinite(o[j])) {
                    throw new IllegalArgumentException("act: observation " + i + " has non-finite value " + o[j]
                            + " at index " + j);
                }
            }
            System.arraycopy(normalizer.apply(o), 0, flat, i * observationDim, observationDim);
        }
        float[] out;
        try (NDManager m = manager.newSubManager()) {
            TorchRuntime.seed(Seeds.mix(config.seed() ^ 0x7f4a7c15L, calls++));
            NDArray states = NativeConstants.array(m, flat, new Shape(b, observationDim));
            NDArray actions = actor.stochastic()
                    ? selection.select(states, actor::sample, critic::min)
                    : actor.act(states);
            out = actions.toFloatArray();
        }
        int d = bounds.dim();
        float[][] rows = new float[b][d];
        for (int i = 0; i < b; i++) {
            System.arraycopy(out, i * d, rows[i], 0, d);
            bounds.clip(rows[i]);
        }
        return rows;
    }

    /**
     * Writes the policy atomically (temporary file in the same directory, then a move).
     *
     * @param file destination
     * @throws IOException on failure
     */
    public void save(Path file) throws IOException {
        AtomicFile.write(file, out -> {
            out.writeUTF(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(observationDim);
            writeFloats(out, bounds.low());
            writeFloats(out, bounds.high());
            writeFloats(out, normalizer.mean());
            writeFloats(out, normalizer.std());
            out.writeDouble(normalizer.epsilon());
            writeMap(out, provenance.toMap());
            actor.parameters().write(out);
            critic.parameters().write(out);
            out.writeUTF(MAGIC);
        });
    }

    /**
     * Loads a policy written by {@link #save(Path)}.
     *
     * @param file the file
     * @return the policy (close it when done)
     * @throws IOException if the file is missing, not a policy, truncated, corrupt or of an incompatible version,
     *     with a message saying which
     */
    public static Policy load(Path file) throws IOException {
        String src = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(src, null, "no policy file here");
        }
        NDManager root = null;
        try (InputStream is = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                throw new IOException(src + ": not an EDP4J policy file (unreadable header)", e);
            }
            if (!MAGIC.equals(magic)) {
                throw new IOException(src + ": not an EDP4J policy file");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(src + ": policy format version " + version + " is not supported (this library "
                        + "reads version " + FORMAT_VERSION + ")");
            }
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
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(src + ": corrupt policy file (missing end marker)");
            }
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

    @Override
    public void close() {
        if (owner) {
            manager.close();
        }
    }

    @Override
    public String toString() {
        return "Policy{" + config.algorithm() + "/" + config.policyClass() + ", obs=" + observationDim + ", act="
                + bounds.dim() + ", dataset=" + provenance.datasetName() + "}";
    }
}
