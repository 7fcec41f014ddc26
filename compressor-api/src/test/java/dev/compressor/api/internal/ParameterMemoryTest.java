package dev.compressor.api.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ParameterMemoryTest {

    @Test
    void slicesWrittenInParallelAreTheArraysValues() {
        int n = 3_000_017; // several prefault slices and a ragged end
        ParameterMemory memory = ParameterMemory.allocate(n);
        memory.prefault();
        int pieces = 7;
        IntStream.range(0, pieces).parallel().forEach(k -> {
            int from = (int) ((long) n * k / pieces);
            int to = (int) ((long) n * (k + 1) / pieces);
            FloatBuffer b = memory.slice(from, to - from);
            for (int i = from; i < to; i++) {
                b.put(i - from, i * 0.5f);
            }
        });
        INDArray row = memory.asRowVector();
        assertArrayEquals(new long[] {1, n}, row.shape());
        float[] back = row.toFloatVector();
        for (int i = 0; i < n; i += 9973) {
            assertEquals(i * 0.5f, back[i], "element " + i);
        }
        assertEquals((n - 1) * 0.5f, back[n - 1]);
        // the array shares the memory: a later write through a slice is visible
        memory.slice(5, 1).put(0, -1f);
        assertEquals(-1f, row.getFloat(0, 5));
    }

    @Test
    void prefaultZeroesEveryElement() {
        ParameterMemory memory = ParameterMemory.allocate(1_234_567);
        memory.slice(1_000_000, 3).put(new float[] {1, 2, 3});
        memory.prefault();
        float[] back = memory.asRowVector().toFloatVector();
        assertArrayEquals(new float[back.length], back);
    }

    @Test
    void rejectsBadLengthsAndSlicesNamingTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterMemory.allocate(0));
        assertEquals("parameter count must be at least 1, is 0", e.getMessage());
        ParameterMemory memory = ParameterMemory.allocate(10);
        IndexOutOfBoundsException s = assertThrows(IndexOutOfBoundsException.class, () -> memory.slice(8, 3));
        assertEquals("slice [8, 11) of 10", s.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> memory.slice(-1, 2));
    }
}
