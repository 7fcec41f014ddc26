package dev.compressor.examples.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Networks really initialised (weights allocated and seeded) and run forward on the CPU backend. */
class InitialisedNetworkTest {

    @Test
    void mobileNetRunsBatchOneToThousandProbabilitiesWithTheConfigComputedParameterCount() {
        ComputationGraph net = StudyNetwork.MOBILENET_V1.build(42L);
        assertEquals(StudyNetwork.MOBILENET_V1.parameterCount(), net.numParams());

        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224);
        INDArray out = net.outputSingle(image);

        assertArrayEquals(new long[] {1, 1000}, out.shape());
        assertEquals(1.0, out.sumNumber().doubleValue(), 1e-3, "softmax rows sum to 1");
        assertTrue(out.minNumber().doubleValue() >= 0.0);
    }

    @Test
    void theSeedDeterminesTheWeights() {
        INDArray a = MobileNetV1.network(7L).params();
        INDArray b = MobileNetV1.network(7L).params();
        INDArray c = MobileNetV1.network(8L).params();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void nmtMapsSourceAndTargetIdsToTargetVocabularyDistributions() {
        ComputationGraph net = StudyNetwork.NMT.build(3L);
        assertEquals(StudyNetwork.NMT.parameterCount(), net.numParams());

        int batch = 2;
        int sourceLength = 7;
        int targetLength = 5;
        INDArray source = tokenIds(batch, sourceLength, AttentionNmt.SOURCE_VOCAB, 11);
        INDArray target = tokenIds(batch, targetLength, AttentionNmt.TARGET_VOCAB, 13);
        INDArray out = net.output(source, target)[0];

        assertArrayEquals(new long[] {batch, AttentionNmt.TARGET_VOCAB, targetLength}, out.shape());
        INDArray perPosition = out.sum(1);
        assertTrue(perPosition.sub(1.0).amaxNumber().doubleValue() < 1e-3, "softmax over the vocabulary");
    }

    @Test
    void nmtOutputDependsOnTheSourceThroughAttentionAndContext() {
        ComputationGraph net = AttentionNmt.network(3L);
        INDArray target = tokenIds(1, 4, AttentionNmt.TARGET_VOCAB, 5);
        INDArray outA = net.output(tokenIds(1, 6, AttentionNmt.SOURCE_VOCAB, 1), target)[0];
        INDArray outB = net.output(tokenIds(1, 6, AttentionNmt.SOURCE_VOCAB, 2), target)[0];
        assertTrue(outA.sub(outB).amaxNumber().doubleValue() > 0, "a different source changes the output");
    }

    private static INDArray tokenIds(int batch, int length, int vocab, int salt) {
        float[] ids = new float[batch * length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 7919L + salt * 104729L) % vocab;
        }
        return Nd4j.create(ids, new long[] {batch, 1, length}, 'c');
    }
}
