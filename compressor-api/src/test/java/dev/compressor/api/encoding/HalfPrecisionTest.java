package dev.compressor.api.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfPrecisionTest {

    @Test
    void everyHalfValueRoundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfPrecision.fromHalf((short) h);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(HalfPrecision.fromHalf(HalfPrecision.toHalf(f))));
                continue;
            }
            assertEquals((short) h, HalfPrecision.toHalf(f), "half bits " + Integer.toHexString(h));
        }
    }

    @Test
    void knownValues() {
        assertEquals(0x3C00, HalfPrecision.toHalf(1f) & 0xFFFF);
        assertEquals(0xC000, HalfPrecision.toHalf(-2f) & 0xFFFF);
        assertEquals(0x7BFF, HalfPrecision.toHalf(65504f) & 0xFFFF); // max normal
        assertEquals(0x7C00, HalfPrecision.toHalf(65520f) & 0xFFFF); // rounds to infinity
        assertEquals(0x0001, HalfPrecision.toHalf(0x1p-24f) & 0xFFFF); // min subnormal
        assertEquals(0x0000, HalfPrecision.toHalf(0x1p-26f) & 0xFFFF); // below half of min subnormal
        assertEquals(0x7C00, HalfPrecision.toHalf(Float.POSITIVE_INFINITY) & 0xFFFF);
        assertEquals(5.9604645E-8f, HalfPrecision.fromHalf((short) 1));
    }

    @Test
    void roundsToNearestEven() {
        // 1 + 2^-11 is exactly between 1 and 1 + 2^-10: ties to even (1.0)
        assertEquals(0x3C00, HalfPrecision.toHalf(1f + 0x1p-11f) & 0xFFFF);
        // 1 + 3 * 2^-11 is between 1 + 2^-10 (odd) and 1 + 2^-9 (even): goes up
        assertEquals(0x3C02, HalfPrecision.toHalf(1f + 3 * 0x1p-11f) & 0xFFFF);
        // just above the tie goes up
        assertEquals(0x3C01, HalfPrecision.toHalf(Math.nextUp(1f + 0x1p-11f)) & 0xFFFF);
        // bfloat16: 1 + 2^-8 is a tie between 1 and 1 + 2^-7: even is 1
        assertEquals(0x3F80, HalfPrecision.toBfloat16(1f + 0x1p-8f) & 0xFFFF);
        assertEquals(0x3F82, HalfPrecision.toBfloat16(1f + 3 * 0x1p-8f) & 0xFFFF);
    }

    @Test
    void bfloat16KeepsNanAndRange() {
        assertTrue(Float.isNaN(HalfPrecision.fromBfloat16(HalfPrecision.toBfloat16(Float.NaN))));
        assertEquals(Float.POSITIVE_INFINITY, HalfPrecision.fromBfloat16(HalfPrecision.toBfloat16(Float.MAX_VALUE)));
        assertEquals(1e30f, HalfPrecision.fromBfloat16(HalfPrecision.toBfloat16(1e30f)), 1e30f * 0x1p-8f);
        for (int b = 0; b < 0x10000; b++) {
            float f = HalfPrecision.fromBfloat16((short) b);
            if (!Float.isNaN(f)) {
                assertEquals((short) b, HalfPrecision.toBfloat16(f));
            }
        }
    }
}
