package dev.compressor.examples.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initialises every image network and runs one forward pass of batch 1. Allocates up to 575 MB of
 * weights per network and takes minutes on two cores, so it runs only when asked:
 * {@code mvn -pl examples test -Dtest=AllNetworksForwardTest -Dstudy.networks.forwardAll=true}.
 */
@EnabledIfSystemProperty(named = "study.networks.forwardAll", matches = "true")
class AllNetworksForwardTest {

    @ParameterizedTest
    @EnumSource(value = StudyNetwork.class, names = "NMT", mode = EnumSource.Mode.EXCLUDE)
    void initialisedNetworkHasTheConfigCountAndOutputsThousandProbabilities(StudyNetwork net) {
        ComputationGraph graph = net.build(1L);
        try {
            assertEquals(net.parameterCount(), graph.numParams(), net.id());
            long[] shape = net.inputShape();
            INDArray out = graph.outputSingle(Nd4j.rand(DataType.FLOAT, 1, shape[0], shape[1], shape[2]));
            assertArrayEquals(new long[] {1, 1000}, out.shape(), net.id());
            assertEquals(1.0, out.sumNumber().doubleValue(), 1e-3, net.id());
            System.out.printf("%-28s initialised %,d parameters, output %s%n", net.displayName(),
                    graph.numParams(), java.util.Arrays.toString(out.shape()));
        } finally {
            graph.close();
        }
    }
}
