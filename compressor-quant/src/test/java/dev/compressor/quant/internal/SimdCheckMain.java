package dev.compressor.quant.internal;

import dev.compressor.api.encoding.CorruptTensorException;
import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;
import dev.compressor.quant.ChannelSplit;
import dev.compressor.quant.LinearGrid;
import dev.compressor.quant.QuantScheme;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * Child-process side of {@link SimdKernelsTest}: run in a JVM started with
 * {@code --add-modules jdk.incubator.vector}, it compares every vector kernel with its plain-loop
 * form on awkward values (NaN, infinities, huge values, odd lengths and offsets) and prints one
 * line per check plus the hashes of an end-to-end encode and decode, which the parent compares
 * with its own (plain-loop) results.
 */
final class SimdCheckMain {

    private static final int ROUNDS = 30;

    private SimdCheckMain() {
    }

    /** Values with NaN, infinities, huge and signed-zero entries among Gaussians of spread {@code sigma}. */
    static float[] awkward(int n, long seed, double sigma) {
        Random rnd = new Random(seed);
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = switch (i % 37) {
                case 0 -> Float.NaN;
                case 1 -> Float.POSITIVE_INFINITY;
                case 2 -> Float.NEGATIVE_INFINITY;
                case 3 -> 3e30f;
                case 4 -> -3e30f;
                case 5 -> -0f;
                case 6 -> 0f;
                case 7 -> 6e6f;
                case 8 -> -9e6f;
                default -> (float) (rnd.nextGaussian() * sigma);
            };
        }
        return d;
    }

    /** A finite tensor, the same in every JVM, for the end-to-end hashes. */
    static FloatTensor tensor() {
        TensorLayout layout = TensorLayout.of('f', 1000, 301);
        Random rnd = new Random(41);
        float[] d = new float[layout.length()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextGaussian() * (1 + layout.coordinate(i, 1) % 7));
        }
        return new FloatTensor(layout, d);
    }

    /** Encode and decode {@link #tensor()} with both schemes: {@code "<blob hash> <values hash>"} per scheme. */
    static String endToEnd() throws CorruptTensorException {
        FloatTensor t = tensor();
        StringBuilder sb = new StringBuilder();
        for (QuantScheme scheme : QuantScheme.values()) {
            ChannelSplit split = ChannelSplit.of(t.layout(), 1);
            byte[] blob = MinMaxBlobs.encode(t, split, new LinearGrid(8, scheme));
            float[] back = new float[t.length()];
            LinearIntEncoding.decodeRange(ByteBuffer.wrap(blob).asReadOnlyBuffer(), t.layout(), 0, t.length(), back, 0);
            sb.append(Arrays.hashCode(blob)).append(' ').append(Arrays.hashCode(back)).append(' ');
        }
        return sb.toString().trim();
    }

    /**
     * Runs the checks.
     *
     * @param args unused
     * @throws CorruptTensorException never (the blobs are made here)
     */
    public static void main(String[] args) throws CorruptTensorException {
        System.out.println("enabled " + SimdSupport.ENABLED);
        int failures = 0;
        // repeated so that the later rounds run the kernels compiled by C2 (where the intrinsics are)
        for (int round = 0; round < ROUNDS; round++) {
            failures += checkKernels();
        }
        System.out.println("failures " + failures);
        System.out.println("hashes " + endToEnd());
        System.exit(failures == 0 ? 0 : 1);
    }

    /** The fused product's vector dot products against its plain loops (another summation order: 1e-5 relative). */
    private static int checkProducts(byte[] codes) {
        int failures = 0;
        int[] ints = new int[codes.length];
        float[] x = awkward(codes.length, 8, 1);
        for (int i = 0; i < x.length; i++) {
            ints[i] = codes[i] & 0x0F;
            x[i] = Float.isFinite(x[i]) && Math.abs(x[i]) < 1e3 ? x[i] : 0.5f;
        }
        for (int z : new int[] {0, 8, 128, 255}) {
            for (int[] range : new int[][] {{0, codes.length}, {3, 1000}, {5, 17}}) {
                int n = range[1] - range[0];
                double bound = 0;
                for (int i = 0; i < n; i++) {
                    bound += Math.abs(x[i] * (double) ((codes[range[0] + i] & 0xFF) - z));
                }
                float v = VectorProducts.dotBytes(codes, range[0], n, z, x, 0);
                float s = FusedProduct.dotBytesScalar(codes, range[0], n, z, x, 0);
                float vi = VectorProducts.dotInts(ints, range[0], n, z, x, 0);
                if (n >= 4) {
                    float[] four = new float[4];
                    VectorProducts.dotBytes4(codes, range[0], n / 4, z, x, 1, n / 4, four);
                    for (int k = 0; k < 4; k++) {
                        float one = FusedProduct.dotBytesScalar(codes, range[0], n / 4, z, x, 1 + k * (n / 4));
                        if (Math.abs(four[k] - one) > 1e-5 * bound) {
                            failures++;
                            System.out.println("four-row dot product differs: row " + k + ": " + four[k] + " vs " + one);
                        }
                    }
                }
                int zn = z & 0xF;
                float vn = VectorProducts.dotNibbles(codes, range[0], n / 2, zn, x, x, 1);
                float sn = FusedProduct.dotNibblesScalar(codes, range[0], n / 2, zn, x, x, 1);
                if (Math.abs(vn - sn) > 1e-5 * 32 * bound) {
                    failures++;
                    System.out.println("nibble dot product differs: zp " + zn + ": " + vn + " vs " + sn);
                }
                float si = FusedProduct.dotIntsScalar(ints, range[0], n, z, x, 0);
                if (Math.abs(v - s) > 1e-5 * bound || Math.abs(vi - si) > 1e-5 * bound) {
                    failures++;
                    System.out.println("dot product differs: zp " + z + " range " + range[0] + ".." + range[1]
                            + ": " + v + " vs " + s + ", " + vi + " vs " + si);
                }
            }
        }
        return failures;
    }

    private static int checkKernels() {
        int failures = 0;
        float[] d = awkward(10_007, 5, 300);
        for (int[] zm : new int[][] {{127, 254}, {0, 255}, {255, 255}, {40, 255}, {128, 255}, {0, 15}}) {
            for (float iv : new float[] {0.7f, 1f / 3e-3f, 1e-9f}) {
                for (int from : new int[] {0, 3, 64}) {
                    byte[] a = new byte[d.length + 9];
                    byte[] b = new byte[d.length + 9];
                    VectorKernels.quantizeToBytes(d, from, d.length, iv, zm[0], zm[1], a, 9);
                    LinearKernels.bytesWithIntClamp(d, from, d.length, iv, zm[0], zm[1], b, 9);
                    if (!Arrays.equals(a, b)) {
                        failures++;
                        System.out.println("quantize differs: zp " + zm[0] + " max " + zm[1] + " iv " + iv
                                + " from " + from);
                    }
                }
            }
        }
        byte[] codes = new byte[4099];
        new Random(6).nextBytes(codes);
        failures += checkProducts(codes);
        for (int z : new int[] {0, 128, 255}) {
            float[] a = new float[codes.length + 5];
            float[] b = new float[codes.length + 5];
            VectorKernels.dequantizeBytes(codes, -1, 1, codes.length, 0.013f, z, a, 4);
            LinearDecoding.dequantizeBytesScalar(codes, -1, 1, codes.length, 0.013f, z, b, 4);
            if (!Arrays.equals(a, b)) {
                failures++;
                System.out.println("dequantize differs: zp " + z);
            }
        }
        for (int len : new int[] {0, 1, 15, 16, 17, 1000, 10_007}) {
            float[] x = Arrays.copyOf(d, len);
            float[] finite = new float[len];
            Random rnd = new Random(len);
            for (int i = 0; i < len; i++) {
                finite[i] = (float) rnd.nextGaussian();
            }
            for (float[] v : new float[][] {x, finite, negZero(len)}) {
                float[] a = VectorKernels.minMax(v, 0, len);
                float[] b = RangeKernels.minMaxScalar(v, 0, len);
                if (Float.floatToRawIntBits(a[0]) != Float.floatToRawIntBits(b[0])
                        || Float.floatToRawIntBits(a[1]) != Float.floatToRawIntBits(b[1])) {
                    failures++;
                    System.out.println("minMax differs at length " + len + ": " + Arrays.toString(a) + " vs "
                            + Arrays.toString(b));
                }
            }
        }
        return failures;
    }

    private static float[] negZero(int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i += 2) {
            v[i] = -0f;
        }
        return v;
    }
}
