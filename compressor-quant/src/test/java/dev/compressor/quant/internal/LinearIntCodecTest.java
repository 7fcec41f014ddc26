package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import dev.compressor.quant.LinearGrid;
import dev.compressor.quant.QuantScheme;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearIntCodecTest {

    @Test
    void everyEntryPointWritesTheBlobOfTheQuantizedValues() throws CorruptTensorException {
        Random rnd = new Random(12);
        for (TensorLayout layout : new TensorLayout[] {TensorLayout.of('f', 37, 11), TensorLayout.of('c', 11, 37)}) {
            for (int bits : new int[] {8, 5}) {
                float[] d = new float[layout.length()];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) (rnd.nextGaussian() * (1 + layout.coordinate(i, 1)));
                }
                ChannelSplit split = ChannelSplit.of(layout, 1);
                LinearGrid grid = new LinearGrid(bits, QuantScheme.ASYMMETRIC);
                byte[] a = LinearIntCodec.encodeMinMax(new FloatTensor(layout, d), split, grid);
                byte[] b = new byte[a.length];
                FloatBuffer fb = FloatBuffer.allocate(d.length + 3).position(3);
                fb.put(d).position(3);
                LinearIntCodec.encodeMinMax(fb, split, grid, b);
                assertArrayEquals(a, b, "array and buffer paths, " + layout + " " + bits + " bits");
                float[][] mm = RangeKernels.minMax(d, split);
                float[] scale = new float[split.channels()];
                int[] zp = new int[split.channels()];
                for (int c = 0; c < scale.length; c++) {
                    LinearGrid.Affine af = grid.params(mm[0][c], mm[1][c]);
                    scale[c] = af.scale();
                    zp[c] = af.zeroPoint();
                }
                float[] expected = LinearKernels.fakeQuantize(d, split, scale, zp, grid.maxCode());
                float[] decoded = new float[d.length];
                LinearIntEncoding.decodeRange(ByteBuffer.wrap(a), layout, 0, d.length, decoded, 0);
                assertArrayEquals(expected, decoded);
            }
        }
    }

    @Test
    void bothLoopFormsGiveTheSameCodes() {
        Random rnd = new Random(13);
        float[] d = new float[100_000];
        for (int i = 0; i < d.length; i++) {
            d[i] = switch (i % 50) {
                case 0 -> Float.NaN;
                case 1 -> Float.POSITIVE_INFINITY;
                case 2 -> Float.NEGATIVE_INFINITY;
                case 3 -> 3e30f;
                case 4 -> -3e30f;
                default -> (float) (rnd.nextGaussian() * 300);
            };
        }
        for (int[] zm : new int[][] {{127, 254}, {0, 255}, {255, 255}, {40, 255}}) {
            byte[] a = new byte[d.length + 7];
            byte[] b = new byte[d.length + 7];
            LinearKernels.bytesWithFloatClamp(d, 0, d.length, 0.7f, zm[0], zm[1], a, 7);
            LinearKernels.bytesWithIntClamp(d, 0, d.length, 0.7f, zm[0], zm[1], b, 7);
            assertArrayEquals(a, b, "zero point " + zm[0] + ", max code " + zm[1]);
        }
    }

    @Test
    void rejectsNonFiniteValuesAndSmallOutputs() {
        TensorLayout layout = TensorLayout.of('f', 4, 2);
        float[] d = {0, 1, 2, Float.NaN, 4, 5, 6, 7};
        ChannelSplit split = ChannelSplit.of(layout, 1);
        LinearGrid grid = new LinearGrid(8, QuantScheme.SYMMETRIC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearIntCodec.encodeMinMax(new FloatTensor(layout, d), split, grid));
        assertTrue(e.getMessage().contains("NaN at index 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearIntCodec.encodeMinMax(FloatBuffer.wrap(d), split,
                grid, new byte[100]));
        assertThrows(IllegalArgumentException.class, () -> LinearIntCodec.encodeMinMax(new FloatTensor(layout, d),
                split, grid, new byte[10]));
    }
}
