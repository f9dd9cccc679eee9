package io.github.edp4j.d4rl;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Test helpers: the h5py fixtures, their expected values, and raw D4RL-layout files written with jhdf. */
final class Fixtures {

    private Fixtures() {}

    /**
     * @param name a path under the test resources' {@code d4rl/} folder
     * @return the fixture file
     */
    static Path file(String name) {
        URL url = Fixtures.class.getResource("/d4rl/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture d4rl/" + name
                    + "; regenerate with /usr/bin/python3 edp-d4rl/src/test/fixtures/make_d4rl_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the values make_d4rl_fixtures.py recorded */
    static Properties expected() {
        Properties p = new Properties();
        try (InputStream in = Fixtures.class.getResourceAsStream("/d4rl/expected.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing d4rl/expected.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Sum of the float bit patterns as unsigned 32-bit integers, the order-independent checksum of the
     * fixture script.
     */
    static long bits(float[] values) {
        long sum = 0;
        for (float v : values) {
            sum += Integer.toUnsignedLong(Float.floatToRawIntBits(v));
        }
        return sum;
    }

    /**
     * Writes a raw D4RL-layout file with jhdf, arrays as given (float[][], float[], byte[], ...), gzip-chunked
     * when {@code gzip} is set.
     */
    static Path writeRaw(Path file, Map<String, Object> arrays, boolean gzip) {
        try (WritableHdfFile out = HdfFile.write(file)) {
            for (Map.Entry<String, Object> e : arrays.entrySet()) {
                Object v = e.getValue();
                if (gzip && length(v) > 0) {
                    int rows = length(v);
                    DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().deflate(4);
                    if (v instanceof float[][] m) {
                        b.chunkDimensions(Math.min(rows, 64), m[0].length);
                    } else {
                        b.chunkDimensions(Math.min(rows, 64));
                    }
                    out.putDataset(e.getKey(), v, b.build());
                } else {
                    out.putDataset(e.getKey(), v);
                }
            }
        }
        return file;
    }

    private static int length(Object v) {
        return java.lang.reflect.Array.getLength(v);
    }

    /** @return {@code rows x dim} values {@code base + row + col / 100} */
    static float[][] matrix(int rows, int dim, float base) {
        float[][] m = new float[rows][dim];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < dim; j++) {
                m[i][j] = base + i + j / 100f;
            }
        }
        return m;
    }

    /** @return int8 flags set at the given rows */
    static byte[] flags(int rows, int... set) {
        byte[] b = new byte[rows];
        for (int i : set) {
            b[i] = 1;
        }
        return b;
    }

    /** @return rewards equal to the row index */
    static float[] rowRewards(int rows) {
        float[] r = new float[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = i;
        }
        return r;
    }
}
