package io.github.edp4j.d4rl.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * D4RL's three MuJoCo locomotion tasks, as gym's v3 classes that D4RL's v2 datasets were collected with (the same
 * logic as Gymnasium 1.3's {@code *-v4}): model facts, frame skip, reward weights, health ranges and reset noise.
 */
public enum LocomotionTask {

    /** gym {@code Hopper-v3}: 11-dim observation, 3 actuators, frame skip 4, dt 0.008. */
    HOPPER("hopper", "hopper.xml", 6, 6, 3, 0.002, 4, 1e-3, 5e-3, 0.001),
    /** gym {@code Walker2d-v3}: 17-dim observation, 6 actuators, frame skip 4, dt 0.008. */
    WALKER2D("walker2d", "walker2d.xml", 9, 9, 6, 0.002, 4, 1e-3, 5e-3, 0.0),
    /** gym {@code HalfCheetah-v3}: 17-dim observation, 6 actuators, frame skip 5, dt 0.05; never terminates. */
    HALFCHEETAH("halfcheetah", "halfcheetah.xml", 9, 9, 6, 0.01, 5, 0.1, 0.1, 0.0);

    /** Episodes are truncated after this many steps (gym's registration of the v3 tasks). */
    public static final int MAX_EPISODE_STEPS = 1000;

    private final String envName;
    private final String resource;
    private final int nq;
    private final int nv;
    private final int nu;
    private final double timestep;
    private final int frameSkip;
    private final double ctrlCostWeight;
    private final double resetNoiseScale;
    private final double geomMargin;

    LocomotionTask(String envName, String resource, int nq, int nv, int nu, double timestep, int frameSkip,
            double ctrlCostWeight, double resetNoiseScale, double geomMargin) {
        this.envName = envName;
        this.resource = resource;
        this.nq = nq;
        this.nv = nv;
        this.nu = nu;
        this.timestep = timestep;
        this.frameSkip = frameSkip;
        this.ctrlCostWeight = ctrlCostWeight;
        this.resetNoiseScale = resetNoiseScale;
        this.geomMargin = geomMargin;
    }

    /** @return the environment name, the prefix of D4RL's dataset names ({@code hopper}, ...) */
    public String envName() {
        return envName;
    }

    /** @return the observation length: {@code qpos} without the x position, then {@code qvel} */
    public int observationDim() {
        return nq - 1 + nv;
    }

    /** @return the action length (number of actuators); actions lie in {@code [-1, 1]} */
    public int actionDim() {
        return nu;
    }

    /**
     * Finds a task by name: the environment name ({@code hopper}), gym's id ({@code Hopper-v3},
     * {@code HalfCheetah-v4}) or a D4RL dataset name ({@code hopper-medium-v2},
     * {@code halfcheetah-medium-expert-v2}, optionally with {@code .hdf5}); case and underscores are ignored.
     *
     * @param name the name
     * @return the task
     * @throws IllegalArgumentException if no task matches, listing the accepted names
     */
    public static LocomotionTask forName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("locomotion task name must not be blank; expected one of hopper,"
                    + " walker2d, halfcheetah (or a gym id / D4RL dataset name such as hopper-medium-v2)");
        }
        String s = name.trim();
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        s = s.substring(slash + 1).toLowerCase(Locale.ROOT).replace("_", "");
        int dash = s.indexOf('-');
        String prefix = dash < 0 ? s : s.substring(0, dash);
        if (prefix.endsWith(".hdf5")) {
            prefix = prefix.substring(0, prefix.length() - 5);
        }
        for (LocomotionTask t : values()) {
            if (t.envName.equals(prefix)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown locomotion task '" + name + "'; expected hopper, walker2d or"
                + " halfcheetah, a gym id such as Hopper-v3, or a D4RL dataset name such as hopper-medium-v2");
    }

    int nq() {
        return nq;
    }

    int nv() {
        return nv;
    }

    double timestep() {
        return timestep;
    }

    int frameSkip() {
        return frameSkip;
    }

    double ctrlCostWeight() {
        return ctrlCostWeight;
    }

    double resetNoiseScale() {
        return resetNoiseScale;
    }

    /**
     * The model's MJCF for a given MuJoCo version. Every geom of a model shares one margin; MuJoCo >= 3.5 sums the
     * two margins of a contact where 2.2.2 (and mujoco-py's 2.x, which gym v3 ran on) took the larger, so on those
     * versions half the margin is written, which gives every contact gym v3's margin exactly.
     *
     * @param version the library version
     * @return the XML text
     */
    String modelXml(MjVersion version) {
        String xml;
        try (InputStream in = LocomotionTask.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + resource + " is missing from the class path");
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + resource, e);
        }
        if (geomMargin > 0 && version.sumsMargins()) {
            String from = "margin=\"" + geomMargin + "\"";
            String to = "margin=\"" + geomMargin / 2 + "\"";
            if (!xml.contains(from)) {
                throw new IllegalStateException("model resource " + resource + " lacks " + from);
            }
            xml = xml.replace(from, to);
        }
        return xml;
    }
}
