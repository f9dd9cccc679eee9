package io.github.edp4j.algos;

/** The policy-improvement algorithms EDP plugs its diffusion policy into (arXiv 2305.20081, Sec. 4.3). */
public enum Algorithm {
    /** TD3+BC (Fujimoto and Gu 2021): Q-guided behaviour cloning; locomotion default of the paper. */
    TD3,
    /** Critic-regularised regression (Wang et al. 2020). */
    CRR,
    /** Implicit Q-learning (Kostrikov et al. 2022); the paper's choice for antmaze, adroit and kitchen. */
    IQL
}
