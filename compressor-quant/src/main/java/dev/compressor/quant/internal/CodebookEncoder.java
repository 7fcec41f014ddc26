package dev.compressor.quant.internal;

import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.tensor.FloatTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes {@code codebook} blobs for a fixed codebook. {@link #encode} stores values that are
 * codebook entries exactly and rejects any other value. Immutable and thread-safe.
 */
public final class CodebookEncoder implements TensorEncoder {

    private final int bits;
    private final float[] codebook;
    private final String description;
    private final float[] packedFor;
    private final byte[] packed;

    /**
     * Creates an encoder.
     *
     * @param bits bits per index, 1..16
     * @param codebook the centroids, finite, strictly increasing, at most {@code 2^bits}; copied
     * @param description what {@link #describe()} returns
     * @throws IllegalArgumentException if the codebook does not fit
     */
    public CodebookEncoder(int bits, float[] codebook, String description) {
        this(bits, codebook, description, null, null);
    }

    /**
     * Creates an encoder that already holds the packed indices of one array of values: encoding
     * exactly that array (the same object, never modified) copies them instead of assigning again.
     *
     * @param bits bits per index, 1..16
     * @param codebook the centroids, finite, strictly increasing, at most {@code 2^bits}; copied
     * @param description what {@link #describe()} returns
     * @param values the values the indices belong to (kept by reference), or null
     * @param packedIndices their indices packed at {@code bits} bits (kept, not copied), or null
     * @throws IllegalArgumentException if the codebook does not fit or the packed size is wrong
     */
    public CodebookEncoder(int bits, float[] codebook, String description, float[] values, byte[] packedIndices) {
        if (bits < 1 || bits > BitPacking.MAX_BITS) {
            throw new IllegalArgumentException("bits must be 1..16, got " + bits);
        }
        if (codebook.length < 1 || codebook.length > 1 << bits) {
            throw new IllegalArgumentException("codebook of " + codebook.length + " entries does not fit " + bits
                    + " bits");
        }
        for (int j = 0; j < codebook.length; j++) {
            if (!Float.isFinite(codebook[j]) || j > 0 && !(codebook[j] > codebook[j - 1])) {
                throw new IllegalArgumentException("codebook entry " + j + " is " + codebook[j]
                        + "; entries must be finite and strictly increasing");
            }
        }
        this.bits = bits;
        this.codebook = codebook.clone();
        this.description = Objects.requireNonNull(description, "description");
        if ((values == null) != (packedIndices == null)
                || values != null && packedIndices.length != BitPacking.packedBytes(values.length, bits)) {
            throw new IllegalArgumentException("packed indices must come with their values and fit " + bits + " bits");
        }
        this.packedFor = values;
        this.packed = packedIndices;
    }

    @Override
    public String encodingId() {
        return CodebookEncoding.ID;
    }

    @Override
    public int encodingVersion() {
        return CodebookEncoding.VERSION;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public byte[] encode(FloatTensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        int n = tensor.length();
        long header = CodebookEncoding.FIXED_HEADER + 4L * codebook.length;
        long size = header + BitPacking.packedBytes(n, bits);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tensor of " + n + " elements is too large to encode");
        }
        float[] d = tensor.data();
        byte[] out = new byte[(int) size];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) bits).put((byte) 0).putShort((short) 0).putInt(codebook.length);
        for (float c : codebook) {
            b.putFloat(c);
        }
        if (packed != null && d == packedFor) {
            System.arraycopy(packed, 0, out, (int) header, packed.length);
            return out;
        }
        KMeans1D.Assigner assigner = KMeans1D.assigner(codebook);
        int chunk = 8192;
        int chunks = (n + chunk - 1) / chunk;
        Parallel.forSlices(chunks, Parallel.sliceCount(chunks, chunk), (s, from, to) -> {
            int[] idx = new int[chunk];
            for (int ch = from; ch < to; ch++) {
                int e0 = ch * chunk;
                int e1 = Math.min(n, e0 + chunk);
                assigner.assign(d, e0, e1, idx, 0, true);
                BitPacking.pack(idx, 0, e1 - e0, bits, out, (int) (header + BitPacking.byteOffset(e0, bits)));
            }
        });
        return out;
    }
}
