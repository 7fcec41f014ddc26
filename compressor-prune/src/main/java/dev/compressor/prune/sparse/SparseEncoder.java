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
        int nnz = 0;
        for (float v : d) {
            if (v != 0f) {
                nnz++;
            }
        }
        float[] values = new float[nnz];
        int j = 0;
        for (float v : d) {
            if (v != 0f) {
                values[j++] = v;
            }
        }
        byte[] innerBlob = nnz == 0 ? new byte[0] : inner.encode(new FloatTensor(TensorLayout.vector(nnz), values));
        byte[] index = format == SparseFormat.BITMASK ? bitmask(d, nnz) : relative(d, nnz);
        byte[] id = inner.encodingId().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(index.length + 2 + id.length + 8 + innerBlob.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(index).putShort((short) id.length).put(id).putInt(inner.encodingVersion())
                .putInt(innerBlob.length).put(innerBlob);
        return out.array();
    }

    private static byte[] bitmask(float[] d, int nnz) {
        ByteBuffer b = ByteBuffer.allocate(8 + (d.length + 7) / 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(d.length).putInt(nnz);
        byte[] a = b.array();
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0f) {
                a[8 + (i >>> 3)] |= (byte) (1 << (i & 7));
            }
        }
        return a;
    }

    private static byte[] relative(float[] d, int nnz) {
        int k = SparseIndex.of(d).relativeBits();
        long codes = SparseIndex.codesAt(d, k);
        long bytes = (codes * k + 7) / 8;
        if (bytes + 13 > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("relative index of " + codes + " codes does not fit one blob");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (13 + bytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) k).putInt(d.length).putInt(nnz).putInt((int) codes);
        BitWriter w = new BitWriter(b.array(), 13);
        int skip = (1 << k) - 1;
        int last = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] != 0f) {
                int gap = i - last - 1;
                for (; gap >= skip; gap -= skip) {
                    w.write(skip, k);
                }
                w.write(gap, k);
                last = i;
            }
        }
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
            while (filled >= 8) {
                out[pos++] = (byte) acc;
                acc >>>= 8;
                filled -= 8;
            }
            if (filled > 0) {
                out[pos] = (byte) acc; // partial byte; completed or final
            }
        }
    }
}
