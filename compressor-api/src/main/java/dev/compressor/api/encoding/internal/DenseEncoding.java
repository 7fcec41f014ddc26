package dev.compressor.api.encoding.internal;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.encoding.DecodeContext;
import dev.compressor.api.encoding.HalfPrecision;
import dev.compressor.api.encoding.TensorEncoder;
import dev.compressor.api.encoding.TensorEncoding;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Dense storage of every element in one of three float formats. Abstract base of the three
 * registered encodings; one instance per format.
 */
public abstract class DenseEncoding implements TensorEncoding {

    /** The element formats. */
    public enum Format {
        /** 32-bit IEEE float. */
        F32("dense-f32", 4),
        /** IEEE binary16. */
        F16("dense-f16", 2),
        /** bfloat16. */
        BF16("dense-bf16", 2);

        private final String id;
        private final int bytes;
        private final Encoder encoder;

        Format(String id, int bytes) {
            this.id = id;
            this.bytes = bytes;
            this.encoder = new Encoder(this);
        }

        /** The encoding id. @return the id */
        public String id() {
            return id;
        }

        /** The shared encoder of this format. @return the encoder */
        public TensorEncoder encoder() {
            return encoder;
        }
    }

    private final Format format;

    DenseEncoding(Format format) {
        this.format = format;
    }

    @Override
    public String id() {
        return format.id;
    }

    @Override
    public int version() {
        return 1;
    }

    private void checkLength(ByteBuffer blob, TensorLayout layout) throws CorruptTensorException {
        long expected = (long) layout.length() * format.bytes;
        if (blob.remaining() != expected) {
            throw new CorruptTensorException(format.id + " blob for " + layout + " must be " + expected
                    + " bytes, is " + blob.remaining());
        }
    }

    /** Copies fp32 blobs straight into the destination (one bulk copy); other formats expand through an array. */
    @Override
    public void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, FloatBuffer dest, DecodeContext context)
            throws CorruptTensorException {
        if (format != Format.F32) {
            TensorEncoding.super.decode(blob, blobVersion, layout, dest, context);
            return;
        }
        checkLength(blob, layout);
        dest.duplicate().put(blob.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer());
    }

    @Override
    public void decode(ByteBuffer blob, int blobVersion, TensorLayout layout, float[] dest, int destOffset,
            DecodeContext context) throws CorruptTensorException {
        int n = layout.length();
        checkLength(blob, layout);
        ByteBuffer le = blob.order(ByteOrder.LITTLE_ENDIAN);
        switch (format) {
            case F32 -> le.asFloatBuffer().get(dest, destOffset, n);
            case F16 -> {
                ShortBuffer s = le.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    dest[destOffset + i] = HalfPrecision.fromHalf(s.get(i));
                }
            }
            case BF16 -> {
                ShortBuffer s = le.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    dest[destOffset + i] = HalfPrecision.fromBfloat16(s.get(i));
                }
            }
            default -> throw new AssertionError(format);
        }
    }

    /** The registered {@code dense-f32} encoding. */
    public static final class F32 extends DenseEncoding {
        /** Creates the encoding (for {@link java.util.ServiceLoader}). */
        public F32() {
            super(Format.F32);
        }
    }

    /** The registered {@code dense-f16} encoding. */
    public static final class F16 extends DenseEncoding {
        /** Creates the encoding (for {@link java.util.ServiceLoader}). */
        public F16() {
            super(Format.F16);
        }
    }

    /** The registered {@code dense-bf16} encoding. */
    public static final class Bf16 extends DenseEncoding {
        /** Creates the encoding (for {@link java.util.ServiceLoader}). */
        public Bf16() {
            super(Format.BF16);
        }
    }

    private record Encoder(Format format) implements TensorEncoder {
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
            return switch (format) {
                case F32 -> "fp32";
                case F16 -> "fp16";
                case BF16 -> "bf16";
            };
        }

        @Override
        public byte[] encode(FloatTensor tensor) {
            float[] d = tensor.data();
            byte[] out = new byte[d.length * format.bytes];
            ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
            switch (format) {
                case F32 -> bb.asFloatBuffer().put(d);
                case F16 -> {
                    ShortBuffer s = bb.asShortBuffer();
                    for (int i = 0; i < d.length; i++) {
                        s.put(i, HalfPrecision.toHalf(d[i]));
                    }
                }
                case BF16 -> {
                    ShortBuffer s = bb.asShortBuffer();
                    for (int i = 0; i < d.length; i++) {
                        s.put(i, HalfPrecision.toBfloat16(d[i]));
                    }
                }
                default -> throw new AssertionError(format);
            }
            return out;
        }
    }
}
