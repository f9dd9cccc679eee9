package io.github.edp4j.d4rl.mujoco;

/**
 * Byte offsets of the {@code mjModel} and {@code mjData} fields this package reads on MuJoCo 2.2.2 (which has no
 * state API), measured with {@code offsetof} against the headers of Debian bookworm's {@code libmujoco-dev}
 * 2.2.2-3 on x86-64 (LP64; the layout is the same on every 64-bit platform with 8-byte {@code double} alignment).
 * Each one is checked by a test against model facts.
 */
final class Layout222 {

    static final long MODEL_NQ = 0;
    static final long MODEL_NV = 4;
    static final long MODEL_NU = 8;

    static final long DATA_TIME = 40336;
    static final long DATA_QPOS = 40376;
    static final long DATA_QVEL = 40384;
    static final long DATA_CTRL = 40408;

    private Layout222() {
    }
}
