package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.testing.FileMutations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of {@link Policy#load}: a small saved policy mutated by byte flips, truncation and extension. The
 * container's SHA-256 covers every byte, so every mutant must be refused with an {@link IOException} whose message
 * names the file and says what is wrong in plain words; none may load, hang or crash.
 */
class PolicyFuzzTest {

    private static final int MUTANTS = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyMutatedPolicyFileIsRefusedWithAPlainMessage() throws IOException {
        Path valid = dir.resolve("policy.edp4j");
        try (Policy p = EdpTrainerTest.tiny(Algorithm.IQL, PolicyClass.DIFFUSION, 5).iterations(10).build()
                .fit(FourModeToy.dataset(300, 4)).policy()) {
            p.save(valid);
        }
        byte[] original = Files.readAllBytes(valid);
        Policy.load(valid).close();
        Random rnd = new Random(FileMutations.SEED);
        List<String> bad = new ArrayList<>();
        int[] refused = new int[3];
        for (int i = 0; i < MUTANTS; i++) {
            int kind = i % 3;
            byte[] m = FileMutations.mutate(original, rnd, kind);
            Path f = dir.resolve("mutant-" + i + ".edp4j");
            Files.write(f, m);
            try (Policy loaded = Policy.load(f)) {
                bad.add(i + ": loaded a mutated file (" + loaded + ")");
            } catch (IOException e) {
                refused[kind]++;
                String msg = e.getMessage();
                if (!msg.startsWith(f + ": ")) {
                    bad.add(i + ": message does not start with the file: " + msg);
                } else if (FileMutations.RAW_CLASS_NAME.matcher(msg.substring(f.toString().length())).find()) {
                    bad.add(i + ": raw class name: " + msg);
                }
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                bad.add(i + ": " + e);
            }
            Files.delete(f);
        }
        System.out.printf("policy fuzz: %d mutants of a %d-byte file refused: %d of %d byte flips, %d of %d"
                + " truncations, %d of %d extensions%n", MUTANTS, original.length, refused[0], MUTANTS / 3,
                refused[1], MUTANTS / 3, refused[2], MUTANTS / 3);
        assertTrue(bad.isEmpty(), bad.size() + " bad outcomes, first ones:\n"
                + String.join("\n", bad.subList(0, Math.min(10, bad.size()))));
        assertEquals(MUTANTS, refused[0] + refused[1] + refused[2]);
    }

}
