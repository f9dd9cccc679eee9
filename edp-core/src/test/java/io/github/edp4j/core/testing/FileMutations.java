package io.github.edp4j.core.testing;

import java.util.Arrays;
import java.util.Random;

/** Seeded mutations of a file's bytes for the fuzz tests of the policy, checkpoint and D4RL readers. */
public final class FileMutations {

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
}
