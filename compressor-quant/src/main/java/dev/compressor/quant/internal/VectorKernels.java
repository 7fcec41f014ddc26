package dev.compressor.quant.internal;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The min-max, 8-bit quantize and dequantize loops written with the incubating Vector API
 * ({@code jdk.incubator.vector}), for JVMs whose C2 does not vectorize the plain loops (JDK 17
 * cannot vectorize a float-to-int conversion with narrowing). Codes and values are identical to
 * the scalar forms of {@link LinearKernels} and {@link LinearDecoding}, NaN and infinities
 * included.
 *
 * <p>Only {@link SimdSupport} refers to this class, and only after it found the module in the boot
 * layer ({@code --add-modules jdk.incubator.vector}); without the module the class is never loaded.
 * Quantization avoids the float-to-int conversion (not intrinsified on JDK 17): the clamped value
 * plus {@code 1.5 * 2^23} holds the code in the low bits of its representation, which a
 * reinterpretation and an int-to-byte narrowing store. Stateless and thread-safe.
 */
final class VectorKernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Bytes of one float vector's lanes: a quarter of its width (64 or 128 bits). */
    private static final VectorSpecies<Byte> B = F.vectorBitSize() >= 512 ? ByteVector.SPECIES_128
            : ByteVector.SPECIES_64;
    private static final float ROUND = LinearKernels.ROUND;

    private VectorKernels() {
    }

    /**
     * Whether this machine's preferred vectors are wide enough for these kernels (256 bits or more).
     *
     * @return true on AVX2 or AVX-512 class hardware
     */
    static boolean usable() {
        return F.vectorBitSize() >= 256 && F.length() == I.length() && B.length() == F.length();
    }

    /**
     * Minimum and maximum of {@code d[from..to)} with {@link Math#min}/{@link Math#max} semantics
     * (NaN propagates, {@code -0.0f < 0.0f}): the same pair as {@link RangeKernels#minMaxRun}.
     *
     * @param d values
     * @param from first index
     * @param to one past the last index
     * @return {@code {min, max}}
     */
    static float[] minMax(float[] d, int from, int to) {
        // two pairs of accumulators: the min and max chains of one pair would wait on each other's latency
        FloatVector min0 = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
        FloatVector max0 = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        FloatVector min1 = min0;
        FloatVector max1 = max0;
        int step = 2 * F.length();
        int bound = from + (to - from) / step * step;
        int i = from;
        for (; i < bound; i += step) {
            FloatVector v = FloatVector.fromArray(F, d, i);
            FloatVector w = FloatVector.fromArray(F, d, i + F.length());
            min0 = min0.min(v);
            max0 = max0.max(v);
            min1 = min1.min(w);
            max1 = max1.max(w);
        }
        float a = min0.min(min1).reduceLanes(VectorOperators.MIN);
        float b = max0.max(max1).reduceLanes(VectorOperators.MAX);
        for (; i < to; i++) {
            a = Math.min(a, d[i]);
            b = Math.max(b, d[i]);
        }
        return new float[] {a, b};
    }

    /**
     * Quantizes {@code d[from..to)} to 8-bit codes at {@code out[shift + i]}: the same codes as
     * {@link LinearKernels#bytesWithIntClamp}.
     *
     * @param d values
     * @param from first index
     * @param to one past the last index
     * @param iv inverse scale
     * @param z zero point
     * @param maxCode largest code, at most 255
     * @param out destination
     * @param shift offset from value index to code index
     */
    static void quantizeToBytes(float[] d, int from, int to, float iv, int z, int maxCode, byte[] out, int shift) {
        float lo = ROUND - z;
        float hi = ROUND + (maxCode - z);
        float zf = z;
        int bound = from + F.loopBound(to - from);
        int i = from;
        for (; i < bound; i += F.length()) {
            FloatVector t = FloatVector.fromArray(F, d, i).mul(iv).add(ROUND);
            // NaN: the scalar forms give code z; (ROUND clamped) + z encodes exactly that
            VectorMask<Float> nan = t.compare(VectorOperators.NE, t);
            t = t.blend(ROUND, nan).max(lo).min(hi).add(zf);
            ((ByteVector) t.reinterpretAsInts().castShape(B, 0)).intoArray(out, shift + i);
        }
        LinearKernels.bytesWithIntClamp(d, i, to, iv, z, maxCode, out, shift);
    }

    /**
     * Dequantizes 8-bit codes {@code in[shiftIn + i]} for {@code i} in {@code [from, to)} to
     * {@code dest[shift + i] = (float) (code - z) * s}.
     *
     * @param in codes
     * @param shiftIn offset from element index to code index
     * @param from first element
     * @param to one past the last element
     * @param s scale
     * @param z zero point
     * @param dest destination
     * @param shift offset from element index to destination index
     */
    static void dequantizeBytes(byte[] in, int shiftIn, int from, int to, float s, int z, float[] dest, int shift) {
        int bound = from + F.loopBound(to - from);
        int i = from;
        for (; i < bound; i += F.length()) {
            ByteVector b = ByteVector.fromArray(B, in, shiftIn + i);
            IntVector code = ((IntVector) b.convertShape(VectorOperators.B2I, I, 0)).and(0xFF).sub(z);
            ((FloatVector) code.convert(VectorOperators.I2F, 0)).mul(s).intoArray(dest, shift + i);
        }
        for (; i < to; i++) {
            dest[shift + i] = (float) ((in[shiftIn + i] & 0xFF) - z) * s;
        }
    }

    /**
     * The vector form of {@link QuantizePass#run}: the same values, codes and (within {@link
     * QuantizePass#SUM_ERROR}) sums.
     *
     * @param d values, none clamped by either parameter set
     * @param from first index
     * @param to one past the last index
     * @param iv inverse scale
     * @param s scale
     * @param z zero point
     * @param ivOther inverse scale of the alternative parameters
     * @param sOther their scale
     * @param values destination of the dequantized values
     * @param codes destination of the codes
     * @param shift offset from value index to code index
     * @param sums the five sums of {@link QuantizePass}, added to
     */
    static void quantizePass(float[] d, int from, int to, float iv, float s, int z, float ivOther, float sOther,
            float[] values, byte[] codes, int shift, double[] sums) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector noise = zero;
        FloatVector other = zero;
        FloatVector signal = zero;
        FloatVector maxErr = zero;
        FloatVector nonZero = zero;
        float zr = ROUND + z;
        int bound = from + F.loopBound(to - from);
        int i = from;
        int steps = 0;
        for (; i < bound; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, d, i);
            FloatVector q = x.mul(iv).add(ROUND).sub(ROUND);
            FloatVector y = q.mul(s);
            y.intoArray(values, i);
            ((ByteVector) q.add(zr).reinterpretAsInts().castShape(B, 0)).intoArray(codes, shift + i);
            FloatVector e = x.sub(y);
            noise = noise.add(e.mul(e));
            FloatVector f = x.sub(x.mul(ivOther).add(ROUND).sub(ROUND).mul(sOther));
            other = other.add(f.mul(f));
            signal = signal.add(x.mul(x));
            maxErr = maxErr.max(e.abs());
            nonZero = nonZero.add(y.abs().mul(0x1p100f).mul(0x1p49f).min(1f));
            if (++steps == QuantizePass.FLUSH) {
                sums[QuantizePass.NOISE] += noise.reduceLanes(VectorOperators.ADD);
                sums[QuantizePass.OTHER_NOISE] += other.reduceLanes(VectorOperators.ADD);
                sums[QuantizePass.SIGNAL] += signal.reduceLanes(VectorOperators.ADD);
                sums[QuantizePass.NON_ZEROS] += nonZero.reduceLanes(VectorOperators.ADD);
                noise = zero;
                other = zero;
                signal = zero;
                nonZero = zero;
                steps = 0;
            }
        }
        sums[QuantizePass.NOISE] += noise.reduceLanes(VectorOperators.ADD);
        sums[QuantizePass.OTHER_NOISE] += other.reduceLanes(VectorOperators.ADD);
        sums[QuantizePass.SIGNAL] += signal.reduceLanes(VectorOperators.ADD);
        sums[QuantizePass.NON_ZEROS] += nonZero.reduceLanes(VectorOperators.ADD);
        float m = maxErr.reduceLanes(VectorOperators.MAX);
        for (; i < to; i++) {
            float x = d[i];
            float q = (x * iv + ROUND) - ROUND;
            float y = q * s;
            values[i] = y;
            codes[shift + i] = (byte) Float.floatToRawIntBits(q + zr);
            float e = x - y;
            sums[QuantizePass.NOISE] += e * e;
            float g = x - ((x * ivOther + ROUND) - ROUND) * sOther;
            sums[QuantizePass.OTHER_NOISE] += g * g;
            sums[QuantizePass.SIGNAL] += x * x;
            m = Math.max(m, Math.abs(e));
            sums[QuantizePass.NON_ZEROS] += y != 0 ? 1 : 0;
        }
        sums[QuantizePass.MAX_ERROR] = Math.max(sums[QuantizePass.MAX_ERROR], m);
    }
}
