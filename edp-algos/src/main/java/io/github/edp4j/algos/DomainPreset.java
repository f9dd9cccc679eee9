package io.github.edp4j.algos;

/**
 * Per-domain settings of the EDP paper (arXiv 2305.20081, Table 3 and Sec. 5) over the official defaults: the
 * weight {@code eta} of TD3's Q term (locomotion 1.0, antmaze 1.0, adroit 0.1, kitchen 0.005) and IQL's
 * expectile (0.9 for antmaze, 0.7 elsewhere). Learning rates and gradient clipping keep the official defaults
 * (3e-4 and a global norm of 5, the paper's value), which the paper uses across these domains.
 */
public enum DomainPreset {
    /** Gym locomotion (hopper, halfcheetah, walker2d). */
    LOCOMOTION(1.0, 0.7),
    /** AntMaze navigation. */
    ANTMAZE(1.0, 0.9),
    /** Adroit dexterous manipulation. */
    ADROIT(0.1, 0.7),
    /** Franka kitchen. */
    KITCHEN(0.005, 0.7);

    private final double td3Eta;
    private final double iqlExpectile;

    DomainPreset(double td3Eta, double iqlExpectile) {
        this.td3Eta = td3Eta;
        this.iqlExpectile = iqlExpectile;
    }

    /** @return TD3's Q-term weight eta */
    public double td3Eta() {
        return td3Eta;
    }

    /** @return IQL's expectile */
    public double iqlExpectile() {
        return iqlExpectile;
    }
}
