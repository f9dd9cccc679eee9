package io.github.edp4j.algos;

import io.github.edp4j.core.nn.AdamOptimizer;
import io.github.edp4j.core.nn.ParameterSet;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The complete state of a training run (networks, targets, optimizer moments, iteration, history) in one file in
 * EDP4J's checksummed container format ({@link ContainerFile}), written atomically, so a crash never leaves a
 * half-written checkpoint and a damaged one is refused before any of it is applied. Checkpoints of the format
 * before the container still load, with a warning.
 */
final class Checkpoint {

    static final String FILE_NAME = "checkpoint.edp4j";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    /** The first string of checkpoints before the container format. */
    private static final String LEGACY_MAGIC = "EDP4J-CHECKPOINT";
    /** Version of the checkpoint body inside the container. */
    private static final int FORMAT_VERSION = 1;

    private Checkpoint() {}

    static Path file(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    static void write(Path dir, TrainingRun run, TrainerConfig config, String datasetHash, List<Evaluation> evals,
            List<TrainingRecord> curve) throws IOException {
        ContainerFile.write(file(dir), ContainerFile.Kind.CHECKPOINT, FORMAT_VERSION, out -> {
            Policy.writeMap(out, config.toMap());
            out.writeUTF(datasetHash);
            out.writeLong(run.iteration());
            for (ParameterSet p : run.parameterSets()) {
                p.write(out);
            }
            for (AdamOptimizer o : run.optimizers()) {
                out.writeLong(o.stepCount());
                List<float[]> m = o.exportMoments();
                out.writeInt(m.size());
                for (float[] a : m) {
                    Policy.writeFloats(out, a);
                }
            }
            out.writeInt(evals.size());
            for (Evaluation e : evals) {
                out.writeLong(e.iteration());
                out.writeDouble(e.meanReturn());
                out.writeDouble(e.normalizedScore());
                out.writeInt(e.episodes());
            }
            out.writeInt(curve.size());
            for (TrainingRecord r : curve) {
                out.writeLong(r.iteration());
                out.writeDouble(r.iterationsPerSecond());
                out.writeInt(r.metrics().size());
                for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeDouble(e.getValue());
                }
            }
        });
    }

    /** Restores run state; returns the history stored with it. */
    static Restored read(Path dir, TrainingRun run, TrainerConfig config, String datasetHash) throws IOException {
        Path f = file(dir);
        String src = f.toString();
        byte[] bytes = ContainerFile.readAll(f, "checkpoint");
        boolean legacy = !ContainerFile.isContainer(bytes);
        DataInputStream in;
        try {
            if (legacy) {
                in = new DataInputStream(new ByteArrayInputStream(bytes));
                if (!LEGACY_MAGIC.equals(readHeader(in, src))) {
                    throw new IOException(src + ": not an EDP4J checkpoint");
                }
                int version = in.readInt();
                if (version != 1) {
                    throw new IOException(src + ": checkpoint format version " + version + " is not supported");
                }
                LOG.warn("{}: checkpoint in the old format without a whole-file checksum (only its weights are"
                        + " checked); the next checkpoint is written in the new format", src);
            } else {
                ContainerFile.Body body = ContainerFile.open(bytes, ContainerFile.Kind.CHECKPOINT, "checkpoint", src);
                if (body.version() != FORMAT_VERSION) {
                    throw new IOException(src + ": checkpoint format version " + body.version() + " is not supported"
                            + " (this library reads version " + FORMAT_VERSION + ")");
                }
                in = body.stream();
            }
            TrainerConfig saved = TrainerConfig.fromMap(Policy.readMap(in, src));
            String diff = config.incompatibility(saved);
            if (diff != null) {
                throw new IOException(src + ": checkpoint was written with a different configuration: " + diff);
            }
            String hash = in.readUTF();
            if (!hash.equals(datasetHash)) {
                throw new IOException(src + ": checkpoint was trained on another dataset (content hash " + hash
                        + ", this dataset " + datasetHash + ")");
            }
            long iteration = in.readLong();
            for (ParameterSet p : run.parameterSets()) {
                p.read(in, src);
            }
            for (AdamOptimizer o : run.optimizers()) {
                long steps = in.readLong();
                int n = in.readInt();
                List<float[]> m = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    m.add(Policy.readFloats(in, src));
                }
                o.importMoments(m, steps);
            }
            List<Evaluation> evals = new ArrayList<>();
            int ne = in.readInt();
            for (int i = 0; i < ne; i++) {
                evals.add(new Evaluation(in.readLong(), in.readDouble(), in.readDouble(), in.readInt()));
            }
            List<TrainingRecord> curve = new ArrayList<>();
            int nc = in.readInt();
            for (int i = 0; i < nc; i++) {
                long it = in.readLong();
                double ips = in.readDouble();
                int nm = in.readInt();
                Map<String, Double> m = new LinkedHashMap<>();
                for (int j = 0; j < nm; j++) {
                    m.put(in.readUTF(), in.readDouble());
                }
                curve.add(new TrainingRecord(it, m, ips));
            }
            if (legacy && !LEGACY_MAGIC.equals(in.readUTF())) {
                throw new IOException(src + ": corrupt checkpoint (missing end marker)");
            }
            if (!legacy && in.available() > 0) {
                throw new IOException(src + ": damaged checkpoint (" + in.available()
                        + " unexpected bytes at the end)");
            }
            run.restoreIteration(iteration);
            return new Restored(iteration, evals, curve);
        } catch (EOFException e) {
            throw new IOException(src + ": truncated checkpoint (ended early)", e);
        }
    }

    private static String readHeader(DataInputStream in, String src) throws IOException {
        try {
            return in.readUTF();
        } catch (IOException e) {
            throw new IOException(src + ": not an EDP4J checkpoint (unreadable header)", e);
        }
    }

    record Restored(long iteration, List<Evaluation> evaluations, List<TrainingRecord> curve) {}
}
