package dev.compressor.quant.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot products of {@link FusedProduct} written with the incubating Vector API: codes widened to
 * int lanes, the zero point subtracted, converted to float and multiplied-added into two
 * accumulators. Loaded only when {@link SimdSupport} found the module (see {@link VectorKernels}).
 * Stateless and thread-safe.
 */
final class VectorProducts {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = F.vectorBitSize() >= 512 ? ByteVector.SPECIES_128
            : ByteVector.SPECIES_64;

    private VectorProducts() {
    }

    /** {@code sum_i x[xAt + i] ((q[at + i] & 0xFF) - z)} for {@code i < n}. */
    static float dotBytes(byte[] q, int at, int n, int z, float[] x, int xAt) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int len = F.length();
        int bound = n - n % (2 * len);
        int i = 0;
        for (; i < bound; i += 2 * len) {
            a0 = FloatVector.fromArray(F, x, xAt + i).fma(widen(q, at + i, z), a0);
            a1 = FloatVector.fromArray(F, x, xAt + i + len).fma(widen(q, at + i + len, z), a1);
        }
        float sum = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += x[xAt + i] * ((q[at + i] & 0xFF) - z);
        }
        return sum;
    }

    /**
     * Four rows at once: {@code out[k] = sum_i x[xAt + k * stride + i] ((q[at + i] & 0xFF) - z)} for
     * {@code k < 4}, each block of codes widened once for the four rows.
     */
    static void dotBytes4(byte[] q, int at, int n, int z, float[] x, int xAt, int stride, float[] out) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector a2 = FloatVector.zero(F);
        FloatVector a3 = FloatVector.zero(F);
        int len = F.length();
        int bound = n - n % len;
        int i = 0;
        for (; i < bound; i += len) {
            FloatVector c = widen(q, at + i, z);
            a0 = FloatVector.fromArray(F, x, xAt + i).fma(c, a0);
            a1 = FloatVector.fromArray(F, x, xAt + stride + i).fma(c, a1);
            a2 = FloatVector.fromArray(F, x, xAt + 2 * stride + i).fma(c, a2);
            a3 = FloatVector.fromArray(F, x, xAt + 3 * stride + i).fma(c, a3);
        }
        float s0 = a0.reduceLanes(VectorOperators.ADD);
        float s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD);
        float s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            int c = (q[at + i] & 0xFF) - z;
            s0 += x[xAt + i] * c;
            s1 += x[xAt + stride + i] * c;
            s2 += x[xAt + 2 * stride + i] * c;
            s3 += x[xAt + 3 * stride + i] * c;
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** {@code sum_i x[xAt + i] (q[at + i] - z)} for {@code i < n}. */
    static float dotInts(int[] q, int at, int n, int z, float[] x, int xAt) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int len = F.length();
        int bound = n - n % (2 * len);
        int i = 0;
        for (; i < bound; i += 2 * len) {
            FloatVector c0 = (FloatVector) IntVector.fromArray(I, q, at + i).sub(z).convert(VectorOperators.I2F, 0);
            FloatVector c1 = (FloatVector) IntVector.fromArray(I, q, at + i + len).sub(z)
                    .convert(VectorOperators.I2F, 0);
            a0 = FloatVector.fromArray(F, x, xAt + i).fma(c0, a0);
            a1 = FloatVector.fromArray(F, x, xAt + i + len).fma(c1, a1);
        }
        float sum = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += x[xAt + i] * (q[at + i] - z);
        }
        return sum;
    }

    /** {@link FusedProduct#dotNibblesScalar}: low nibbles against {@code even}, high nibbles against {@code odd}. */
    static float dotNibbles(byte[] q, int at, int n, int z, float[] even, float[] odd, int xAt) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int len = F.length();
        int bound = n - n % len;
        int i = 0;
        for (; i < bound; i += len) {
            IntVector b = ((IntVector) ByteVector.fromArray(B, q, at + i).convertShape(VectorOperators.B2I, I, 0))
                    .and(0xFF);
            FloatVector lo = (FloatVector) b.and(0xF).sub(z).convert(VectorOperators.I2F, 0);
            FloatVector hi = (FloatVector) b.lanewise(VectorOperators.LSHR, 4).sub(z).convert(VectorOperators.I2F, 0);
            a0 = FloatVector.fromArray(F, even, xAt + i).fma(lo, a0);
            a1 = FloatVector.fromArray(F, odd, xAt + i).fma(hi, a1);
        }
        float sum = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            int b = q[at + i];
            sum += even[xAt + i] * ((b & 0xF) - z) + odd[xAt + i] * ((b >>> 4 & 0xF) - z);
        }
        return sum;
    }

    private static FloatVector widen(byte[] q, int at, int z) {
        IntVector code = ((IntVector) ByteVector.fromArray(B, q, at).convertShape(VectorOperators.B2I, I, 0)).and(0xFF);
        return (FloatVector) code.sub(z).convert(VectorOperators.I2F, 0);
    }
}
