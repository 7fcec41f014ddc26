package dev.compressor.examples.advise;

import dev.compressor.api.advisor.QualityMetric;
import dev.compressor.examples.smalltier.data.EvaluationData;
import dev.compressor.examples.fidelity.Fidelity;
import dev.compressor.prune.SensitivityMetric;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Quality on unlabelled examples: fidelity to the uncompressed (fp32) network. The fp32 logits on the
 * examples are computed once; {@link #evaluate} runs another network on the same examples and returns
 * its top-1 agreement, the share of examples whose arg-max class is the fp32 network's, in [0, 1].
 * Each evaluation's full {@link Fidelity} (also top-5 agreement and the KL divergence of the softmax
 * from the fp32 softmax, in nats) is kept under the name given by {@link #startCandidate}, for the
 * report. Serves as the advisor's {@link QualityMetric} and as the {@link SensitivityMetric} of
 * per-layer sensitivity analysis.
 *
 * <p>Not thread-safe: evaluate from one thread.
 */
public final class FidelityToFp32 implements QualityMetric, SensitivityMetric {

    private final EvaluationData data;
    private final NetworkInput layout;
    private final float[] reference;
    private final Map<String, Fidelity> byCandidate = new LinkedHashMap<>();
    private String current = "fp32";

    private FidelityToFp32(EvaluationData data, NetworkInput layout, float[] reference) {
        this.data = data;
        this.layout = layout;
        this.reference = reference;
    }

    /**
     * Computes the fp32 network's logits on the examples (labels, if any, are not used).
     *
     * @param fp32 the uncompressed network (unchanged)
     * @param data the examples
     * @return the metric
     * @throws IllegalArgumentException if the network takes the examples in no layout (naming both
     *     shapes) or its output is not {@code [n, classes]}
     */
    public static FidelityToFp32 of(Model fp32, EvaluationData data) {
        Objects.requireNonNull(data, "data");
        NetworkInput layout = NetworkInput.fit(fp32, data);
        return new FidelityToFp32(data, layout, logits(fp32, data, layout));
    }

    private static float[] logits(Model network, EvaluationData data, NetworkInput layout) {
        float[] all = new float[data.size() * layout.classes()];
        for (int from = 0; from < data.size(); from += Top1Accuracy.BATCH) {
            int n = Math.min(Top1Accuracy.BATCH, data.size() - from);
            float[] part = OutputLogits.of(network, layout.batch(data, from, n)).castTo(DataType.FLOAT).dup('c')
                    .data().asFloat();
            System.arraycopy(part, 0, all, from * layout.classes(), part.length);
        }
        return all;
    }

    /**
     * Names the candidate the next evaluations belong to (the report lists the last evaluation of each).
     *
     * @param name the candidate's name
     */
    public void startCandidate(String name) {
        current = Objects.requireNonNull(name, "name");
    }

    /**
     * The last fidelity measured for each candidate named by {@link #startCandidate}, in first-measured order.
     *
     * @return an unmodifiable view
     */
    public Map<String, Fidelity> byCandidate() {
        return Collections.unmodifiableMap(byCandidate);
    }

    /**
     * Compares a network's logits with the fp32 logits on every example.
     *
     * @param network the network (unchanged)
     * @return the fidelity
     */
    public Fidelity fidelity(Model network) {
        return Fidelity.compare(reference, logits(network, data, layout), new long[] {data.size(), layout.classes()});
    }

    /**
     * Whether inputs are flattened to {@code [n, length]}.
     *
     * @return true for flattened inputs
     */
    public boolean flatInputs() {
        return layout.flat();
    }

    /**
     * The input layout, e.g. {@code [n, 3, 224, 224]}.
     *
     * @return the shape in words
     */
    public String inputShape() {
        return layout.describe();
    }

    /**
     * The first {@code n} examples in the network's input layout (e.g. for profiling).
     *
     * @param n examples, in [1, size]
     * @return a new float32 array
     */
    public INDArray input(int n) {
        return layout.batch(data, 0, n);
    }

    @Override
    public String name() {
        return "top-1 agreement with fp32";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double evaluate(Model network) {
        Fidelity f = fidelity(network);
        byCandidate.put(current, f);
        return f.top1Agreement();
    }
}
