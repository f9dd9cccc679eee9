package io.github.edp4j.core.schedule;

/** The three discrete variance schedules of docs/design.md, section 4. */
public enum ScheduleKind {
    /** Linear betas from {@code 1e-4 * 1000/K} to {@code 0.02 * 1000/K} (official EDP default), capped at 0.999. */
    LINEAR,
    /** Improved-DDPM cosine schedule (Nichol and Dhariwal 2021), {@code s = 0.008}, betas capped at 0.999. */
    COSINE,
    /** Variance-preserving schedule of Diffusion-QL, {@code b_min = 0.1}, {@code b_max = 10}. */
    VP
}
