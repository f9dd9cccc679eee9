package io.github.edp4j.algos;

import io.github.edp4j.core.schedule.ScheduleKind;

/**
 * The policy-improvement algorithms EDP plugs its diffusion policy into (arXiv 2305.20081, Sec. 4.3), the
 * Diffusion-QL baseline the paper compares its training speed with, and DTQL (arXiv 2405.19690), which acts with a
 * one-step policy kept inside a diffusion model's trust region.
 *
 * <p>Each algorithm names the diffusion settings it is meant to run with ({@link #defaultSteps()}, {@link
 * #defaultSchedule()}); {@link EdpTrainer.Builder} uses them unless steps or schedule are set explicitly.
 */
public enum Algorithm {
    /** TD3+BC (Fujimoto and Gu 2021): Q-guided behaviour cloning; locomotion default of the paper. */
    TD3,
    /** Critic-regularised regression (Wang et al. 2020). */
    CRR,
    /** Implicit Q-learning (Kostrikov et al. 2022); the paper's choice for antmaze, adroit and kitchen. */
    IQL,
    /**
     * Diffusion-QL (Wang, Hunt, Zhou, ICLR 2023, arXiv 2208.06193), the baseline EDP is measured against: the
     * Q term is differentiated through the full reverse DDPM chain instead of EDP's action approximation, so every
     * policy update runs {@code K} network passes forward and backward. Defaults to the vp schedule with
     * {@code K = 5}; diffusion policies only.
     */
    DQL,
    /**
     * Diffusion Trusted Q-Learning (Chen, Wang, Zhou 2024, arXiv 2405.19690, Sec. 2): a behaviour-cloning diffusion
     * model in EDM form (continuous noise levels, so {@code steps} and {@code schedule} do not apply) and a one-step
     * tanh-Gaussian policy trained with {@code alpha L_TR - Q + gamma L_NLL}, acting with one network call and
     * softmax selection over target-critic values. Needs {@link PolicyClass#DIFFUSION}; settings {@code dtqlAlpha},
     * {@code dtqlNllWeight}, {@code dtqlPretrainIterations}.
     */
    DTQL;

    /**
     * @return the number of diffusion steps {@code K} this algorithm is meant to run with: 1000 for the EDP
     *     algorithms (docs/design.md, section 5), 5 for Diffusion-QL (arXiv 2208.06193, Sec. 5)
     */
    public int defaultSteps() {
        return this == DQL ? 5 : 1000;
    }

    /** @return the noise schedule this algorithm is meant to run with: linear for EDP, vp for Diffusion-QL */
    public ScheduleKind defaultSchedule() {
        return this == DQL ? ScheduleKind.VP : ScheduleKind.LINEAR;
    }
}
