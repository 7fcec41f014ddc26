package dev.compressor.quant;

import dev.compressor.api.tensor.TensorLayout;

/**
 * How a flat run of tensor elements divides into channels: {@code outer} repetitions of
 * {@code channels} consecutive blocks of {@code inner} elements each. Flat element {@code i}
 * belongs to channel {@code (i / inner) % channels}. Per-tensor treatment is one channel.
 *
 * @param outer blocks of channels, at least 1
 * @param channels number of channels, at least 1
 * @param inner contiguous elements per channel block, at least 1
 */
public record ChannelSplit(int outer, int channels, int inner) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is below 1 or the product overflows an int
     */
    public ChannelSplit {
        if (outer < 1 || channels < 1 || inner < 1) {
            throw new IllegalArgumentException("outer, channels and inner must be >= 1, got " + outer + ", "
                    + channels + ", " + inner);
        }
        if ((long) outer * channels * inner > TensorLayout.MAX_ELEMENTS) {
            throw new IllegalArgumentException("split " + outer + "x" + channels + "x" + inner + " is too large");
        }
    }

    /**
     * One channel covering {@code n} elements.
     *
     * @param n number of elements, at least 1
     * @return the split
     * @throws IllegalArgumentException if {@code n < 1} (an empty tensor)
     */
    public static ChannelSplit perTensor(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("cannot quantize an empty tensor (" + n + " elements)");
        }
        return new ChannelSplit(1, 1, n);
    }

    /**
     * The split of a layout along an axis, honouring the layout's element order.
     *
     * @param layout shape and order
     * @param axis the channel axis in [0, rank), or -1 for per-tensor
     * @return the split
     * @throws IllegalArgumentException if the axis is out of range
     */
    public static ChannelSplit of(TensorLayout layout, int axis) {
        if (axis == -1) {
            return perTensor(layout.length());
        }
        if (axis < 0 || axis >= layout.rank()) {
            throw new IllegalArgumentException("axis " + axis + " out of range for " + layout);
        }
        long inner = layout.stride(axis);
        long channels = layout.dim(axis);
        long outer = layout.length() / (inner * channels);
        return new ChannelSplit((int) outer, (int) channels, (int) inner);
    }

    /** The number of elements. @return {@code outer * channels * inner} */
    public int length() {
        return outer * channels * inner;
    }

    /** The number of contiguous runs of one channel. @return {@code outer * channels} */
    public int runs() {
        return outer * channels;
    }

    /**
     * The channel of a flat element.
     *
     * @param i flat index in [0, length)
     * @return its channel
     */
    public int channelOf(int i) {
        return (i / inner) % channels;
    }
}
