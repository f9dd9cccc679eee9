/**
 * What the {@code edp4j train} and {@code evaluate} commands and the quick start share: run names, progress lines,
 * learning curves and loss statistics of a {@link io.github.edp4j.algos.FitResult}, run directories, and seeded
 * policy rollouts on a built-in environment.
 */
package io.github.edp4j.examples.training;
