package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import dev.compressor.quant.LinearGrid;
import dev.compressor.quant.QuantScheme;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link FusedProduct} and {@link PackedCodes} against the fp32 product of the dequantized
 * weights (computed in double here), for widths 2 to 8 bits, per tensor and per column, odd
 * sizes whose columns do not start on a multiple of 8 elements, and batches 1 to 8.
 */
class FusedProductTest {

    /** Stated tolerance: |fused - exact| <= 1e-5 * sum_i |x_i w_ij| (float rounding of a length-nIn sum). */
    static final double TOLERANCE = 1e-5;

    @ParameterizedTest
    @CsvSource({"8, 1, 1000, 17, 1", "8, 17, 1000, 17, 3", "8, 1, 37, 5, 8", "8, 5, 37, 5, 2",
            "4, 1, 64, 9, 1", "4, 9, 37, 9, 8", "4, 9, 38, 9, 3", "4, 1, 1000, 3, 1", "3, 11, 45, 11, 1", "2, 1, 130, 7, 4", "6, 7, 333, 7, 1"})
    void productMatchesTheDequantizedWeights(int bits, int channels, int nIn, int nOut, int batch) throws Exception {
        Random rnd = new Random(bits * 1000L + nIn);
        TensorLayout layout = TensorLayout.of('f', nIn, nOut);
        float[] w = new float[layout.length()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * (1 + i / nIn % 3));
        }
        ChannelSplit split = channels == 1 ? ChannelSplit.perTensor(w.length) : ChannelSplit.of(layout, 1);
        QuantScheme scheme = bits % 2 == 0 ? QuantScheme.values()[0] : QuantScheme.values()[QuantScheme.values().length - 1];
        byte[] blob = MinMaxBlobs.encode(new FloatTensor(layout, w), split, new LinearGrid(bits, scheme));
        float[] deq = new float[w.length];
        LinearIntEncoding.decodeRange(ByteBuffer.wrap(blob), layout, 0, w.length, deq, 0);
        PackedCodes packed = PackedCodes.of(blob, layout);
        assertTrue(FusedProduct.supports(packed, nIn, nOut));

        float[] x = new float[batch * nIn];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 5 == 0 ? 0 : (float) rnd.nextGaussian();
        }
        float[] y = new float[batch * nOut];
        FusedProduct.multiply(packed, nIn, nOut, x, batch, y, new int[nIn + 8]);
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < nOut; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int i = 0; i < nIn; i++) {
                    exact += (double) x[b * nIn + i] * deq[i + nIn * j];
                    magnitude += Math.abs((double) x[b * nIn + i] * deq[i + nIn * j]);
                }
                double err = Math.abs(y[b * nOut + j] - exact);
                assertTrue(err <= TOLERANCE * magnitude + 1e-30, "b " + b + " j " + j + ": fused " + y[b * nOut + j]
                        + ", exact " + exact + ", |error| " + err + " > " + TOLERANCE + " * " + magnitude);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"8, 0, 1000", "8, 13, 977", "4, 3, 1000", "3, 100, 8190", "2, 9, 9000", "5, 0, 4097"})
    void packedDecodeEqualsTheEncodingsDecodeBitForBit(int bits, int from, int to) throws Exception {
        Random rnd = new Random(bits);
        TensorLayout layout = TensorLayout.of('c', 30, 301);
        float[] w = new float[layout.length()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        byte[] blob = MinMaxBlobs.encode(new FloatTensor(layout, w), ChannelSplit.of(layout, 0),
                new LinearGrid(bits, QuantScheme.values()[0]));
        float[] expected = new float[to - from + 3];
        LinearIntEncoding.decodeRange(ByteBuffer.wrap(blob).asReadOnlyBuffer(), layout, from, to, expected, 3);
        float[] got = new float[to - from + 3];
        PackedCodes.of(blob, layout).decode(from, to, got, 3, new int[PackedCodes.UNPACK_CHUNK]);
        assertArrayEquals(expected, got);
    }

    @Test
    void channelsAlongRowsAreNotFused() throws Exception {
        TensorLayout layout = TensorLayout.of('f', 40, 6);
        float[] w = new float[layout.length()];
        java.util.Arrays.fill(w, 0.5f);
        w[3] = -1;
        byte[] blob = MinMaxBlobs.encode(new FloatTensor(layout, w), ChannelSplit.of(layout, 0),
                new LinearGrid(8, QuantScheme.values()[0]));
        assertFalse(FusedProduct.supports(PackedCodes.of(blob, layout), 40, 6), "one channel per input row");
    }

    @Test
    void scalarLoopsMatchTheDefinition() {
        byte[] q = new byte[23];
        int[] qi = new int[23];
        float[] x = new float[23];
        double expected = 0;
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (i * 37);
            qi[i] = q[i] & 0xFF;
            x[i] = i - 7.5f;
            expected += x[i] * ((q[i] & 0xFF) - 100);
        }
        assertTrue(Math.abs(FusedProduct.dotBytesScalar(q, 0, 23, 100, x, 0) - expected) < 1e-3);
        assertTrue(Math.abs(FusedProduct.dotIntsScalar(qi, 0, 23, 100, x, 0) - expected) < 1e-3);
    }
}
