package io.github.edp4j.algos.nets;

/** The three policy parameterisations of the EDP paper's comparison (Table 2: EDP vs FF). */
public enum ActorKind {
    /** A diffusion policy trained with action approximation (EDP). */
    DIFFUSION,
    /** A Gaussian MLP with state-independent log-std (the FF baseline of CRR and IQL). */
    GAUSSIAN,
    /** A deterministic tanh MLP (the FF baseline of TD3+BC). */
    DETERMINISTIC
}
