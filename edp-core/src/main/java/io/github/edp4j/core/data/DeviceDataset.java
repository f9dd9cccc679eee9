package io.github.edp4j.core.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.nn.NativeConstants;

/**
 * An {@link OfflineDataset} copied once to a device, from which minibatches are gathered by index without
 * any Java-array round trip (docs/design.md, section 7). The indices come from the engine's random generator, so a
 * seeded engine gives a reproducible sequence of batches.
 *
 * <p><b>Thread safety.</b> Its arrays belong to the manager passed to {@link OfflineDataset#toDevice(NDManager)},
 * which the caller owns: the dataset can be used until that manager closes, and the manager must not be closed
 * while another thread is sampling from it (closing frees the native memory the sampler reads; use after the close
 * throws {@link IllegalStateException} from DJL). Sampling draws from libtorch's process-wide generator, so batches
 * are reproducible only when one thread samples. The trainer gives every {@code fit} its own device copy.
 */
public final class DeviceDataset {

    private final int size;
    private final NDArray observations;
    private final NDArray actions;
    private final NDArray rewards;
    private final NDArray nextObservations;
    private final NDArray notDone;

    DeviceDataset(OfflineDataset ds, NDManager manager) {
        int n = ds.size();
        this.size = n;
        this.observations = NativeConstants.array(manager, ds.observations(), new Shape(n, ds.observationDim()));
        this.actions = NativeConstants.array(manager, ds.actions(), new Shape(n, ds.actionDim()));
        this.rewards = NativeConstants.array(manager, ds.rewards(), new Shape(n, 1));
        this.nextObservations = NativeConstants.array(manager, ds.nextObservations(), new Shape(n, ds.observationDim()));
        float[] nd = new float[n];
        boolean[] term = ds.terminals();
        for (int i = 0; i < n; i++) {
            nd[i] = term[i] ? 0f : 1f;
        }
        this.notDone = NativeConstants.array(manager, nd, new Shape(n, 1));
    }

    /** @return the number of transitions */
    public int size() {
        return size;
    }

    /**
     * Draws a minibatch uniformly with replacement.
     *
     * @param step the step's manager, which owns the returned arrays
     * @param batchSize number of transitions
     * @return the batch
     */
    public Batch sample(NDManager step, int batchSize) {
        NDArray idx = step.randomInteger(0, size, new Shape(batchSize), DataType.INT64);
        return gather(step, idx);
    }

    /**
     * Gathers the transitions at the given row indices.
     *
     * @param step the step's manager, which owns the returned arrays
     * @param indices {@code (B,)} int64 row indices
     * @return the batch
     */
    public Batch gather(NDManager step, NDArray indices) {
        NDIndex index = new NDIndex("{}", indices);
        return new Batch(take(step, observations, index), take(step, actions, index), take(step, rewards, index),
                take(step, nextObservations, index), take(step, notDone, index));
    }

    private static NDArray take(NDManager step, NDArray source, NDIndex index) {
        NDArray out = source.get(index);
        out.attach(step);
        return out;
    }
}
