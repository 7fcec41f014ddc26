package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitPackingTest {

    @Test
    void everyWidthRoundTripsWholeRunsAndChunks() {
        Random rnd = new Random(7);
        for (int bits = 1; bits <= 16; bits++) {
            for (int n : new int[] {1, 7, 8, 9, 63, 1000, 4099}) {
                int[] codes = new int[n];
                for (int i = 0; i < n; i++) {
                    codes[i] = rnd.nextInt(1 << bits);
                }
                byte[] packed = new byte[(int) BitPacking.packedBytes(n, bits)];
                // pack in two independent runs split at a multiple of 8
                int split = (n / 2) & ~7;
                BitPacking.pack(codes, 0, split, bits, packed, 0);
                BitPacking.pack(codes, split, n - split, bits, packed, (int) BitPacking.byteOffset(split, bits));
                int[] back = new int[n];
                BitPacking.unpack(packed, 0, n, bits, back, 0);
                assertArrayEquals(codes, back, "bits " + bits + ", n " + n);
            }
        }
    }

    @Test
    void streamIsLittleEndianLowBitsFirst() {
        byte[] out = new byte[2];
        BitPacking.pack(new int[] {1, 2, 3, 0}, 0, 4, 3, out, 0);
        // 1 | 2<<3 | 3<<6 = 0b1101_0001 = 0xD1, remaining bit of 3 (=0) then 0
        assertEquals((byte) 0xD1, out[0]);
        assertEquals(0, out[1]);
        assertEquals(12, BitPacking.packedBytes(24, 4));
        assertEquals(4, BitPacking.packedBytes(5, 5));
    }

    @Test
    void rejectsWidthsOutsideOneToSixteen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BitPacking.packedBytes(8, 17));
        assertEquals("bits must be 1..16, got 17", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BitPacking.byteOffset(3, 4));
    }
}
