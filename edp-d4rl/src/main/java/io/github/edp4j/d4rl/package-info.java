/** EDP4J d4rl. */
package io.github.edp4j.d4rl;
