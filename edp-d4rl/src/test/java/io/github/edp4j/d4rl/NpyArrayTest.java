package io.github.edp4j.d4rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code .npy} parser on hand-built images: header versions, byte orders, integer types, Fortran order. */
class NpyArrayTest {

    private static final Path FILE = Path.of("test.npy");

    /** An .npy image of the given header dict and values, in format version {@code major}. */
    static byte[] npy(int major, String dict, byte[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(major);
        out.write(0);
        int prefix = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(dict);
        while ((prefix + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.UTF_8);
        if (major == 1) {
            out.write(text.length & 0xff);
            out.write(text.length >> 8);
        } else {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(text.length).array());
        }
        out.writeBytes(text);
        out.writeBytes(values);
        return out.toByteArray();
    }

    @Test
    void bigEndianInt32InVersion2ReadsAsNumbers() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putInt(-7).putInt(0).putInt(1 << 20);
        NpyArray a = NpyArray.parse(FILE, "x", npy(2, "{'descr': '>i4', 'fortran_order': False, 'shape': (3,), }",
                b.array()));
        assertArrayEquals(new float[] {-7, 0, 1 << 20}, a.floats());
        assertEquals(3, a.rows());
        assertEquals(1, a.columns());
    }

    @Test
    void unsignedIntegersAreUnsignedAndBoolsAreFlags() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).putLong(5);
        NpyArray a = NpyArray.parse(FILE, "u", npy(1, "{'descr': '<u8', 'fortran_order': False, 'shape': (2,), }",
                b.array()));
        assertArrayEquals(new float[] {1.8446744E19f, 5}, a.floats());
        NpyArray f = NpyArray.parse(FILE, "b", npy(3, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                new byte[] {1, 0, 1}));
        assertArrayEquals(new boolean[] {true, false, true}, f.flags());
    }

    @Test
    void fortranOrderOfThreeDimensionsIsReorderedToRowMajor() {
        // shape (2, 2, 2): C-order element (i, j, k) = 100 i + 10 j + k, stored with the first index fastest
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 2; i++) {
                    b.putFloat(100 * i + 10 * j + k);
                }
            }
        }
        NpyArray a = NpyArray.parse(FILE, "t", npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2, 2), }",
                b.array()));
        assertArrayEquals(new float[] {0, 1, 10, 11, 100, 101, 110, 111}, a.floats());
        assertEquals(4, a.columns());
    }

    @Test
    void float64TooLargeForFloat32IsNamedWithRowAndColumn() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(1e300);
        NpyArray a = NpyArray.parse(FILE, "obs", npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                b.array()));
        D4rlFormatException e = assertThrows(D4rlFormatException.class, a::floats);
        assertEquals("test.npy: 'obs' has value 1.0E300 at row 0, column 1, too large for float32", e.getMessage());
    }

    @Test
    void malformedHeadersAreRefusedWithoutEvaluatingAnything() {
        String[][] cases = {
            {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", "structured"},
            {"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "object array"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (__import__('os'),), }", "not a number"},
            {"{'descr': '<f4', 'shape': (1,), }", "no 'fortran_order'"},
            {"{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", "dtype '<c8'"},
        };
        for (String[] c : cases) {
            D4rlFormatException e = assertThrows(D4rlFormatException.class,
                    () -> NpyArray.parse(FILE, "x", npy(1, c[0], new byte[8])));
            assertTrue(e.getMessage().startsWith("test.npy: 'x' ") && e.getMessage().contains(c[1]), e.getMessage());
        }
        D4rlFormatException shortData = assertThrows(D4rlFormatException.class, () -> NpyArray.parse(FILE, "x",
                npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", new byte[8])));
        assertEquals("test.npy: 'x' is truncated: shape [3] of <f4 needs 12 bytes of values, the file has 8",
                shortData.getMessage());
    }
}
