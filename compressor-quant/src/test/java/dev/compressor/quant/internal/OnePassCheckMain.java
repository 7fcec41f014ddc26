package dev.compressor.quant.internal;

import dev.compressor.quant.ChannelSplit;
import java.util.Arrays;
import java.util.Random;

/**
 * Child-process side of {@link OnePassVectorTest}: quantizes fixed tensors with {@link Int8OnePass}
 * (the Vector API form of {@link QuantizePass} when the JVM has the module) and prints the hashes
 * of values and blobs and the error sums, which the parent compares with its plain-loop results.
 */
final class OnePassCheckMain {

    private OnePassCheckMain() {
    }

    /**
     * One line per tensor: {@code "<values hash> <blob hash> <non-zeros> <max error>"} and the
     * signal and noise rounded to 5 significant digits (the two forms sum in other orders).
     *
     * @return the lines
     */
    static String results() {
        StringBuilder sb = new StringBuilder();
        int[][] shapes = {{64, 4099}, {7, 70001}, {1, 300001}, {300, 33}};
        for (int s = 0; s < shapes.length; s++) {
            int channels = shapes[s][0];
            int inner = shapes[s][1];
            Random rnd = new Random(s);
            float[] d = new float[channels * inner];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (rnd.nextGaussian() * (1 + (i / inner) % 5));
            }
            ChannelSplit split = new ChannelSplit(1, channels, inner);
            float[][] mm = RangeKernels.minMax(d, split);
            float[] scale = new float[channels];
            int[] zp = new int[channels];
            float top = 0;
            for (int c = 0; c < channels; c++) {
                scale[c] = Math.max(-mm[0][c], mm[1][c]) / 127;
                zp[c] = 127;
                top = Math.max(top, scale[c]);
            }
            Int8OnePass.Result r = Int8OnePass.quantize(d, split, mm[0], mm[1], scale, zp, top, 127, 254, "check");
            var e = r.encoder().preparedErrors(new dev.compressor.api.tensor.FloatTensor(
                    dev.compressor.api.tensor.TensorLayout.vector(d.length), d),
                    new dev.compressor.api.tensor.FloatTensor(
                            dev.compressor.api.tensor.TensorLayout.vector(d.length), r.values()));
            sb.append(Arrays.hashCode(r.values())).append(' ')
                    .append(Arrays.hashCode(r.encoder().preparedBlob(new dev.compressor.api.tensor.FloatTensor(
                            dev.compressor.api.tensor.TensorLayout.vector(d.length), r.values())))).append(' ')
                    .append(e.nonZeros()).append(' ').append(e.maxAbsError()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.5g %.5g", e.signalEnergy(), e.noiseEnergy()))
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * Prints whether the vector form is on, then {@link #results()}.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.println("enabled " + SimdSupport.ENABLED);
        // a few rounds first, so that the printed run uses the kernels C2 compiled
        for (int i = 0; i < 5; i++) {
            results();
        }
        System.out.print(results());
    }
}
