package io.github.edp4j.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** The {@code key value} lines the edp4j commands print: the key left-aligned in a column of fixed width. */
final class Fields {

    /** Width of the key column (the value starts one character after it). */
    static final int KEY_WIDTH = 24;

    private Fields() {}

    /**
     * Prints one line.
     *
     * @param out where to print
     * @param key the key, at most {@link #KEY_WIDTH} characters to stay aligned
     * @param value the value
     */
    static void line(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "%-" + KEY_WIDTH + "s %s%n", key, value);
    }
}
