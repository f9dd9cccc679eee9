package io.github.edp4j.d4rl.mujoco;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The C functions of libmujoco this package calls (MuJoCo's {@code mujoco.h}; the same names and argument types in
 * 2.2.2 and 3.x). The state functions exist from 2.3.6 on and are only called on 3.x; JNA resolves a symbol on its
 * first call, so their absence from 2.2.2 is harmless.
 */
interface MjLibrary extends Library {

    /** A {@code void (*)(const char*)} handler, the type of {@code mju_user_error} and {@code mju_user_warning}. */
    interface MessageHandler extends Callback {
        /** @param message MuJoCo's message */
        void invoke(String message);
    }

    int mj_version();

    String mj_versionString();

    Pointer mj_loadXML(String filename, Pointer vfs, byte[] error, int errorSize);

    void mj_deleteModel(Pointer model);

    Pointer mj_makeData(Pointer model);

    void mj_deleteData(Pointer data);

    void mj_resetData(Pointer model, Pointer data);

    void mj_forward(Pointer model, Pointer data);

    void mj_step(Pointer model, Pointer data);

    int mj_stateSize(Pointer model, int signature);

    void mj_getState(Pointer model, Pointer data, double[] state, int signature);

    void mj_setState(Pointer model, Pointer data, double[] state, int signature);

    /** Variadic in 3.x, one argument in 2.2.2; called with a plain message only. */
    void mju_error(String message, Object... none);
}
