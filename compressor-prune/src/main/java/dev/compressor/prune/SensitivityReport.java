package dev.compressor.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The result of a {@link SensitivityAnalysis}: the metric of the unpruned network, and per layer
 * the metric after pruning that layer alone. Immutable.
 */
public final class SensitivityReport {

    private final String metric;
    private final boolean higherIsBetter;
    private final double baseline;
    private final List<LayerSensitivity> layers;

    SensitivityReport(String metric, boolean higherIsBetter, double baseline, List<LayerSensitivity> layers) {
        this.metric = metric;
        this.higherIsBetter = higherIsBetter;
        this.baseline = baseline;
        this.layers = List.copyOf(layers);
    }

    /**
     * The metric's name.
     *
     * @return the name
     */
    public String metric() {
        return metric;
    }

    /**
     * The metric of the unpruned network.
     *
     * @return the value
     */
    public double baseline() {
        return baseline;
    }

    /**
     * The layers in network order.
     *
     * @return the per-layer curves
     */
    public List<LayerSensitivity> layers() {
        return layers;
    }

    /**
     * How much worse than the baseline a measured value is (never negative).
     *
     * @param value a measured value
     * @return the loss: baseline minus value for accuracy-like metrics, value minus baseline for errors
     */
    public double loss(double value) {
        return Math.max(0, higherIsBetter ? baseline - value : value - baseline);
    }

    /**
     * Per-layer sparsities that reach at least {@code target} over all analysed weights while keeping
     * the largest single-layer loss as small as possible: for a loss budget, each layer gets the
     * highest analysed sparsity whose loss (and every lower sparsity's) stays within it; the smallest
     * budget that reaches the target wins. Feed the result to {@link Pruning#perLayer(Map)}.
     *
     * @param target the overall fraction of analysed weights to prune, in [0, 1)
     * @return layer name to sparsity (0 for layers that should stay dense)
     * @throws IllegalArgumentException if target is outside [0, 1) or above what the analysed
     *     sparsities can reach
     */
    public Map<String, Double> suggest(double target) {
        Checks.sparsity(target);
        TreeSet<Double> budgets = new TreeSet<>();
        budgets.add(0.0);
        for (LayerSensitivity l : layers) {
            double worst = 0;
            for (double v : l.values()) {
                worst = Math.max(worst, loss(v));
                budgets.add(worst);
            }
        }
        long total = layers.stream().mapToLong(LayerSensitivity::parameters).sum();
        for (double budget : budgets) {
            Map<String, Double> choice = choose(budget);
            double pruned = 0;
            for (LayerSensitivity l : layers) {
                pruned += choice.get(l.layer()) * l.parameters();
            }
            if (total == 0 || pruned / total >= target - 1e-12) {
                return choice;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "target sparsity %.3f is above what the analysed sparsities reach; analyse higher sparsities", target));
    }

    private Map<String, Double> choose(double budget) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (LayerSensitivity l : layers) {
            double[] s = l.sparsities();
            double[] v = l.values();
            double best = 0;
            for (int i = 0; i < s.length && loss(v[i]) <= budget; i++) {
                best = s[i];
            }
            out.put(l.layer(), best);
        }
        return out;
    }

    /**
     * A text table: one row per layer, one column per sparsity.
     *
     * @return the table
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s, unpruned: %.4f%n", metric, baseline));
        if (layers.isEmpty()) {
            return sb.toString();
        }
        sb.append(String.format(Locale.ROOT, "%-20s %10s", "layer", "weights"));
        for (double s : layers.get(0).sparsities()) {
            sb.append(String.format(Locale.ROOT, " %7.2f", s));
        }
        sb.append('\n');
        for (LayerSensitivity l : layers) {
            sb.append(String.format(Locale.ROOT, "%-20s %10d", l.layer(), l.parameters()));
            for (double v : l.values()) {
                sb.append(String.format(Locale.ROOT, " %7.4f", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return new ArrayList<>(layers).toString();
    }
}
