/** EDP4J algos. */
package io.github.edp4j.algos;
