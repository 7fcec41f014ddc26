package dev.compressor.quant.internal;

import dev.compressor.api.encoding.PreparedEncoding;
import dev.compressor.api.encoding.PreparedEncoding.ErrorSums;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.quant.ChannelSplit;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes {@code linear-int} blobs with fixed scales and zero points. {@link #encode} stores values
 * that lie on its grid exactly and rejects any other value; {@link #quantize} quantizes arbitrary
 * finite values (the fast path of the benchmark). An encoder made by {@link Int8OnePass} also holds
 * the blob and error of the values it was made for ({@link PreparedEncoding}). Immutable and
 * thread-safe.
 */
public final class LinearIntEncoder implements TensorEncoder, PreparedEncoding {

    private final int bits;
    private final ChannelSplit split;
    private final float[] scale;
    private final int[] zeroPoint;
    private final String description;
    /** What {@link #prepared} recorded: the input and output arrays of one pass, its blob and error. */
    private final float[] preparedInput;
    private final float[] preparedValues;
    private final byte[] preparedBlob;
    private final ErrorSums preparedErrors;

    /**
     * Creates an encoder.
     *
     * @param bits bits per code, 1..16
     * @param split how tensors divide into channels; with one channel the encoder stores tensors of
     *     any length (as sparse formats need), with more it stores only tensors of the split's length
     * @param scale per-channel scales; copied
     * @param zeroPoint per-channel zero points in {@code [0, 2^bits)}; copied
     * @param description what {@link #describe()} returns
     * @throws IllegalArgumentException if the parameters are inconsistent
     */
    public LinearIntEncoder(int bits, ChannelSplit split, float[] scale, int[] zeroPoint, String description) {
        this(bits, split, scale, zeroPoint, description, null, null, null, null);
    }

    private LinearIntEncoder(int bits, ChannelSplit split, float[] scale, int[] zeroPoint, String description,
            float[] preparedInput, float[] preparedValues, byte[] preparedBlob, ErrorSums preparedErrors) {
        this.preparedInput = preparedInput;
        this.preparedValues = preparedValues;
        this.preparedBlob = preparedBlob;
        this.preparedErrors = preparedErrors;
        this.split = Objects.requireNonNull(split, "split");
        if (bits < 1 || bits > BitPacking.MAX_BITS) {
            throw new IllegalArgumentException("bits must be 1..16, got " + bits);
        }
        if (scale.length != split.channels() || zeroPoint.length != split.channels()) {
            throw new IllegalArgumentException("split " + split + " with " + scale.length + " scales and "
                    + zeroPoint.length + " zero points");
        }
        for (int c = 0; c < scale.length; c++) {
            if (!(scale[c] > 0) || Float.isInfinite(scale[c]) || zeroPoint[c] < 0 || zeroPoint[c] >= 1 << bits) {
                throw new IllegalArgumentException("channel " + c + ": scale " + scale[c] + ", zero point "
                        + zeroPoint[c]);
            }
        }
        this.bits = bits;
        this.scale = scale.clone();
        this.zeroPoint = zeroPoint.clone();
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * This encoder holding the blob it would write for {@code values}, and their error against
     * {@code input}, made in the pass that made {@code values} (see {@link PreparedEncoding}).
     *
     * @param input the values that were quantized
     * @param values the quantized values
     * @param blob their blob, exactly what {@link #encode} would write for them
     * @param errors their error against {@code input}
     * @return a new encoder with the same settings
     */
    LinearIntEncoder prepared(float[] input, float[] values, byte[] blob, ErrorSums errors) {
        return new LinearIntEncoder(bits, split, scale, zeroPoint, description, input, values, blob, errors);
    }

    @Override
    public byte[] preparedBlob(FloatTensor values) {
        return preparedValues != null && values.data() == preparedValues ? preparedBlob : null;
    }

    @Override
    public ErrorSums preparedErrors(FloatTensor original, FloatTensor values) {
        return preparedValues != null && values.data() == preparedValues && original.data() == preparedInput
                ? preparedErrors : null;
    }

    @Override
    public String encodingId() {
        return LinearIntEncoding.ID;
    }

    @Override
    public int encodingVersion() {
        return LinearIntEncoding.VERSION;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Bits per code. @return the width */
    public int bits() {
        return bits;
    }

    /** How tensors divide into channels. @return the split */
    public ChannelSplit split() {
        return split;
    }

    /** The number of channels (1 for per-tensor). @return the count */
    public int channels() {
        return scale.length;
    }

    /** The scale of a channel. @param channel the channel @return its scale */
    public float scale(int channel) {
        return scale[channel];
    }

    /** The zero point of a channel. @param channel the channel @return its zero-point code */
    public int zeroPoint(int channel) {
        return zeroPoint[channel];
    }

    @Override
    public byte[] encode(FloatTensor tensor) {
        return write(tensor, (1 << bits) - 1, true);
    }

    /**
     * Quantizes arbitrary finite values to this encoder's grid and writes the blob in one pass.
     *
     * @param tensor the values
     * @param maxCode the largest code to use (the scheme's)
     * @return the blob
     */
    public byte[] quantize(FloatTensor tensor, int maxCode) {
        return write(tensor, maxCode, false);
    }

    private byte[] write(FloatTensor tensor, int maxCode, boolean exact) {
        Objects.requireNonNull(tensor, "tensor");
        ChannelSplit split = splitFor(tensor);
        long header = LinearIntEncoding.FIXED_HEADER + 8L * scale.length;
        long size = header + BitPacking.packedBytes(tensor.length(), bits);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor of " + tensor.length() + " elements is too large to encode");
        }
        byte[] out = new byte[(int) size];
        LinearIntEncoding.Header.write(ByteBuffer.wrap(out), bits, split, scale, zeroPoint);
        LinearKernels.pack(tensor.data(), new LinearKernels.Params(split, scale, zeroPoint, maxCode), bits, out,
                (int) header, exact);
        return out;
    }

    private ChannelSplit splitFor(FloatTensor tensor) {
        if (split.channels() == 1) {
            return ChannelSplit.perTensor(tensor.length());
        }
        if (tensor.length() != split.length()) {
            throw new IllegalArgumentException("encoder for split " + split + " cannot store a tensor of layout "
                    + tensor.layout());
        }
        return split;
    }
}
