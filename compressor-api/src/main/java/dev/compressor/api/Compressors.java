package dev.compressor.api;

import dev.compressor.api.encoding.DenseEncoders;
import dev.compressor.api.encoding.HalfPrecision;
import dev.compressor.api.encoding.TensorEncoder;
import java.util.Objects;

/**
 * The compressors that live in the API: identity and 16-bit float storage. Quantization and pruning
 * come from their own modules.
 */
public final class Compressors {

    private Compressors() {
    }

    /** Stores every tensor as exact fp32: the baseline. @return the compressor */
    public static Compressor identity() {
        return new Compressor() {
            @Override
            public String describe() {
                return "fp32";
            }

            @Override
            public CompressionState apply(CompressionState state) {
                return state.withStep(describe());
            }
        };
    }

    /** Stores every tensor as IEEE binary16 (round to nearest even). @return the compressor */
    public static Compressor fp16() {
        return fp16(TensorSelector.all());
    }

    /**
     * Stores the selected tensors as IEEE binary16 (round to nearest even).
     *
     * @param selector which tensors
     * @return the compressor
     */
    public static Compressor fp16(TensorSelector selector) {
        return new HalfStorage("fp16", selector, DenseEncoders.f16());
    }

    /** Stores every tensor as bfloat16 (round to nearest even). @return the compressor */
    public static Compressor bf16() {
        return bf16(TensorSelector.all());
    }

    /**
     * Stores the selected tensors as bfloat16 (round to nearest even).
     *
     * @param selector which tensors
     * @return the compressor
     */
    public static Compressor bf16(TensorSelector selector) {
        return new HalfStorage("bf16", selector, DenseEncoders.bf16());
    }

    /** Rounds values to a 16-bit format and stores them in it. */
    private record HalfStorage(String format, TensorSelector selector, TensorEncoder encoder) implements Compressor {
        HalfStorage {
            Objects.requireNonNull(selector, "selector");
        }

        @Override
        public String describe() {
            return format;
        }

        @Override
        public CompressionState apply(CompressionState state) {
            boolean half = format.equals("fp16");
            return state.map(selector, t -> {
                float[] in = t.values().data();
                float[] out = new float[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = half ? HalfPrecision.fromHalf(HalfPrecision.toHalf(in[i]))
                            : HalfPrecision.fromBfloat16(HalfPrecision.toBfloat16(in[i]));
                }
                return t.withValues(out, t.encoder().rewrap(encoder));
            }).withStep(describe());
        }
    }
}
