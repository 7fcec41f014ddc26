package dev.compressor.quant;

import java.util.Objects;

/**
 * The rule that turns a clipping range into a scale and zero point: {@code bits} bits per code
 * under a {@link QuantScheme}. A value {@code x} is stored as the unsigned code
 * {@code clamp(rint(x * (1 / scale)) + zeroPoint, 0, maxCode)} (rounding half to even) and read back as
 * {@code (code - zeroPoint) * scale} (float arithmetic). Zero is always exactly representable.
 * Immutable and thread-safe.
 *
 * @param bits bits per code, {@value #MIN_BITS}..{@value #MAX_BITS}
 * @param scheme symmetric or asymmetric
 */
public record LinearGrid(int bits, QuantScheme scheme) {

    /** Fewest bits accepted. */
    public static final int MIN_BITS = 2;
    /** Most bits accepted. */
    public static final int MAX_BITS = 16;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if {@code bits} is outside {@value #MIN_BITS}..{@value #MAX_BITS}
     */
    public LinearGrid {
        Objects.requireNonNull(scheme, "scheme");
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits must be " + MIN_BITS + ".." + MAX_BITS + ", got " + bits);
        }
    }

    /**
     * The largest code used: {@code 2^bits - 1} (asymmetric) or {@code 2^bits - 2} (symmetric,
     * narrow range).
     *
     * @return the largest code
     */
    public int maxCode() {
        return scheme == QuantScheme.SYMMETRIC ? (1 << bits) - 2 : (1 << bits) - 1;
    }

    /**
     * Decides scale and zero point for a clipping range (the range is widened to include zero).
     *
     * @param lo lower end of the range
     * @param hi upper end, {@code >= lo}
     * @return the parameters
     * @throws IllegalArgumentException if an end is not finite or {@code lo > hi}
     */
    public Affine params(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("clipping range must be finite with lo <= hi, got [" + lo + ", "
                    + hi + "]");
        }
        if (scheme == QuantScheme.SYMMETRIC) {
            int half = (1 << (bits - 1)) - 1;
            double a = Math.max(Math.abs(lo), Math.abs(hi));
            return new Affine(scaleOf(a / half), half);
        }
        double l = Math.min(lo, 0);
        double h = Math.max(hi, 0);
        float scale = scaleOf((h - l) / maxCode());
        long zp = Math.round(-l / scale);
        return new Affine(scale, (int) Math.max(0, Math.min(maxCode(), zp)));
    }

    private static float scaleOf(double s) {
        float f = (float) s;
        return f >= Float.MIN_NORMAL ? f : (s == 0 ? 1f : Float.MIN_NORMAL);
    }

    /** A short description, e.g. {@code "int8 sym"}. @return the description */
    public String describe() {
        return "int" + bits + (scheme == QuantScheme.SYMMETRIC ? " sym" : " asym");
    }

    /**
     * Scale and zero point of one channel.
     *
     * @param scale the step between adjacent codes, a positive normal float
     * @param zeroPoint the code that stands for zero
     */
    public record Affine(float scale, int zeroPoint) {

        /**
         * Validates the parameters.
         *
         * @throws IllegalArgumentException if the scale is not a positive finite float or the zero point negative
         */
        public Affine {
            if (!(scale > 0) || Float.isInfinite(scale)) {
                throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
            }
            if (zeroPoint < 0) {
                throw new IllegalArgumentException("zeroPoint must be >= 0, got " + zeroPoint);
            }
        }

        /**
         * The value a code stands for: {@code (float) (code - zeroPoint) * scale}.
         *
         * @param code the code
         * @return the value
         */
        public float dequantize(int code) {
            return (float) (code - zeroPoint) * scale;
        }
    }
}
