package dev.compressor.examples.advise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-layer quantization sensitivity: for each weight-bearing layer, the quality lost when only
 * that layer's weights are quantized to each bit width, the rest of the network kept fp32.
 * Immutable (arrays are copied).
 *
 * @param metric the quality metric's name
 * @param baseline the quality of the unquantized network
 * @param layers layer names in network order
 * @param parameters weights per layer
 * @param bits the bit widths tried, descending
 * @param quality {@code quality[layer][i]}: the quality with that layer alone at {@code bits[i]}
 */
public record QuantSensitivity(String metric, double baseline, List<String> layers, long[] parameters, int[] bits,
        double[][] quality) {

    /**
     * Copies and checks the arrays.
     *
     * @param metric the quality metric's name
     * @param baseline the quality of the unquantized network
     * @param layers layer names in network order
     * @param parameters weights per layer
     * @param bits the bit widths tried, descending
     * @param quality {@code quality[layer][i]}: the quality with that layer alone at {@code bits[i]}
     */
    public QuantSensitivity {
        layers = List.copyOf(layers);
        parameters = parameters.clone();
        bits = bits.clone();
        double[][] q = new double[quality.length][];
        for (int l = 0; l < quality.length; l++) {
            q[l] = quality[l].clone();
            if (q[l].length != bits.length) {
                throw new IllegalArgumentException("layer " + layers.get(l) + " has " + q[l].length
                        + " values for " + bits.length + " bit widths");
            }
        }
        quality = q;
        if (layers.size() != parameters.length || layers.size() != quality.length) {
            throw new IllegalArgumentException(layers.size() + " layers, " + parameters.length + " counts, "
                    + quality.length + " rows");
        }
        for (int i = 1; i < bits.length; i++) {
            if (bits[i] >= bits[i - 1]) {
                throw new IllegalArgumentException("bit widths must be descending: " + Arrays.toString(bits));
            }
        }
    }

    /**
     * The loss of a layer at a bit width, made monotone: the largest drop below the baseline at this
     * width or any wider one tried (a narrower grid is never taken to be safer than a wider one;
     * measurement noise can make it look so). Never negative.
     *
     * @param layer layer index
     * @param level index into {@link #bits()}
     * @return the loss in metric units
     */
    public double loss(int layer, int level) {
        double worst = 0;
        for (int i = 0; i <= level; i++) {
            worst = Math.max(worst, baseline - quality[layer][i]);
        }
        return worst;
    }

    /**
     * Weights per layer (a copy).
     *
     * @return the counts
     */
    @Override
    public long[] parameters() {
        return parameters.clone();
    }

    /**
     * The bit widths tried, descending (a copy).
     *
     * @return the widths
     */
    @Override
    public int[] bits() {
        return bits.clone();
    }

    /**
     * The quality per layer and width (a copy).
     *
     * @return {@code [layer][width]}
     */
    @Override
    public double[][] quality() {
        double[][] q = new double[quality.length][];
        for (int l = 0; l < q.length; l++) {
            q[l] = quality[l].clone();
        }
        return q;
    }

    /**
     * A text table: one row per layer, one column per bit width, the quality with that layer alone
     * quantized.
     *
     * @return the table
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "per-layer quantization sensitivity (%s, fp32 %.4f; one layer quantized at a time):%n", metric, baseline));
        sb.append(String.format(Locale.ROOT, "  %-24s %9s", "layer", "weights"));
        for (int b : bits) {
            sb.append(String.format(Locale.ROOT, " %8s", b + " bits"));
        }
        sb.append('\n');
        for (int l = 0; l < layers.size(); l++) {
            sb.append(String.format(Locale.ROOT, "  %-24s %9d", layers.get(l), parameters[l]));
            for (double v : quality[l]) {
                sb.append(String.format(Locale.ROOT, " %8.4f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantSensitivity s && s.metric.equals(metric) && s.baseline == baseline
                && s.layers.equals(layers) && Arrays.equals(s.parameters, parameters) && Arrays.equals(s.bits, bits)
                && Arrays.deepEquals(s.quality, quality);
    }

    @Override
    public int hashCode() {
        return layers.hashCode() * 31 + Arrays.deepHashCode(quality);
    }

    @Override
    public String toString() {
        List<String> rows = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            rows.add(layers.get(l) + "=" + Arrays.toString(quality[l]));
        }
        return "QuantSensitivity[" + metric + ", baseline " + baseline + ", bits " + Arrays.toString(bits) + ", "
                + rows + "]";
    }
}
