package dev.compressor.examples.advise;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.advisor.Candidate;
import dev.compressor.prune.Pruning;
import dev.compressor.prune.SensitivityAnalysis;
import dev.compressor.prune.SensitivityMetric;
import dev.compressor.prune.SensitivityReport;
import dev.compressor.quant.LinearQuantizer;
import dev.compressor.quant.Quantization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.deeplearning4j.nn.api.Model;

/**
 * Generates per-layer mixes for the advisor from sensitivity measured on the evaluation data:
 * layers whose quality suffers get a gentler setting (more bits, less sparsity), robust layers a
 * harsher one.
 *
 * <ul>
 *   <li>Quantization: each weight-bearing layer alone is quantized (per-channel symmetric) to each
 *       harsh width (default 4, 3, 2 bits) and the quality measured ({@link QuantSensitivity}); then
 *       for loss budgets of 0.5, 1 and 2 times the allowed quality drop, {@link BitAllocation}
 *       narrows the layers that save the most bits per unit of loss, the others stay at 8 bits.</li>
 *   <li>Pruning: {@link SensitivityAnalysis} (each layer alone pruned by magnitude) and
 *       {@link SensitivityReport#suggest} give per-layer sparsities reaching the same overall
 *       sparsity as the grid's uniform settings (default 50 % and 75 %) with the smallest worst
 *       per-layer loss.</li>
 * </ul>
 *
 * <p>Mixes that come out uniform (every layer the same) are dropped: the grid has them. Cost:
 * {@code layers x widths} evaluations for quantization, {@code layers x 4} for pruning. Immutable;
 * not for concurrent use of one metric.
 */
public final class LayerMixes {

    private final SensitivityMetric metric;
    private final double maxLoss;
    private final int gentleBits;
    private final int[] harshBits;
    private final double[] sparsityTargets;
    private final Consumer<String> progress;

    private LayerMixes(SensitivityMetric metric, double maxLoss, int gentleBits, int[] harshBits,
            double[] sparsityTargets, Consumer<String> progress) {
        this.metric = metric;
        this.maxLoss = maxLoss;
        this.gentleBits = gentleBits;
        this.harshBits = harshBits;
        this.sparsityTargets = sparsityTargets;
        this.progress = progress;
    }

    /**
     * A generator with defaults: 8 bits gentle, 4/3/2 bits harsh, sparsity targets 50 % and 75 %.
     *
     * @param metric the quality measure, higher is better (e.g. {@link Top1Accuracy})
     * @param maxLoss the quality drop the advisor allows, in metric units (e.g. 0.005), &gt; 0
     * @return the generator
     */
    public static LayerMixes of(SensitivityMetric metric, double maxLoss) {
        Objects.requireNonNull(metric, "metric");
        if (!metric.higherIsBetter()) {
            throw new IllegalArgumentException("metric '" + metric.name() + "' must be higher-is-better");
        }
        if (!(maxLoss > 0) || Double.isInfinite(maxLoss)) {
            throw new IllegalArgumentException("maxLoss must be finite and > 0, got " + maxLoss);
        }
        return new LayerMixes(metric, maxLoss, 8, new int[] {4, 3, 2}, new double[] {0.5, 0.75}, s -> { });
    }

    /**
     * With other bit widths.
     *
     * @param gentle the width sensitive layers keep, 3..16
     * @param harsher narrower widths to try, strictly descending, each 2..15 and below {@code gentle}
     * @return the new generator
     */
    public LayerMixes bits(int gentle, int... harsher) {
        Quantization.linear(gentle);
        if (harsher.length == 0) {
            throw new IllegalArgumentException("need at least one harsher width");
        }
        int prev = gentle;
        for (int b : harsher) {
            Quantization.linear(b);
            if (b >= prev) {
                throw new IllegalArgumentException("widths must descend from " + gentle + ", got " + b
                        + " after " + prev);
            }
            prev = b;
        }
        return new LayerMixes(metric, maxLoss, gentle, harsher.clone(), sparsityTargets, progress);
    }

    /**
     * With other overall sparsities for the pruning mixes.
     *
     * @param targets fractions in (0, 1)
     * @return the new generator
     */
    public LayerMixes sparsityTargets(double... targets) {
        for (double t : targets) {
            if (!(t > 0 && t < 1)) {
                throw new IllegalArgumentException("sparsity target must be in (0, 1), got " + t);
            }
        }
        return new LayerMixes(metric, maxLoss, gentleBits, harshBits, targets.clone(), progress);
    }

    /**
     * With a progress sink (one line per layer measured).
     *
     * @param sink where lines go
     * @return the new generator
     */
    public LayerMixes progress(Consumer<String> sink) {
        return new LayerMixes(metric, maxLoss, gentleBits, harshBits, sparsityTargets,
                Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Measures per-layer quantization sensitivity.
     *
     * @param network an initialised FLOAT network; not modified
     * @return the sensitivity
     */
    public QuantSensitivity quantSensitivity(Model network) {
        CompressionState state = CompressionState.of(network, 0);
        double baseline = metric.evaluate(state.toNetwork());
        Map<String, Long> layers = new LinkedHashMap<>();
        for (TensorState t : state.tensors()) {
            if (TensorSelector.weights().test(t.info())) {
                layers.merge(t.info().layerName(), (long) t.info().length(), Long::sum);
            }
        }
        List<String> names = new ArrayList<>(layers.keySet());
        long[] params = new long[names.size()];
        double[][] quality = new double[names.size()][harshBits.length];
        for (int l = 0; l < names.size(); l++) {
            String layer = names.get(l);
            params[l] = layers.get(layer);
            for (int i = 0; i < harshBits.length; i++) {
                LinearQuantizer q = Quantization.linear(harshBits[i]).perChannel().symmetric()
                        .tensors(TensorSelector.weights().and(TensorSelector.layers(layer)), "weights of " + layer)
                        .build();
                quality[l][i] = metric.evaluate(q.apply(state).toNetwork());
            }
            progress.accept(String.format(Locale.ROOT, "  sensitivity %s (%d weights): %s", layer, params[l],
                    java.util.Arrays.toString(quality[l])));
        }
        return new QuantSensitivity(metric.name(), baseline, names, params, harshBits, quality);
    }

    /**
     * Quantization mixes from a measured sensitivity (no further measurement).
     *
     * @param s the sensitivity, measured with this generator's widths
     * @return the distinct non-uniform mixes, gentlest first
     */
    public List<LayerMix> quantizationMixes(QuantSensitivity s) {
        if (!java.util.Arrays.equals(s.bits(), harshBits)) {
            throw new IllegalArgumentException("sensitivity measured at " + java.util.Arrays.toString(s.bits())
                    + " bits, this generator uses " + java.util.Arrays.toString(harshBits));
        }
        List<LayerMix> out = new ArrayList<>();
        List<Map<String, Integer>> seen = new ArrayList<>();
        for (double f : new double[] {0.5, 1, 2}) {
            double budget = f * maxLoss;
            Map<String, Integer> bits = BitAllocation.allocate(s, gentleBits, budget);
            if (seen.contains(bits) || bits.values().stream().distinct().count() < 2) {
                continue;
            }
            seen.add(bits);
            LinearQuantizer.Builder b = Quantization.linear(gentleBits).perChannel().symmetric();
            Map<String, String> desc = new LinkedHashMap<>();
            bits.forEach((layer, n) -> {
                if (n != gentleBits) {
                    b.layerBits(layer, n);
                }
                desc.put(layer, n + " bits");
            });
            String name = String.format(Locale.ROOT, "qmix-%.2fpt", 100 * budget);
            out.add(new LayerMix(new Candidate(name, b.build(), dev.compressor.api.artifact.RuntimeMode.DEQUANTIZE_AT_LOAD,
                    2.5), desc, String.format(Locale.ROOT, "summed per-layer %s loss <= %.2f pts", s.metric(),
                    100 * budget)));
        }
        return out;
    }

    /**
     * Measures quantization sensitivity and returns the mixes.
     *
     * @param network the network; not modified
     * @return the mixes
     */
    public List<LayerMix> quantizationMixes(Model network) {
        return quantizationMixes(quantSensitivity(network));
    }

    /**
     * Pruning mixes: per-layer sparsities from a pruning sensitivity analysis, one per sparsity target.
     *
     * @param network the network; not modified
     * @return the distinct non-uniform mixes, lowest target first
     */
    public List<LayerMix> pruningMixes(Model network) {
        SensitivityReport r = SensitivityAnalysis.of(metric).sparsities(0.25, 0.5, 0.75, 0.9).run(network);
        progress.accept(r.toTable().stripTrailing());
        List<LayerMix> out = new ArrayList<>();
        for (double t : sparsityTargets) {
            Map<String, Double> sp;
            try {
                sp = r.suggest(t);
            } catch (IllegalArgumentException e) {
                progress.accept("  no pruning mix at " + t + ": " + e.getMessage());
                continue;
            }
            if (sp.values().stream().distinct().count() < 2) {
                continue;
            }
            Map<String, String> desc = new LinkedHashMap<>();
            sp.forEach((layer, v) -> desc.put(layer, String.format(Locale.ROOT, "%.0f %%", 100 * v)));
            String name = String.format(Locale.ROOT, "pmix-%.0f", 100 * t);
            out.add(new LayerMix(Candidate.of(name, Pruning.perLayer(sp), 3.5), desc, String.format(Locale.ROOT,
                    ">= %.0f %% of the weights pruned overall, smallest worst per-layer loss", 100 * t)));
        }
        return out;
    }
}
