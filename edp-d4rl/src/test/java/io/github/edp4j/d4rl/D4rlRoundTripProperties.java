package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.edp4j.core.data.OfflineDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any dataset written by D4rlWriter loads back bit for bit, flags included. */
class D4rlRoundTripProperties {

    @Provide
    Arbitrary<OfflineDataset> datasets() {
        Arbitrary<Integer> rows = Arbitraries.integers().between(1, 40);
        Arbitrary<Integer> obsDim = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> actDim = Arbitraries.integers().between(1, 3);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(rows, obsDim, actDim, seeds).as(D4rlRoundTripProperties::dataset);
    }

    private static OfflineDataset dataset(int n, int od, int ad, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] obs = values(rnd, n * od);
        float[] next = values(rnd, n * od);
        float[] act = values(rnd, n * ad);
        float[] rew = values(rnd, n);
        boolean[] term = new boolean[n];
        boolean[] tout = new boolean[n];
        for (int i = 0; i < n; i++) {
            term[i] = rnd.nextInt(5) == 0;
            tout[i] = rnd.nextInt(5) == 0;
        }
        return OfflineDataset.builder().name("random-" + seed).observations(obs, od).actions(act, ad).rewards(rew)
                .nextObservations(next, od).terminals(term).timeouts(tout).build();
    }

    /** Finite floats of every kind: ordinary, huge, subnormal, signed zeros. */
    private static float[] values(java.util.SplittableRandom rnd, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (rnd.nextInt(6)) {
                case 0 -> -0.0f;
                case 1 -> Float.MIN_VALUE * rnd.nextInt(1, 1000);
                case 2 -> (rnd.nextBoolean() ? 1 : -1) * Float.MAX_VALUE / rnd.nextInt(1, 1000);
                default -> (float) (rnd.nextGaussian() * 10);
            };
        }
        return v;
    }

    @Property(tries = 40, seed = "20261204")
    void writtenDatasetsLoadBackIdentically(@ForAll("datasets") OfflineDataset ds) throws IOException {
        Path dir = Files.createTempDirectory("d4rl-roundtrip");
        try {
            Path file = dir.resolve("data.hdf5");
            D4rlWriter.write(ds, file);
            OfflineDataset back = D4rl.load(file).dataset();
            assertEquals(ds.name(), back.name());
            assertArrayEquals(ds.observations(), back.observations());
            assertArrayEquals(ds.nextObservations(), back.nextObservations());
            assertArrayEquals(ds.actions(), back.actions());
            assertArrayEquals(ds.rewards(), back.rewards());
            assertArrayEquals(ds.terminals(), back.terminals());
            assertArrayEquals(ds.timeouts(), back.timeouts());
            assertEquals(ds.contentHash(), back.contentHash());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
