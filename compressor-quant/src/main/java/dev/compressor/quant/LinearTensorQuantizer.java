package dev.compressor.quant;

import dev.compressor.api.TensorState;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.quant.internal.LinearIntEncoder;
import dev.compressor.quant.internal.LinearKernels;
import java.util.Arrays;

/**
 * Quantizes one tensor onto a linear grid: observe, decide the parameters per channel (keeping the
 * per-tensor ones for channels they suit better), replace the values by their dequantized codes
 * and set an encoder that stores exactly those values. Immutable and thread-safe.
 */
record LinearTensorQuantizer(LinearGrid grid, Granularity granularity, Observer observer) {

    /** The quantized values and the encoder that stores them. */
    record Quantized(float[] values, LinearIntEncoder encoder) {
    }

    TensorState apply(TensorState t) {
        try {
            if (t.encoder().wrapsValues()) {
                float[] kept = NonZeros.gather(t.values().data());
                if (kept.length == 0) {
                    return t;
                }
                Quantized q = quantize(kept, ChannelSplit.perTensor(kept.length), "per-tensor (sparse values)");
                TensorEncoder enc = t.encoder().rewrap(q.encoder());
                return t.withValues(NonZeros.scatter(t.values().data(), q.values()), enc);
            }
            ChannelSplit split = granularity == Granularity.PER_CHANNEL ? Channels.of(t.info())
                    : ChannelSplit.perTensor(t.info().length());
            String where = split.channels() > 1 ? "per-channel(" + Channels.describe(t.info()) + ")" : "per-tensor";
            Quantized q = quantize(t.values().data(), split, where);
            return t.withValues(q.values(), t.encoder().rewrap(q.encoder()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensor '" + t.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * Quantizes a run of values.
     *
     * @param d the values
     * @param split their channels
     * @param where how the encoder's description names the granularity
     */
    Quantized quantize(float[] d, ChannelSplit split, String where) {
        RangeStatistics stats = observer.observe(d, split);
        Observer.Range[] ranges = observer.clipRanges(stats, grid);
        int channels = split.channels();
        float[] scale = new float[channels];
        int[] zp = new int[channels];
        for (int c = 0; c < channels; c++) {
            LinearGrid.Affine a = grid.params(ranges[c].lo(), ranges[c].hi());
            scale[c] = a.scale();
            zp[c] = a.zeroPoint();
        }
        if (channels > 1) {
            keepBetterOfTensorParams(d, split, scale, zp);
        }
        float[] values = LinearKernels.fakeQuantize(d, split, scale, zp, grid.maxCode());
        String desc = grid.describe() + " " + where + " " + observer.describe();
        return new Quantized(values, new LinearIntEncoder(grid.bits(), split, scale, zp, desc));
    }

    private void keepBetterOfTensorParams(float[] d, ChannelSplit split, float[] scale, int[] zp) {
        ChannelSplit whole = ChannelSplit.perTensor(d.length);
        Observer.Range r = observer.clipRanges(observer.observe(d, whole), grid)[0];
        LinearGrid.Affine t = grid.params(r.lo(), r.hi());
        float[] ts = new float[scale.length];
        int[] tz = new int[scale.length];
        Arrays.fill(ts, t.scale());
        Arrays.fill(tz, t.zeroPoint());
        double[] mine = LinearKernels.channelNoise(d, split, scale, zp, grid.maxCode());
        double[] theirs = LinearKernels.channelNoise(d, split, ts, tz, grid.maxCode());
        for (int c = 0; c < scale.length; c++) {
            if (theirs[c] < mine[c]) {
                scale[c] = ts[c];
                zp[c] = tz[c];
            }
        }
    }
}
