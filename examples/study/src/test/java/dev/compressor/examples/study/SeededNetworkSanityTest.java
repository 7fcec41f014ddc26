package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.artifact.RuntimeMode;
import dev.compressor.quant.Quantization;
import dev.compressor.quant.ResidentNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every study network, as {@link SweepNetwork#build} returns it, gives logits of unit-order spread on
 * real inputs it was not initialised on: per example (and time step), the standard deviation of the
 * logits across classes lies in [0.1, 10], and every logit is finite. And its int8 per-channel
 * artifact restored resident-quantized computes the logits of the same artifact dequantized at
 * load on real inputs, within {@link #RESIDENT_TOLERANCE} relative L2 (the resident runtime's fused
 * products and grouped convolutions sum in another order). Each network is built once and closed
 * afterwards (VGG-19 holds 575 MB of weights).
 */
class SeededNetworkSanityTest {

    private static final long SEED = 42;
    private static final int EXAMPLES = 8;
    /** Largest relative L2 difference of resident logits from dequantize-at-load logits. */
    static final double RESIDENT_TOLERANCE = 1e-4;

    @TestFactory
    List<DynamicTest> logitsHaveUnitOrderSpreadOnHeldOutImages() {
        List<DynamicTest> tests = new ArrayList<>();
        for (SweepNetwork n : SweepNetwork.study()) {
            tests.add(DynamicTest.dynamicTest(n.id(), () -> check(n)));
        }
        return tests;
    }

    private static void check(SweepNetwork network) throws Exception {
        long t0 = System.nanoTime();
        ComputationGraph net = network.build(SEED);
        long built = System.nanoTime();
        try {
            INDArray logits = Logits.of(net, network.heldOutInputs(SEED, 0, EXAMPLES));
            double[] spread = spreads(logits);
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double s : spread) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
            System.out.printf(Locale.ROOT, "%s: logit std across classes over %d positions: min %.4g, max %.4g"
                            + " (build %.1f s, forward %.1f s)%n", network.id(), spread.length, min, max,
                    (built - t0) / 1e9, (System.nanoTime() - built) / 1e9);
            for (int i = 0; i < spread.length; i++) {
                assertTrue(spread[i] >= 0.1 && spread[i] <= 10,
                        network.id() + " position " + i + ": logit std across classes " + spread[i]
                                + " is not of unit order (min " + min + ", max " + max + ")");
            }
            residentAgreesWithDequantizeAtLoad(network, net);
        } finally {
            net.close();
        }
    }

    private static void residentAgreesWithDequantizeAtLoad(SweepNetwork network, ComputationGraph net)
            throws Exception {
        CompressedModel artifact = Quantization.int8PerChannel().compress(net).artifact();
        INDArray[] images = network.heldOutInputs(SEED, EXAMPLES, 2);
        ComputationGraph atLoad = (ComputationGraph) artifact.restore(RuntimeMode.DEQUANTIZE_AT_LOAD);
        INDArray expected = Logits.of(atLoad, images);
        atLoad.close();
        ComputationGraph resident = (ComputationGraph) artifact.restore(RuntimeMode.RESIDENT_QUANTIZED);
        try {
            INDArray got = Logits.of(resident, images);
            double diff = got.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
            System.out.printf(Locale.ROOT, "%s: resident int8 logits vs dequantize-at-load: relative L2 %.2e, %s%n",
                    network.id(), diff, ResidentNetworks.memory(resident));
            assertTrue(diff <= RESIDENT_TOLERANCE, network.id() + ": resident logits differ by " + diff);
        } finally {
            resident.close();
        }
    }

    /**
     * The standard deviation across classes (axis 1) at every position of a {@code [batch, classes]}
     * or {@code [batch, classes, time]} array; NaN where any logit is not finite.
     */
    static double[] spreads(INDArray logits) {
        long[] shape = logits.shape();
        int batch = (int) shape[0];
        int classes = (int) shape[1];
        int time = shape.length == 3 ? (int) shape[2] : 1;
        float[] v = logits.dup('c').data().asFloat();
        double[] out = new double[batch * time];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                int base = b * classes * time + t;
                double sum = 0;
                double sum2 = 0;
                boolean finite = true;
                for (int c = 0; c < classes; c++) {
                    double x = v[base + c * time];
                    finite &= Double.isFinite(x);
                    sum += x;
                    sum2 += x * x;
                }
                double mean = sum / classes;
                out[b * time + t] = finite ? Math.sqrt(Math.max(0, sum2 / classes - mean * mean)) : Double.NaN;
            }
        }
        return out;
    }
}
