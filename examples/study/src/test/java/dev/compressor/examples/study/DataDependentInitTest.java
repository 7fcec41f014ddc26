package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.compressor.examples.networks.AttentionNmt;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class DataDependentInitTest {

    @Test
    void everyWeightLayerOfAPlainNetworkGetsUnitOutputVariance() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.FLOAT).activation(Activation.IDENTITY).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.feedForward(6))
                .addLayer("d1", new DenseLayer.Builder().nOut(20).activation(Activation.IDENTITY).build(), "in")
                .addLayer("d2", new DenseLayer.Builder().nOut(12).activation(Activation.IDENTITY).build(), "d1")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(5)
                        .activation(Activation.SOFTMAX).build(), "d2")
                .setOutputs("out")
                .build());
        g.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 6).muli(7);
        assertEquals(new DataDependentInit.Summary(0, 3), DataDependentInit.apply(g, new INDArray[] {x}));
        Map<String, INDArray> acts = g.feedForward(x, false);
        assertEquals(1.0, DataDependentInit.variance(acts.get("d1")), 1e-4);
        assertEquals(1.0, DataDependentInit.variance(acts.get("d2")), 1e-4);
        assertEquals(1.0, DataDependentInit.variance(Logits.of(g, new INDArray[] {x})), 1e-4);
    }

    @Test
    void batchNormGetsTheStatisticsOfItsInputAndTheLayerItNormalisesKeepsItsWeights() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.FLOAT).activation(Activation.IDENTITY).graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(12, 12, 3))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.RELU).build(),
                        "bn1")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv2")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build());
        g.init();
        INDArray conv1 = g.getLayer("conv1").getParam("W").dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 12, 12).muli(50).addi(10);
        assertEquals(new DataDependentInit.Summary(1, 2), DataDependentInit.apply(g, new INDArray[] {x}));
        assertEquals(conv1, g.getLayer("conv1").getParam("W"), "conv1 feeds batch norm only: not scaled");
        // inference mode on the initialisation batch: zero mean and unit variance per channel
        float[] bn = g.feedForward(x, false).get("bn1").dup('c').data().asFloat();
        int plane = 10 * 10;
        for (int c = 0; c < 4; c++) {
            double sum = 0;
            double sum2 = 0;
            for (int n = 0; n < 8; n++) {
                for (int p = 0; p < plane; p++) {
                    double v = bn[(n * 4 + c) * plane + p];
                    sum += v;
                    sum2 += v * v;
                }
            }
            double mean = sum / (8 * plane);
            assertEquals(0.0, mean, 1e-4, "channel " + c);
            assertEquals(1.0, sum2 / (8 * plane) - mean * mean, 1e-3, "channel " + c);
        }
        assertEquals(1.0, DataDependentInit.variance(Logits.of(g, new INDArray[] {x})), 1e-4);
    }

    @Test
    void recurrentLayersKeepTheirSeededWeights() {
        ComputationGraph raw = new ComputationGraph(AttentionNmt.configuration(64, 64, 16, 9));
        raw.init();
        ComputationGraph built = SweepNetwork.byId("tiny_nmt").build(9);
        for (String lstm : new String[] {"enc_lstm1", "enc_lstm2", "dec_lstm1", "dec_lstm2"}) {
            assertEquals(raw.getLayer(lstm).params(), built.getLayer(lstm).params(), lstm);
        }
        assertFalse(raw.getLayer("output").params().equals(built.getLayer("output").params()), "output layer scaled");
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        for (String id : new String[] {"tiny_cnn", "tiny_nmt", "mobilenet_v1", "inception_v1"}) {
            SweepNetwork n = SweepNetwork.byId(id);
            ComputationGraph a = n.build(42);
            float[] first = a.params().data().asFloat();
            a.close();
            ComputationGraph b = n.build(42);
            float[] second = b.params().data().asFloat();
            b.close();
            assertArrayEquals(first, second, id);
            if (id.equals("tiny_cnn")) {
                assertFalse(Arrays.equals(first, n.build(43).params().data().asFloat()), "another seed, other weights");
            }
        }
    }

    @Test
    void rejectsTheWrongNumberOfInputs() {
        ComputationGraph g = SweepNetwork.byId("tiny_cnn").build(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataDependentInit.apply(g, new INDArray[0]));
        assertEquals("the network has 1 inputs, got 0", e.getMessage());
    }
}
