package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FidelityTest {

    @Test
    void identicalOutputsAreExact() {
        float[] y = {0.1f, 0.7f, 0.2f};
        assertEquals(new Fidelity(0, 0, 1), Fidelity.compare(y, y.clone(), new long[] {1, 3}));
    }

    @Test
    void differencesAndArgmaxPerTimeStep() {
        // shape [1, 2 classes, 3 steps], C order: class-major rows
        float[] ref = {1, 0, 3, 0, 1, 0};
        float[] act = {1, 2, 3, 0, 1, 0};
        Fidelity f = Fidelity.compare(ref, act, new long[] {1, 2, 3});
        assertEquals(2.0, f.maxAbsDiff(), 1e-12);
        assertEquals(Math.sqrt(4.0 / 11.0), f.relativeL2(), 1e-12);
        assertEquals(2.0 / 3.0, f.top1Agreement(), 1e-12);
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Fidelity.compare(new float[2], new float[3], new long[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Fidelity.compare(new float[2], new float[2], new long[] {1, 3}));
        assertThrows(IllegalArgumentException.class, () -> Fidelity.compare(new float[2], new float[2], new long[] {2}));
    }
}
