package dev.compressor.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void keepAllKeepsEveryElementAndNothingPastTheEnd() {
        Mask m = Mask.keepAll(70);
        assertEquals(70, m.keptCount());
        assertEquals(0.0, m.sparsity());
        assertEquals(m, Mask.ofBits(m.toBits(), 70));
    }

    @Test
    void nonZeroTreatsBothZerosAsPruned() {
        Mask m = Mask.nonZero(new float[] {0f, -0f, 1f, -2f});
        assertFalse(m.isKept(0));
        assertFalse(m.isKept(1));
        assertTrue(m.isKept(2));
        assertEquals(0.5, m.sparsity());
    }

    @Test
    void andNeverRevivesAndApplyZeroesPruned() {
        Mask a = Mask.of(new boolean[] {true, false, true, true});
        Mask b = Mask.of(new boolean[] {true, true, false, true});
        Mask c = a.and(b);
        assertTrue(a.covers(c));
        assertTrue(b.covers(c));
        assertFalse(c.covers(a));
        assertArrayEquals(new float[] {1, 0, 0, 4}, c.apply(new float[] {1, 2, 3, 4}));
    }

    @Test
    void rejectsMismatchedLengthsAndPaddingBits() {
        assertThrows(IllegalArgumentException.class, () -> Mask.keepAll(3).and(Mask.keepAll(4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mask.ofBits(new long[] {0b1000}, 3));
        assertTrue(e.getMessage().contains("past"), e.getMessage());
    }

    @Test
    void toBitsIsACopy() {
        Mask m = Mask.keepAll(5);
        long[] bits = m.toBits();
        bits[0] = 0;
        assertEquals(5, m.keptCount());
        assertEquals(5, Mask.keepAll(5).keptCount());
    }
}
