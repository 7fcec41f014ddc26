package dev.compressor.quant;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A minimal sparse wrapper for tests (the real ones live in compressor-prune): a bitmask of the
 * non-zero elements, then the inner encoding's id, version and blob for the gathered values.
 */
public final class TestSparseEncoding implements TensorEncoding {

    static final String ID = "test-sparse-mask";

    /** For ServiceLoader. */
    public TestSparseEncoding() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, float[] dest, int destOffset,
            DecodeContext context) throws CorruptTensorException {
        ByteBuffer b = blob.order(ByteOrder.LITTLE_ENDIAN);
        int n = layout.length();
        byte[] mask = new byte[(n + 7) / 8];
        b.get(mask);
        int nnz = b.getInt();
        Arrays.fill(dest, destOffset, destOffset + n, 0f);
        if (nnz == 0) {
            return;
        }
        byte[] idBytes = new byte[b.get()];
        b.get(idBytes);
        int version = b.getInt();
        float[] values = new float[nnz];
        context.decode(new String(idBytes, java.nio.charset.StandardCharsets.US_ASCII), version, b.slice(),
                TensorLayout.vector(nnz), values, 0);
        for (int i = 0, j = 0; i < n; i++) {
            if ((mask[i >> 3] >> (i & 7) & 1) != 0) {
                dest[destOffset + i] = values[j++];
            }
        }
    }

    /** The wrapper encoder. */
    record Encoder(TensorEncoder inner) implements TensorEncoder {
        @Override
        public String encodingId() {
            return ID;
        }

        @Override
        public int encodingVersion() {
            return 1;
        }

        @Override
        public String describe() {
            return "mask(" + inner.describe() + ")";
        }

        @Override
        public boolean wrapsValues() {
            return true;
        }

        @Override
        public TensorEncoder rewrap(TensorEncoder newInner) {
            return new Encoder(newInner);
        }

        @Override
        public byte[] encode(FloatTensor tensor) {
            float[] d = tensor.data();
            byte[] mask = new byte[(d.length + 7) / 8];
            float[] kept = NonZeros.gather(d);
            for (int i = 0; i < d.length; i++) {
                if (d[i] != 0) {
                    mask[i >> 3] |= (byte) (1 << (i & 7));
                }
            }
            byte[] innerBlob = kept.length == 0 ? new byte[0]
                    : inner.encode(new FloatTensor(TensorLayout.vector(kept.length), kept));
            byte[] id = inner.encodingId().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.allocate(mask.length + 4 + 1 + id.length + 4 + innerBlob.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            out.put(mask).putInt(kept.length);
            if (kept.length > 0) {
                out.put((byte) id.length).put(id).putInt(inner.encodingVersion()).put(innerBlob);
            }
            return Arrays.copyOf(out.array(), out.position());
        }
    }
}
