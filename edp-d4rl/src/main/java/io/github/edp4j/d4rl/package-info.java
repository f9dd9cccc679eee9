/**
 * D4RL support for EDP4J: reading D4RL HDF5 files exactly ({@link io.github.edp4j.d4rl.D4rl}), writing any
 * {@link io.github.edp4j.core.data.OfflineDataset} in the same layout ({@link io.github.edp4j.d4rl.D4rlWriter}),
 * the dataset's identity ({@link io.github.edp4j.d4rl.D4rlDomain}), the per-domain reward preprocessing of the
 * EDP paper ({@link io.github.edp4j.d4rl.RewardPreprocessing}) and D4RL's normalized scores
 * ({@link io.github.edp4j.d4rl.D4rlScores}); and one loader for the other formats offline-RL data ships in
 * ({@link io.github.edp4j.d4rl.Datasets}): Minari datasets, OGBench and other NumPy {@code .npz} files, directories
 * of {@code .npy} arrays and CSV logs.
 *
 * <p>D4RL: Fu, Kumar, Nachum, Tucker, Levine, "D4RL: Datasets for Deep Data-Driven Reinforcement Learning",
 * arXiv 2004.07219. EDP: Kang, Ma, Du, Pang, Yan, "Efficient Diffusion Policies for Offline Reinforcement
 * Learning", NeurIPS 2023, arXiv 2305.20081.
 */
package io.github.edp4j.d4rl;
