package io.github.edp4j.algos.nets;

import ai.djl.ndarray.NDArray;

/**
 * One differentiable pass of an {@link Actor} over a batch of dataset transitions.
 *
 * @param behaviorLoss scalar behaviour-cloning term: the diffusion loss for a diffusion policy (EDP Eq. 3), the
 *     mean squared error for a deterministic policy, the negative log-likelihood for a Gaussian policy
 * @param action {@code (B, actDim)} the policy's differentiable action for the batch states: {@code a0_hat} by
 *     action approximation (EDP Eq. 9) for a diffusion policy, the mean or deterministic action otherwise
 * @param logLikelihood {@code (B, 1)} log-likelihood of the dataset actions (Gaussian policies), else {@code null}
 */
public record ActorPass(NDArray behaviorLoss, NDArray action, NDArray logLikelihood) {}
