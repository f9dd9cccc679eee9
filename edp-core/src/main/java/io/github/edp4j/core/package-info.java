/** Core of EDP4J. */
package io.github.edp4j.core;
