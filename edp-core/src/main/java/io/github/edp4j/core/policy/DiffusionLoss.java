package io.github.edp4j.core.policy;

import ai.djl.ndarray.NDArray;

/**
 * The result of one diffusion training pass on a batch: the behaviour-cloning loss and, from the same network
 * pass, the approximated clean actions that policy-improvement losses use (EDP, arXiv 2305.20081, Eq. 3 and 9).
 *
 * @param loss scalar {@code mean ||eps - eps_theta(a_k, k; s)||^2} (mean over batch and action dimensions)
 * @param approximatedActions {@code (B, actDim)} clipped {@code a0_hat}, differentiable w.r.t. the policy
 * @param noisyActions {@code (B, actDim)} the corrupted actions {@code a_k}
 * @param stepIndex {@code (B,)} int64 0-based steps {@code k - 1}, uniform in {@code 0..K-1}
 */
public record DiffusionLoss(NDArray loss, NDArray approximatedActions, NDArray noisyActions, NDArray stepIndex) {}
