package dev.compressor.examples;

import dev.compressor.api.Compressors;
import dev.compressor.api.advisor.Advice;
import dev.compressor.api.advisor.Advisor;
import dev.compressor.api.advisor.Candidate;
import dev.compressor.api.advisor.Constraints;
import dev.compressor.api.advisor.Objective;
import dev.compressor.api.advisor.QualityMetric;
import dev.compressor.api.profile.Profiler;
import dev.compressor.prune.Pruning;
import dev.compressor.quant.Quantization;
import java.io.PrintStream;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Example: to compress, or not to compress? The {@link Advisor} compresses the network with each
 * candidate, measures quality, size, latency and energy on this machine (latency paired with fp32 in
 * interleaved rounds), and recommends the best candidate for an objective within constraints, or
 * answers "do not compress" and says why. Quality here is fidelity to the uncompressed network (the
 * share of images on which it picks the same class); with labelled data, use accuracy.
 *
 * <p>Run: {@code mvn -B -q -pl examples exec:java -Dexamples.main=dev.compressor.examples.ShouldICompress}
 */
public final class ShouldICompress {

    private ShouldICompress() {
    }

    /**
     * @param args none
     * @throws Exception if measuring fails
     */
    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /**
     * Runs the example.
     *
     * @param out where to print
     * @return the advice
     * @throws Exception if measuring fails
     */
    public static Advice run(PrintStream out) throws Exception {
        MultiLayerNetwork network = ExampleNetworks.smallCnn(42);
        INDArray images = ExampleNetworks.images(64, 7);
        INDArray reference = network.output(images);
        QualityMetric agreement = candidate ->                     // higher is better
                ExampleNetworks.top1Agreement(reference, ((MultiLayerNetwork) candidate).output(images));

        Advice advice = Advisor.builder()
                .quality(agreement)
                .inputs(ExampleNetworks.images(1, 8))              // batch 1, for latency and energy
                .profiler(Profiler.builder().warmupIterations(5).measuredIterations(20).build())
                .objective(Objective.size())
                .constraints(Constraints.none().withMaxQualityDrop(0.05))
                .candidates(List.of(Candidate.of("fp16", Compressors.fp16(), 1),
                        Candidate.of("int8", Quantization.int8PerChannel(), 2),
                        Candidate.of("int4", Quantization.linear(4).build(), 3),
                        Candidate.of("prune90", Pruning.magnitude(0.9), 4)))
                .build()
                .advise(network);
        out.print(advice.toTable());           // every measurement, the Pareto front, the choice and why
        return advice;
    }
}
