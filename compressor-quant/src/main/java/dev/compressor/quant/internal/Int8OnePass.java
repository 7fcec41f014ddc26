package dev.compressor.quant.internal;

import dev.compressor.api.encoding.PreparedEncoding.ErrorSums;
import dev.compressor.quant.ChannelSplit;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * 8-bit linear quantization of a tensor whose channels are contiguous runs, in one pass over its
 * values after the ranges are known: per channel, {@link QuantizePass} writes the dequantized values
 * and the codes straight into the {@code linear-int} blob while it sums the squared error of the
 * channel's own parameters and of the per-tensor ones, the signal energy, the largest error and the
 * non-zeros. A channel keeps the per-tensor parameters exactly when their squared error, summed in
 * index order in double as {@link LinearKernels#channelNoise} does, is lower: the pass's sums decide
 * when they differ by more than their error bound, the exact sums otherwise; a channel that takes the
 * per-tensor parameters is written again. Values, codes and blob are bit for bit those of the
 * multi-pass path. Stateless and thread-safe.
 */
public final class Int8OnePass {

    /** Elements per work item: long channels are cut so that both cores share them. */
    static final int SEGMENT = 1 << 18;
    /** Sums below this are too close to float underflow for the bound: decided exactly. */
    private static final double TINY = 1e-30;

    private Int8OnePass() {
    }

    /** The quantized values and the encoder holding their blob and error. */
    public record Result(float[] values, LinearIntEncoder encoder) {
    }

    /**
     * Quantizes, or returns {@code null} when some value would be clamped or the blob would exceed
     * the largest array (the caller then takes the multi-pass path).
     *
     * @param d the values; {@code split.outer() == 1}
     * @param split the channels, each one contiguous run
     * @param min per-channel minimum
     * @param max per-channel maximum
     * @param scale per-channel scales chosen from the ranges; updated where the per-tensor ones win
     * @param zp per-channel zero points; updated likewise
     * @param tensorScale the per-tensor scale (ignored with one channel)
     * @param tensorZp the per-tensor zero point
     * @param maxCode the largest code, at most 255
     * @param description the encoder's description
     * @return the result, or {@code null}
     */
    public static Result quantize(float[] d, ChannelSplit split, float[] min, float[] max, float[] scale, int[] zp,
            float tensorScale, int tensorZp, int maxCode, String description) {
        if (split.outer() != 1 || maxCode > 255) {
            throw new IllegalArgumentException("split " + split + " with max code " + maxCode);
        }
        int channels = split.channels();
        boolean compare = channels > 1;
        float tensorIv = 1f / tensorScale;
        for (int c = 0; c < channels; c++) {
            if (!QuantizePass.unclamped(min[c], max[c], 1f / scale[c], zp[c], maxCode)
                    || compare && !QuantizePass.unclamped(min[c], max[c], tensorIv, tensorZp, maxCode)) {
                return null;
            }
        }
        long header = LinearIntEncoding.FIXED_HEADER + 8L * channels;
        if (header + d.length > Integer.MAX_VALUE - 16) {
            return null; // no blob of this size: the multi-pass path quantizes, and encoding says why it cannot
        }
        byte[] blob = new byte[(int) header + d.length];
        float[] values = new float[d.length];
        int inner = split.inner();
        double[][] sums = pass(d, allChannels(channels), inner, scale, zp, compare ? tensorScale : 0, values, blob,
                (int) header);
        List<Integer> redo = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            if (compare && (scale[c] != tensorScale || zp[c] != tensorZp)
                    && tensorWins(d, c * inner, (c + 1) * inner, sums[c], scale[c], zp[c], tensorScale, tensorZp,
                            maxCode)) {
                scale[c] = tensorScale;
                zp[c] = tensorZp;
                redo.add(c);
            }
        }
        if (!redo.isEmpty()) {
            double[][] again = pass(d, redo.stream().mapToInt(Integer::intValue).toArray(), inner, scale, zp, 0,
                    values, blob, (int) header);
            for (int k = 0; k < redo.size(); k++) {
                sums[redo.get(k)] = again[k];
            }
        }
        LinearIntEncoding.Header.write(ByteBuffer.wrap(blob), 8, split, scale, zp);
        double signal = 0;
        double noise = 0;
        double maxErr = 0;
        long nonZeros = 0;
        for (double[] s : sums) {
            signal += s[QuantizePass.SIGNAL];
            noise += s[QuantizePass.NOISE];
            maxErr = Math.max(maxErr, s[QuantizePass.MAX_ERROR]);
            nonZeros += (long) s[QuantizePass.NON_ZEROS];
        }
        LinearIntEncoder encoder = new LinearIntEncoder(8, split, scale, zp, description)
                .prepared(d, values, blob, new ErrorSums(nonZeros, signal, noise, maxErr));
        return new Result(values, encoder);
    }

    private static int[] allChannels(int channels) {
        int[] all = new int[channels];
        for (int c = 0; c < channels; c++) {
            all[c] = c;
        }
        return all;
    }

    /**
     * Runs {@link QuantizePass} over the listed channels, cut into segments spread over the threads;
     * returns each listed channel's sums (segments combined in index order).
     */
    private static double[][] pass(float[] d, int[] list, int inner, float[] scale, int[] zp, float otherScale,
            float[] values, byte[] blob, int header) {
        int perChannel = (inner + SEGMENT - 1) / SEGMENT;
        int items = list.length * perChannel;
        double[][] part = new double[items][];
        Parallel.forSlices(items, Parallel.sliceCount(items, Math.min(inner, SEGMENT)), (k, from, to) -> {
            for (int item = from; item < to; item++) {
                int c = list[item / perChannel];
                int seg = item % perChannel;
                int start = c * inner + seg * SEGMENT;
                int end = Math.min((c + 1) * inner, start + SEGMENT);
                float iv = 1f / scale[c];
                float ivOther = otherScale == 0 ? iv : 1f / otherScale;
                float sOther = otherScale == 0 ? scale[c] : otherScale;
                double[] s = new double[5];
                QuantizePass.run(d, start, end, iv, scale[c], zp[c], ivOther, sOther, values, blob, header, s);
                part[item] = s;
            }
        });
        double[][] sums = new double[list.length][];
        for (int k = 0; k < list.length; k++) {
            double[] s = new double[5];
            for (int seg = 0; seg < perChannel; seg++) {
                double[] p = part[k * perChannel + seg];
                for (int j = 0; j < 5; j++) {
                    s[j] = j == QuantizePass.MAX_ERROR ? Math.max(s[j], p[j]) : s[j] + p[j];
                }
            }
            sums[k] = s;
        }
        return sums;
    }

    /**
     * Whether the per-tensor parameters give a channel a lower squared error than its own, as {@link
     * LinearKernels#channelNoise} would decide: from the pass's sums when they are far enough apart,
     * otherwise from the exact sums.
     */
    private static boolean tensorWins(float[] d, int from, int to, double[] sums, float s, int z, float ts, int tz,
            int maxCode) {
        double mine = sums[QuantizePass.NOISE];
        double theirs = sums[QuantizePass.OTHER_NOISE];
        double margin = 4 * QuantizePass.SUM_ERROR;
        if (Double.isFinite(mine) && Double.isFinite(theirs) && mine > TINY && theirs > TINY) {
            if (theirs < mine * (1 - margin)) {
                return true;
            }
            if (theirs > mine * (1 + margin)) {
                return false;
            }
        }
        return LinearKernels.runNoise(d, from, to, ts, tz, maxCode) < LinearKernels.runNoise(d, from, to, s, z,
                maxCode);
    }
}
