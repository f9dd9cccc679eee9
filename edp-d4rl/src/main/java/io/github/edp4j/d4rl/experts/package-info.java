/**
 * Pre-trained expert actors for D4RL's MuJoCo locomotion tasks ({@link io.github.edp4j.d4rl.experts.ExpertActor}),
 * stored as safetensors ({@link io.github.edp4j.d4rl.experts.SafeTensors}): the behaviour policies of the built-in
 * {@code hopper-*}, {@code walker2d-*} and {@code halfcheetah-*} datasets, and a check of the environments.
 *
 * <p>The actors are the stable-baselines3 RL Zoo's SAC and TQC agents (DLR-RM/rl-trained-agents, MIT license; SAC:
 * Haarnoja et al., "Soft Actor-Critic", arXiv 1801.01290; TQC: Kuznetsov et al., arXiv 2005.04269), their provenance
 * and checksums in the resource {@code io/github/edp4j/d4rl/experts/PROVENANCE.md}.
 */
package io.github.edp4j.d4rl.experts;
