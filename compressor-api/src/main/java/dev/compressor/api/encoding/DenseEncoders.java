package dev.compressor.api.encoding;

import dev.compressor.api.encoding.internal.DenseEncoding;

/**
 * The built-in dense encodings: every element stored, as 32-bit float ({@code dense-f32}, exact),
 * binary16 ({@code dense-f16}) or bfloat16 ({@code dense-bf16}), little-endian.
 */
public final class DenseEncoders {

    private DenseEncoders() {
    }

    /** Stores floats exactly. @return the encoder */
    public static TensorEncoder f32() {
        return DenseEncoding.Format.F32.encoder();
    }

    /** Stores binary16, round to nearest even. @return the encoder */
    public static TensorEncoder f16() {
        return DenseEncoding.Format.F16.encoder();
    }

    /** Stores bfloat16, round to nearest even. @return the encoder */
    public static TensorEncoder bf16() {
        return DenseEncoding.Format.BF16.encoder();
    }
}
