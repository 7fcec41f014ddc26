package dev.compressor.examples;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The encoding of {@link CustomEncoding}: 16-bit integers with one step per tensor, stored as a
 * little-endian float step and then one short per value. This class is the reading half, found by
 * its {@link #id()} through {@link java.util.ServiceLoader} (listed in this module's
 * {@code META-INF/services/dev.compressor.api.encoding.TensorEncoding}); {@link #ENCODER} is the
 * writing half. Stateless and thread-safe.
 */
public final class Int16Encoding implements TensorEncoding {

    /** The id stored in artifacts. */
    public static final String ID = "example-int16";

    /** The writing half: a tensor's values, which must lie on its int16 grid, as a blob. */
    public static final TensorEncoder ENCODER = new TensorEncoder() {
        @Override public String encodingId() {
            return ID;
        }

        @Override public int encodingVersion() {
            return 1;
        }

        @Override public String describe() {
            return "int16 (one step per tensor)";
        }

        @Override public byte[] encode(FloatTensor tensor) {
            float step = step(tensor.data());
            ByteBuffer out = ByteBuffer.allocate(4 + 2 * tensor.length()).order(ByteOrder.LITTLE_ENDIAN);
            out.putFloat(step);
            for (float v : tensor.data()) {
                out.putShort((short) Math.round(v / step));
            }
            return out.array();
        }
    };

    @Override public String id() {
        return ID;
    }

    @Override public int version() {
        return 1;
    }

    @Override public void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, float[] dest, int destOffset,
            DecodeContext context) throws CorruptTensorException {
        long expected = 4 + 2L * layout.length();         // never trust a blob: check before reading
        if (blob.remaining() != expected) {
            throw new CorruptTensorException(ID + ": expected " + expected + " bytes, got " + blob.remaining());
        }
        ByteBuffer in = blob.slice().order(ByteOrder.LITTLE_ENDIAN);
        float step = in.getFloat();
        for (int i = 0; i < layout.length(); i++) {
            dest[destOffset + i] = in.getShort() * step;
        }
    }

    /** The grid step of a tensor: its largest magnitude over 32767 (1 if all zero). @param values the tensor @return the step */
    public static float step(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max == 0 ? 1 : max / Short.MAX_VALUE;
    }
}
