package io.github.edp4j.core.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/** Seeded mutations of a file's bytes, and what their error messages must not show, for the fuzz tests of the readers. */
public final class FileMutations {

    /**
     * A qualified Java class name ({@code io.jhdf.exceptions.HdfException}) or a simple exception type name: what an
     * error message for a person must not contain.
     */
    public static final Pattern RAW_CLASS_NAME = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z]\\w*|\\b\\w*(Exception|Error)\\b");

    /** The seed of the fuzz tests' mutations. */
    public static final long SEED = 20261204L;

    /** The number of kinds {@link #mutate} knows: byte flips, truncation, extension. */
    public static final int KINDS = 3;

    private FileMutations() {
    }

    /**
     * @param original the valid file's bytes
     * @param rnd the seeded source of the mutation
     * @param kind 0: flip 1-8 bytes; 1: truncate at a random length; 2: append 1-4096 random bytes
     * @return mutated bytes, never equal to {@code original}
     */
    public static byte[] mutate(byte[] original, Random rnd, int kind) {
        switch (kind) {
            case 0 -> {
                byte[] m = original.clone();
                while (Arrays.equals(m, original)) {
                    int flips = 1 + rnd.nextInt(8);
                    for (int j = 0; j < flips; j++) {
                        m[rnd.nextInt(m.length)] ^= (byte) (1 + rnd.nextInt(255));
                    }
                }
                return m;
            }
            case 1 -> {
                return Arrays.copyOf(original, rnd.nextInt(original.length));
            }
            default -> {
                byte[] m = Arrays.copyOf(original, original.length + 1 + rnd.nextInt(4096));
                for (int j = original.length; j < m.length; j++) {
                    m[j] = (byte) rnd.nextInt(256);
                }
                return m;
            }
        }
    }

    /**
     * What is wrong with the error message a reader gave for a mutated file: it must name the file and, once the file
     * name is taken out, show no raw class name, no "null" and (when {@code oneLine}) no line break.
     *
     * @param file the mutated file
     * @param message the exception's message (may be null)
     * @param oneLine whether the message must be a single line
     * @return the problems, empty when the message is fine
     */
    public static List<String> messageProblems(Path file, String message, boolean oneLine) {
        List<String> out = new ArrayList<>();
        if (message == null || !message.contains(file.toString())) {
            out.add("message does not name the file: " + message);
            return out;
        }
        String rest = message.replace(file.toString(), "FILE");
        if (RAW_CLASS_NAME.matcher(rest).find()) {
            out.add("raw class name: " + message);
        }
        if (rest.contains("null")) {
            out.add("'null' in the message: " + message);
        }
        if (oneLine && rest.contains("\n")) {
            out.add("more than one line: " + message);
        }
        return out;
    }
}
