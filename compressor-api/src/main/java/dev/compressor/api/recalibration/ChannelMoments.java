package dev.compressor.api.recalibration;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-channel mean and population variance of a batch normalisation's input, accumulated batch by
 * batch over every example and spatial position. Each batch is reduced in plain Java loops in
 * double precision (two passes: mean, then squared deviations) and merged with Chan et al.'s
 * parallel formula, so the result equals the statistics of all inputs at once up to rounding.
 * Not thread-safe.
 */
final class ChannelMoments {

    private final int channels;
    private final double[] mean;
    private final double[] m2;
    private long count;

    ChannelMoments(int channels) {
        this.channels = channels;
        this.mean = new double[channels];
        this.m2 = new double[channels];
    }

    /**
     * Adds one batch of activations.
     *
     * @param activations {@code [n, C]} or {@code [n, C, H, W]} / {@code [n, H, W, C]}
     * @param format the channel layout of a rank-4 input
     * @throws IllegalArgumentException if the rank or the channel count does not fit
     */
    void add(INDArray activations, CNN2DFormat format) {
        long[] shape = activations.shape();
        boolean channelsLast = shape.length == 4 && format == CNN2DFormat.NHWC;
        if (shape.length != 2 && shape.length != 4) {
            throw new IllegalArgumentException("batch normalisation input of rank " + shape.length
                    + " is not supported (2 or 4 expected), shape " + java.util.Arrays.toString(shape));
        }
        int c = (int) (channelsLast ? shape[3] : shape[1]);
        if (c != channels) {
            throw new IllegalArgumentException("expected " + channels + " channels, got shape "
                    + java.util.Arrays.toString(shape));
        }
        float[] x = activations.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int n = (int) shape[0];
        int inner = shape.length == 2 || channelsLast ? 1 : (int) (shape[2] * shape[3]);
        long perChannel = x.length / channels;
        double[] sum = new double[channels];
        forEach(x, n, inner, channelsLast, (ch, v) -> sum[ch] += v);
        double[] bMean = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            bMean[ch] = sum[ch] / perChannel;
        }
        double[] bM2 = new double[channels];
        forEach(x, n, inner, channelsLast, (ch, v) -> {
            double d = v - bMean[ch];
            bM2[ch] += d * d;
        });
        long total = count + perChannel;
        for (int ch = 0; ch < channels; ch++) {
            double delta = bMean[ch] - mean[ch];
            mean[ch] += delta * perChannel / total;
            m2[ch] += bM2[ch] + delta * delta * ((double) count * perChannel / total);
        }
        count = total;
    }

    private interface Sink {
        void accept(int channel, float value);
    }

    private void forEach(float[] x, int n, int inner, boolean channelsLast, Sink sink) {
        if (channelsLast) {
            for (int i = 0; i < x.length; i++) {
                sink.accept(i % channels, x[i]);
            }
            return;
        }
        int i = 0;
        for (int e = 0; e < n; e++) {
            for (int ch = 0; ch < channels; ch++) {
                for (int k = 0; k < inner; k++) {
                    sink.accept(ch, x[i++]);
                }
            }
        }
    }

    /** Values seen per channel. @return the count */
    long count() {
        return count;
    }

    /** The per-channel mean. @return a new array */
    float[] mean() {
        float[] out = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            out[ch] = (float) mean[ch];
        }
        return out;
    }

    /** The per-channel population variance (divided by the count, as batch normalisation uses it). @return a new array */
    float[] variance() {
        float[] out = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            out[ch] = (float) (count == 0 ? 0 : m2[ch] / count);
        }
        return out;
    }
}
