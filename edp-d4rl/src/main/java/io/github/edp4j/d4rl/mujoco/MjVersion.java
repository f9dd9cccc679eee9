package io.github.edp4j.d4rl.mujoco;

/**
 * A MuJoCo version decoded from {@code mj_version()}: releases up to 3.3 encode {@code 100 major + 10 minor + patch}
 * (2.2.2 is 222), later ones {@code 1000000 major + 1000 minor + patch} (3.14.0 is 3014000).
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 */
record MjVersion(int major, int minor, int patch) implements Comparable<MjVersion> {

    /** Debian bookworm's {@code libmujoco2.2.2}, whose {@code mjModel}/{@code mjData} layout this package knows. */
    static final MjVersion DEBIAN = new MjVersion(2, 2, 2);

    /** From this version on a contact's margin is the sum of its two geoms' margins (before: the larger one). */
    static final MjVersion MARGINS_SUMMED = new MjVersion(3, 5, 0);

    /**
     * @param code the value of {@code mj_version()}
     * @return the decoded version
     */
    static MjVersion decode(int code) {
        if (code >= 1_000_000) {
            return new MjVersion(code / 1_000_000, code / 1000 % 1000, code % 1000);
        }
        return new MjVersion(code / 100, code / 10 % 10, code % 10);
    }

    /** @return whether EDP4J can drive this version: exactly 2.2.2, or 3.0 and later (the state API) */
    boolean supported() {
        return equals(DEBIAN) || major >= 3;
    }

    /** @return whether mjData is read through {@code mj_getState}/{@code mj_setState} (3.x) */
    boolean hasStateApi() {
        return major >= 3;
    }

    /** @return whether contacts add the geoms' margins (MuJoCo >= 3.5) instead of taking the larger */
    boolean sumsMargins() {
        return compareTo(MARGINS_SUMMED) >= 0;
    }

    @Override
    public int compareTo(MjVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        if (minor != o.minor) {
            return Integer.compare(minor, o.minor);
        }
        return Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
