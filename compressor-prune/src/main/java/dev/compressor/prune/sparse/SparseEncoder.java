package dev.compressor.prune.sparse;

import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes a tensor as an index of its non-zero positions plus its non-zero values, gathered in flat
 * order into a vector and stored by a value encoder. Exact: zeros decode to zero, the values to
 * whatever the value encoder stores exactly. Immutable and thread-safe.
 *
 * <p>Blob (little-endian), bitmask: {@code int n; int nnz; byte[ceil(n/8)] bits (LSB first); inner}.
 * Relative index: {@code byte k; int n; int nnz; int codes; codes packed in k bits (LSB first); inner}.
 * A code {@code c < 2^k-1} means "skip c positions, then a value"; the code {@code 2^k-1} means
 * "skip 2^k-1 positions". Inner: {@code short idLength; ASCII id; int version; int length; blob}.
 */
record SparseEncoder(SparseFormat format, TensorEncoder inner) implements TensorEncoder {

    SparseEncoder {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(inner, "inner");
        if (inner.wrapsValues()) {
            throw new IllegalArgumentException("the value encoder of a sparse format must not itself be sparse: "
                    + inner.describe());
        }
    }

    @Override
    public String encodingId() {
        return format.id;
    }

    @Override
    public int encodingVersion() {
        return 1;
    }

    @Override
    public String describe() {
        return format.label + "(" + inner.describe() + ")";
    }

    @Override
    public boolean wrapsValues() {
        return true;
    }

    @Override
    public TensorEncoder rewrap(TensorEncoder newInner) {
        return new SparseEncoder(format, newInner);
    }

    @Override
    public byte[] encode(FloatTensor tensor) {
        float[] d = tensor.data();
        long[] set = NonZeroBits.of(d);
        int nnz = NonZeroBits.count(set);
        float[] values = new float[nnz];
        int j = 0;
        for (int w = 0; w < set.length; w++) {
            long word = set[w];
            while (word != 0) {
                values[j++] = d[(w << 6) + Long.numberOfTrailingZeros(word)];
                word &= word - 1;
            }
        }
        byte[] innerBlob = nnz == 0 ? new byte[0] : inner.encode(new FloatTensor(TensorLayout.vector(nnz), values));
        byte[] index = format == SparseFormat.BITMASK ? bitmask(set, d.length, nnz) : relative(set, d.length, nnz);
        byte[] id = inner.encodingId().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(index.length + 2 + id.length + 8 + innerBlob.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(index).putShort((short) id.length).put(id).putInt(inner.encodingVersion())
                .putInt(innerBlob.length).put(innerBlob);
        return out.array();
    }

    /** The bit set itself, little-endian: bit {@code i & 7} of byte {@code i >>> 3} is element {@code i}. */
    private static byte[] bitmask(long[] set, int n, int nnz) {
        ByteBuffer b = ByteBuffer.allocate(8 + (n + 7) / 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(n).putInt(nnz);
        int whole = n >>> 6;
        b.asLongBuffer().put(set, 0, whole);
        b.position(8 + 8 * whole);
        if (whole < set.length) {
            long last = set[whole];
            while (b.hasRemaining()) {
                b.put((byte) last);
                last >>>= 8;
            }
        }
        return b.array();
    }

    private static byte[] relative(long[] set, int n, int nnz) {
        SparseIndex sizes = SparseIndex.of(set, n);
        int k = sizes.relativeBits();
        long codes = sizes.relativeCodes(); // the codes at the chosen width, as codesAt(set, k) counts them
        long bytes = (codes * k + 7) / 8;
        if (bytes + 13 > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("relative index of " + codes + " codes does not fit one blob");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (13 + bytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) k).putInt(n).putInt(nnz).putInt((int) codes);
        BitWriter w = new BitWriter(b.array(), 13);
        int skip = (1 << k) - 1;
        int last = -1;
        for (int word = 0; word < set.length; word++) {
            long bits = set[word];
            while (bits != 0) {
                int i = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int gap = i - last - 1;
                for (; gap >= skip; gap -= skip) {
                    w.write(skip, k);
                }
                w.write(gap, k);
                last = i;
            }
        }
        w.finish();
        return b.array();
    }

    /** Packs codes LSB first into a byte array. */
    private static final class BitWriter {
        private final byte[] out;
        private int pos;
        private long acc;
        private int filled;

        BitWriter(byte[] out, int start) {
            this.out = out;
            this.pos = start;
        }

        void write(int code, int bits) {
            acc |= (long) code << filled;
            filled += bits;
            if (filled >= 32) {
                out[pos] = (byte) acc;
                out[pos + 1] = (byte) (acc >>> 8);
                out[pos + 2] = (byte) (acc >>> 16);
                out[pos + 3] = (byte) (acc >>> 24);
                pos += 4;
                acc >>>= 32;
                filled -= 32;
            }
        }

        /** Writes the bits still held, the last byte padded with zeros. */
        void finish() {
            while (filled > 0) {
                out[pos++] = (byte) acc;
                acc >>>= 8;
                filled -= 8;
            }
        }
    }
}
