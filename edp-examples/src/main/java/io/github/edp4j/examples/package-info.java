/** EDP4J examples. */
package io.github.edp4j.examples;
