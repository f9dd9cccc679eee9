package io.github.edp4j.d4rl.mujoco;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;

/**
 * A compiled MuJoCo model ({@code mjModel}); frees the native model when closed (or, as a safety net, when
 * garbage-collected). Reads only the sizes this package needs: on 2.2.2 from the {@code mjModel} layout of
 * Debian's {@code libmujoco-dev} 2.2.2 headers ({@code int nq, nv, nu} at bytes 0, 4, 8), on 3.x through
 * {@code mj_stateSize} (no layout assumption). Not thread-safe.
 */
final class MjModel implements AutoCloseable {

    /** State element bits of {@code mjtState} that are the same in every 3.x release. */
    static final int STATE_TIME = 1;
    static final int STATE_QPOS = 1 << 1;
    static final int STATE_QVEL = 1 << 2;
    /** {@code mjSTATE_CTRL} is 1 << 5 before 3.x added {@code mjSTATE_HISTORY} at 1 << 4, 1 << 6 after. */
    private static final int[] CTRL_CANDIDATES = {1 << 5, 1 << 6};

    private final MuJoCo mujoco;
    private final String name;
    private final Pointer pointer;
    private final Cleaner.Cleanable cleanable;
    private final int nq;
    private final int nv;
    private final int nu;
    private final int ctrlSignature;
    private boolean closed;

    MjModel(MuJoCo mujoco, Pointer pointer, String name) {
        this.mujoco = mujoco;
        this.name = name;
        this.pointer = pointer;
        MjLibrary lib = mujoco.lib();
        this.cleanable = mujoco.cleaner().register(this, () -> lib.mj_deleteModel(pointer));
        if (mujoco.mjVersion().hasStateApi()) {
            nq = mujoco.call("mj_stateSize", () -> lib.mj_stateSize(pointer, STATE_QPOS));
            nv = mujoco.call("mj_stateSize", () -> lib.mj_stateSize(pointer, STATE_QVEL));
            ctrlSignature = findCtrlSignature(lib, pointer, nv);
            nu = mujoco.call("mj_stateSize", () -> lib.mj_stateSize(pointer, ctrlSignature));
        } else {
            nq = pointer.getInt(Layout222.MODEL_NQ);
            nv = pointer.getInt(Layout222.MODEL_NV);
            nu = pointer.getInt(Layout222.MODEL_NU);
            ctrlSignature = 0;
        }
    }

    /**
     * Finds {@code mjSTATE_CTRL}'s bit: the candidate whose size differs from {@code nv}, the size of the element
     * the other candidate names ({@code mjSTATE_WARMSTART} or {@code mjSTATE_QFRC_APPLIED}, both {@code nv} long).
     */
    private int findCtrlSignature(MjLibrary lib, Pointer model, int nv) {
        int found = 0;
        for (int sig : CTRL_CANDIDATES) {
            int size = mujoco.call("mj_stateSize", () -> lib.mj_stateSize(model, sig));
            if (size != nv) {
                if (found != 0) {
                    throw new MuJoCoException("MuJoCo " + mujoco.version() + ": cannot tell the control state"
                            + " element of model " + name + " (two candidates differ from nv = " + nv + ")");
                }
                found = sig;
            }
        }
        if (found == 0) {
            throw new MuJoCoException("MuJoCo " + mujoco.version() + ": cannot tell the control state element of"
                    + " model " + name + " (nu equals nv = " + nv + ")");
        }
        return found;
    }

    /** @return the number of position coordinates */
    int nq() {
        return nq;
    }

    /** @return the number of degrees of freedom */
    int nv() {
        return nv;
    }

    /** @return the number of actuators */
    int nu() {
        return nu;
    }

    int ctrlSignature() {
        return ctrlSignature;
    }

    String name() {
        return name;
    }

    MuJoCo mujoco() {
        return mujoco;
    }

    Pointer pointer() {
        if (closed) {
            throw new IllegalStateException("MuJoCo model " + name + " is closed");
        }
        return pointer;
    }

    /** @return a new {@code mjData} for this model, to be closed by the caller */
    MjData makeData() {
        Pointer p = pointer();
        Pointer data = mujoco.call("mj_makeData(" + name + ")", () -> mujoco.lib().mj_makeData(p));
        if (data == null) {
            throw new MuJoCoException("MuJoCo " + mujoco.version() + " could not allocate mjData for " + name);
        }
        return new MjData(this, data);
    }

    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }
}
