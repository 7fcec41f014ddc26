package dev.compressor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.advisor.Advisor;
import dev.compressor.api.advisor.Candidate;
import dev.compressor.api.profile.PairedProfiler;
import dev.compressor.api.profile.Profiler;
import dev.compressor.api.testdata.TestNetworks;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.function.Executable;

/**
 * A network built from its configuration but never {@code init()}-ed: every public entry point that
 * takes a network says so, naming {@code init()}, instead of failing inside ND4J.
 */
class UninitialisedNetworkTest {

    private static final MultiLayerNetwork MLN =
            new MultiLayerNetwork(TestNetworks.smallMln(1).getLayerWiseConfigurations());
    private static final ComputationGraph GRAPH =
            new ComputationGraph(TestNetworks.residualGraph(1).getConfiguration());
    private static final INDArray MLN_INPUT = TestNetworks.smallMlnInput(1, 1);

    private static void assertSaysInit(String what, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, what);
        assertTrue(e.getMessage().contains("init()") && e.getMessage().contains("not initialised"),
                what + ": " + e.getMessage());
    }

    @Test
    void compressingSaysToCallInit() {
        assertSaysInit("fp16 of a MultiLayerNetwork", () -> Compressors.fp16().compress(MLN));
        assertSaysInit("identity of a ComputationGraph", () -> Compressors.identity().compress(GRAPH));
        assertSaysInit("a pipeline", () -> Compressors.fp16().then(Compressors.bf16()).compress(MLN, 7));
        assertSaysInit("the state", () -> CompressionState.of(GRAPH, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compressors.fp16().compress(MLN));
        assertEquals("the MultiLayerNetwork is not initialised: call init() on it first (new MultiLayerNetwork(conf)"
                + " has no parameters until init())", e.getMessage());
    }

    @Test
    void profilingSaysToCallInit() {
        Profiler profiler = Profiler.builder().warmupIterations(0).measuredIterations(1).build();
        assertSaysInit("Profiler, MultiLayerNetwork", () -> profiler.profile(MLN, MLN_INPUT));
        assertSaysInit("Profiler, ComputationGraph", () -> profiler.profile(GRAPH, MLN_INPUT));
        assertSaysInit("PairedProfiler arm", () -> PairedProfiler.inference(MLN, MLN_INPUT));
    }

    @Test
    void advisingSaysToCallInit() {
        Advisor advisor = Advisor.builder().quality(network -> 1.0).inputs(MLN_INPUT)
                .profiler(Profiler.builder().warmupIterations(0).measuredIterations(1).build())
                .candidates(List.of(Candidate.of("fp16", Compressors.fp16(), 1))).build();
        assertSaysInit("Advisor", () -> advisor.advise(MLN));
    }

    @Test
    void anInitialisedNetworkStillPasses() {
        Model net = TestNetworks.smallMln(1);
        assertEquals(MLN.getLayerWiseConfigurations().toJson(),
                ((MultiLayerNetwork) Compressors.fp16().compress(net).network()).getLayerWiseConfigurations().toJson());
    }
}
