package dev.compressor.examples.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

/** Counting from a configuration agrees with an initialised network and separates BN statistics. */
class ParameterCountsTest {

    @Test
    void totalMatchesInitialisedNetworkAndLearnableDropsBatchNormStatistics() {
        for (boolean lock : new boolean[] {false, true}) {
            ComputationGraphConfiguration conf = GraphBlocks.baseGraph(1L)
                    .addInputs("in")
                    .setInputTypes(InputType.convolutional(8, 8, 3))
                    .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                    .addLayer("bn", new BatchNormalization.Builder().lockGammaBeta(lock).build(), "conv")
                    .addLayer("gap", new GlobalPoolingLayer.Builder().build(), "bn")
                    .addLayer("out", new OutputLayer.Builder().nOut(2).build(), "gap")
                    .setOutputs("out")
                    .build();
            long conv = 3 * 3 * 3 * 4 + 4;
            long bn = lock ? 2 * 4 : 4 * 4;
            long out = 4 * 2 + 2;
            ComputationGraph net = GraphBlocks.initialise(conf);
            assertEquals(conv + bn + out, ParameterCounts.total(conf));
            assertEquals(net.numParams(), ParameterCounts.total(conf));
            assertEquals(conv + bn - 2 * 4 + out, ParameterCounts.learnable(conf), "lockGammaBeta=" + lock);
        }
    }
}
