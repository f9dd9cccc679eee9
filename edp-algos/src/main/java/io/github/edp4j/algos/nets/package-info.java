/**
 * The networks the trainer builds (actors of each policy class, twin critics, value networks), each owning its
 * parameters in a child manager that {@code close()} frees.
 *
 * <p><b>Thread safety.</b> These are building blocks of one training loop and are not synchronized: use an instance
 * from one thread at a time and close it only after every other use has returned. For acting from several
 * threads use {@link io.github.edp4j.algos.Policy}, which serializes acting and makes {@code close()} wait for a
 * call in progress.
 */
package io.github.edp4j.algos.nets;
