package io.github.edp4j.algos;

/** The policy parameterisation: EDP's diffusion policy or the paper's feed-forward baseline (Table 2). */
public enum PolicyClass {
    /** A diffusion policy with action approximation and DPM-Solver sampling (EDP). */
    DIFFUSION,
    /** The feed-forward baseline: a deterministic MLP for TD3+BC, a Gaussian MLP for CRR and IQL. */
    GAUSSIAN
}
