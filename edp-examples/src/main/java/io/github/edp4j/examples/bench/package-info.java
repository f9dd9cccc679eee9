/**
 * The EDP4J benchmark suite ({@code edp4j bench}): training throughput of EDP and its baselines at the paper's
 * scale, sampling latency and throughput of DPM-Solver-3 (with and without energy-based action selection) against
 * DDPM, D4RL load time, resident memory over a long run and the machine's matmul rate, written as JSON and printed
 * as a table. Start at {@link io.github.edp4j.examples.bench.BenchmarkSuite}.
 */
package io.github.edp4j.examples.bench;
