package io.github.edp4j.d4rl.mujoco;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;

/**
 * The simulation state of one model ({@code mjData}); frees it when closed (or, as a safety net, when
 * garbage-collected). One per environment instance. Reads and writes {@code qpos}, {@code qvel}, {@code ctrl} and
 * {@code time} through the state API on 3.x and through the 2.2.2 layout ({@link Layout222}) on 2.2.2.
 * Not thread-safe.
 */
final class MjData implements AutoCloseable {

    private final MjModel model;
    private final MuJoCo mujoco;
    private final MjLibrary lib;
    private final Pointer pointer;
    private final Cleaner.Cleanable cleanable;
    private final boolean stateApi;
    private final double[] one = new double[1];
    private boolean closed;

    MjData(MjModel model, Pointer pointer) {
        this.model = model;
        this.mujoco = model.mujoco();
        this.lib = mujoco.lib();
        this.pointer = pointer;
        MjLibrary l = lib;
        this.cleanable = mujoco.cleaner().register(this, () -> l.mj_deleteData(pointer));
        this.stateApi = mujoco.mjVersion().hasStateApi();
    }

    private Pointer data() {
        if (closed) {
            throw new IllegalStateException("MuJoCo data of model " + model.name() + " is closed");
        }
        return pointer;
    }

    /** {@code mj_resetData}: the model's reference configuration, zero velocity and time. */
    void reset() {
        Pointer d = data();
        Pointer m = model.pointer();
        mujoco.run("mj_resetData", () -> lib.mj_resetData(m, d));
    }

    /** {@code mj_forward}: derived quantities of the current state, no time step. */
    void forward() {
        Pointer d = data();
        Pointer m = model.pointer();
        mujoco.run("mj_forward", () -> lib.mj_forward(m, d));
    }

    /**
     * {@code mj_step} {@code n} times, stopping at the first {@code mju_error} (then thrown).
     *
     * @param n number of physics steps
     */
    void step(int n) {
        Pointer d = data();
        Pointer m = model.pointer();
        mujoco.run("mj_step", () -> {
            for (int i = 0; i < n && !mujoco.errorPending(); i++) {
                lib.mj_step(m, d);
            }
        });
    }

    /** @return the simulation time */
    double time() {
        if (stateApi) {
            get(MjModel.STATE_TIME, one);
            return one[0];
        }
        return data().getDouble(Layout222.DATA_TIME);
    }

    /** @param out receives {@code qpos}, length {@code nq} */
    void qpos(double[] out) {
        read(MjModel.STATE_QPOS, Layout222.DATA_QPOS, out, model.nq());
    }

    /** @param out receives {@code qvel}, length {@code nv} */
    void qvel(double[] out) {
        read(MjModel.STATE_QVEL, Layout222.DATA_QVEL, out, model.nv());
    }

    /** @param out receives {@code ctrl}, length {@code nu} */
    void ctrl(double[] out) {
        read(model.ctrlSignature(), Layout222.DATA_CTRL, out, model.nu());
    }

    /** @param qpos new positions, length {@code nq} */
    void setQpos(double[] qpos) {
        write(MjModel.STATE_QPOS, Layout222.DATA_QPOS, qpos, model.nq());
    }

    /** @param qvel new velocities, length {@code nv} */
    void setQvel(double[] qvel) {
        write(MjModel.STATE_QVEL, Layout222.DATA_QVEL, qvel, model.nv());
    }

    /** @param ctrl new controls, length {@code nu} */
    void setCtrl(double[] ctrl) {
        write(model.ctrlSignature(), Layout222.DATA_CTRL, ctrl, model.nu());
    }

    private void read(int signature, long offset, double[] out, int n) {
        checkLength(out, n);
        if (stateApi) {
            get(signature, out);
        } else {
            data().getPointer(offset).read(0, out, 0, n);
        }
    }

    private void write(int signature, long offset, double[] in, int n) {
        checkLength(in, n);
        Pointer d = data();
        if (stateApi) {
            Pointer m = model.pointer();
            mujoco.run("mj_setState", () -> lib.mj_setState(m, d, in, signature));
        } else {
            d.getPointer(offset).write(0, in, 0, n);
        }
    }

    private void get(int signature, double[] out) {
        Pointer d = data();
        Pointer m = model.pointer();
        mujoco.run("mj_getState", () -> lib.mj_getState(m, d, out, signature));
    }

    private static void checkLength(double[] a, int n) {
        if (a.length != n) {
            throw new IllegalArgumentException("state array has length " + a.length + ", expected " + n);
        }
    }

    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }
}
