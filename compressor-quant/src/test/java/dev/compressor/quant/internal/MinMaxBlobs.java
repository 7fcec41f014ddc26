package dev.compressor.quant.internal;

import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.quant.ChannelSplit;
import dev.compressor.quant.LinearGrid;

/**
 * Test and benchmark helper: a {@code linear-int} blob of raw values with min-max ranges, made the
 * way the production quantizer makes one (ranges, {@link LinearKernels#fakeQuantize}, then
 * {@link LinearIntEncoder#encode} of the values on the grid), with the steps timed separately by
 * the benchmark.
 */
public final class MinMaxBlobs {

    private MinMaxBlobs() {
    }

    /**
     * The encoder for min-max ranges of {@code values}.
     *
     * @param values the raw values
     * @param split their channels
     * @param grid bits and scheme
     * @return the encoder
     */
    public static LinearIntEncoder encoder(float[] values, ChannelSplit split, LinearGrid grid) {
        float[][] mm = RangeKernels.minMax(values, split);
        float[] scale = new float[split.channels()];
        int[] zp = new int[split.channels()];
        for (int c = 0; c < scale.length; c++) {
            LinearGrid.Affine a = grid.params(mm[0][c], mm[1][c]);
            scale[c] = a.scale();
            zp[c] = a.zeroPoint();
        }
        return new LinearIntEncoder(grid.bits(), split, scale, zp, grid.describe() + " minmax");
    }

    /**
     * The values on the encoder's grid, as the quantizer leaves them in the compression state.
     *
     * @param values the raw values
     * @param e the encoder
     * @param maxCode the largest code of the grid ({@link LinearGrid#maxCode()})
     * @return the dequantized values, a new array
     */
    public static float[] onGrid(float[] values, LinearIntEncoder e, int maxCode) {
        float[] scale = new float[e.channels()];
        int[] zp = new int[e.channels()];
        for (int c = 0; c < scale.length; c++) {
            scale[c] = e.scale(c);
            zp[c] = e.zeroPoint(c);
        }
        return LinearKernels.fakeQuantize(values, e.split(), scale, zp, maxCode);
    }

    /**
     * Quantizes and encodes in one call.
     *
     * @param tensor the raw values
     * @param split their channels
     * @param grid bits and scheme
     * @return the blob
     */
    public static byte[] encode(FloatTensor tensor, ChannelSplit split, LinearGrid grid) {
        LinearIntEncoder e = encoder(tensor.data(), split, grid);
        return e.encode(new FloatTensor(tensor.layout(), onGrid(tensor.data(), e, grid.maxCode())));
    }
}
