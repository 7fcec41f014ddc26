package dev.compressor.quant;

/**
 * Gathers the non-zero values of a sparse tensor into a dense vector and scatters them back, so
 * that values wrapped by a sparse encoding are quantized while zeros stay exactly zero. Stateless.
 */
final class NonZeros {

    private NonZeros() {
    }

    static float[] gather(float[] values) {
        int n = 0;
        for (float v : values) {
            if (v != 0) {
                n++;
            }
        }
        float[] out = new float[n];
        int j = 0;
        for (float v : values) {
            if (v != 0) {
                out[j++] = v;
            }
        }
        return out;
    }

    /** A copy of {@code values} with its non-zero entries replaced, in order, by {@code gathered}. */
    static float[] scatter(float[] values, float[] gathered) {
        float[] out = new float[values.length];
        int j = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                out[i] = gathered[j++];
            }
        }
        return out;
    }
}
