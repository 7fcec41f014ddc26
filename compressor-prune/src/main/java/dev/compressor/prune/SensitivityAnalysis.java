package dev.compressor.prune;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-layer pruning sensitivity: for each layer, its weights alone are pruned by magnitude to each
 * of a list of sparsities and the network is measured; the rest of the network stays dense. The
 * {@link SensitivityReport} then suggests per-layer sparsities for an overall target. The input
 * network is not modified (a copy is measured). Immutable and thread-safe; {@link #run} is not
 * meant to be called concurrently on the same metric.
 */
public final class SensitivityAnalysis {

    private final SensitivityMetric metric;
    private final double[] sparsities;
    private final TensorSelector selector;

    private SensitivityAnalysis(SensitivityMetric metric, double[] sparsities, TensorSelector selector) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.sparsities = sparsities;
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    /**
     * An analysis of the weight tensors at sparsities 0.1, 0.2, ..., 0.9 and 0.95.
     *
     * @param metric what to measure
     * @return the analysis
     */
    public static SensitivityAnalysis of(SensitivityMetric metric) {
        return new SensitivityAnalysis(metric, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95},
                TensorSelector.weights());
    }

    /**
     * The same analysis at other sparsities.
     *
     * @param values sparsities in [0, 1), strictly ascending, at least one
     * @return the new analysis
     * @throws IllegalArgumentException if a value is outside [0, 1) or the list is not ascending
     */
    public SensitivityAnalysis sparsities(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("need at least one sparsity");
        }
        for (int i = 0; i < values.length; i++) {
            Checks.sparsity(values[i]);
            if (i > 0 && values[i] <= values[i - 1]) {
                throw new IllegalArgumentException("sparsities must be strictly ascending, got " + values[i - 1]
                        + " then " + values[i]);
            }
        }
        return new SensitivityAnalysis(metric, values.clone(), selector);
    }

    /**
     * The same analysis on other tensors (grouped by layer).
     *
     * @param tensors which tensors
     * @return the new analysis
     */
    public SensitivityAnalysis on(TensorSelector tensors) {
        return new SensitivityAnalysis(metric, sparsities, tensors);
    }

    /**
     * Runs the analysis: {@code layers x sparsities} evaluations of the metric.
     *
     * @param network an initialised network with FLOAT parameters; not modified
     * @return the report
     * @throws IllegalArgumentException if a selected tensor holds NaN
     */
    public SensitivityReport run(Model network) {
        CompressionState state = CompressionState.of(network, 0);
        Model copy = state.toNetwork();
        double baseline = metric.evaluate(copy);
        Map<String, List<TensorState>> byLayer = new LinkedHashMap<>();
        for (TensorState t : state.tensors()) {
            if (selector.test(t.info())) {
                byLayer.computeIfAbsent(t.info().layerName(), k -> new ArrayList<>()).add(t);
            }
        }
        List<LayerSensitivity> layers = new ArrayList<>();
        for (Map.Entry<String, List<TensorState>> e : byLayer.entrySet()) {
            double[] values = new double[sparsities.length];
            long params = 0;
            for (TensorState t : e.getValue()) {
                params += t.info().length();
            }
            for (int i = 0; i < sparsities.length; i++) {
                PruningMethod m = PruningMethod.magnitude(sparsities[i]);
                for (TensorState t : e.getValue()) {
                    float[] pruned = m.computeMask(t.values(), Mask.nonZero(t.values().data()))
                            .apply(t.values().data());
                    set(copy, t, pruned);
                }
                values[i] = metric.evaluate(copy);
            }
            for (TensorState t : e.getValue()) {
                set(copy, t, t.values().data());
            }
            layers.add(new LayerSensitivity(e.getKey(), params, sparsities, values));
        }
        return new SensitivityReport(metric.name(), metric.higherIsBetter(), baseline, layers);
    }

    private static void set(Model net, TensorState t, float[] values) {
        net.getParam(t.name()).assign(Nd4j.create(values, t.info().layout().shape(), t.info().layout().order()));
    }
}
