package dev.compressor.quant.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import dev.compressor.quant.LinearGrid;
import dev.compressor.quant.QuantScheme;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearKernelsTest {

    @Test
    void theEncodedBlobDecodesToTheQuantizedValues() throws CorruptTensorException {
        Random rnd = new Random(12);
        for (TensorLayout layout : new TensorLayout[] {TensorLayout.of('f', 37, 11), TensorLayout.of('c', 11, 37)}) {
            for (int bits : new int[] {8, 5}) {
                for (QuantScheme scheme : QuantScheme.values()) {
                    float[] d = new float[layout.length()];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = (float) (rnd.nextGaussian() * (1 + layout.coordinate(i, 1)));
                    }
                    ChannelSplit split = ChannelSplit.of(layout, 1);
                    LinearGrid grid = new LinearGrid(bits, scheme);
                    LinearIntEncoder e = MinMaxBlobs.encoder(d, split, grid);
                    float[] expected = MinMaxBlobs.onGrid(d, e, grid.maxCode());
                    byte[] exact = e.encode(new FloatTensor(layout, expected));
                    assertArrayEquals(exact, e.quantize(new FloatTensor(layout, d), grid.maxCode()),
                            "quantizing raw values writes the blob of the values on the grid, " + layout + " " + bits);
                    float[] decoded = new float[d.length];
                    LinearIntEncoding.decodeRange(ByteBuffer.wrap(exact), layout, 0, d.length, decoded, 0);
                    assertArrayEquals(expected, decoded);
                }
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
}
