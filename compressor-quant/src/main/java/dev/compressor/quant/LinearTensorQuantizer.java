package dev.compressor.quant;

import dev.compressor.api.TensorState;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.quant.internal.Int8OnePass;
import dev.compressor.quant.internal.LinearIntEncoder;
import dev.compressor.quant.internal.LinearKernels;
import dev.compressor.quant.internal.RangeKernels;
import java.util.Arrays;

/**
 * Quantizes one tensor onto a linear grid: observe, decide the parameters per channel (keeping the
 * per-tensor ones for channels they suit better), replace the values by their dequantized codes
 * and set an encoder that stores exactly those values. Min-max ranges at 8 bits over contiguous
 * channels take a one-pass path ({@link Int8OnePass}) whose encoder already holds the blob and the
 * error; every other case observes, decides and quantizes in separate passes. Both give the same
 * values and blobs. Immutable and thread-safe.
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
        String desc = grid.describe() + " " + where + " " + observer.describe();
        if (observer == MinMaxObserver.INSTANCE && grid.bits() == 8 && split.outer() == 1) {
            Quantized q = onePass(d, split, desc);
            if (q != null) {
                return q;
            }
        }
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
        return new Quantized(values, new LinearIntEncoder(grid.bits(), split, scale, zp, desc));
    }

    /**
     * Min-max ranges at 8 bits with contiguous channels: one pass for the ranges, then {@link
     * Int8OnePass} for values, blob and error (the same values and blob as the multi-pass path);
     * {@code null} when some value would be clamped.
     */
    private Quantized onePass(float[] d, ChannelSplit split, String desc) {
        float[][] mm = RangeKernels.minMax(d, split);
        int channels = split.channels();
        Observer.Range[] ranges = observer.clipRanges(RangeStatistics.ofMinMax(mm[0], mm[1]), grid);
        float[] scale = new float[channels];
        int[] zp = new int[channels];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < channels; c++) {
            LinearGrid.Affine a = grid.params(ranges[c].lo(), ranges[c].hi());
            scale[c] = a.scale();
            zp[c] = a.zeroPoint();
            lo = Math.min(lo, mm[0][c]);
            hi = Math.max(hi, mm[1][c]);
        }
        // the per-tensor range is that of the whole run: the extremes of the channels' extremes
        Observer.Range r = observer.clipRanges(RangeStatistics.ofMinMax(new float[] {lo}, new float[] {hi}), grid)[0];
        LinearGrid.Affine t = grid.params(r.lo(), r.hi());
        Int8OnePass.Result q = Int8OnePass.quantize(d, split, mm[0], mm[1], scale, zp, t.scale(), t.zeroPoint(),
                grid.maxCode(), desc);
        return q == null ? null : new Quantized(q.values(), q.encoder());
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
