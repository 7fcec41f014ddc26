package com.example.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AppTest {

    @TempDir
    Path dir;

    @Test
    void compressedNetworkRestoresAndPredictsLikeTheOriginal() throws Exception {
        MultiLayerNetwork net = App.network();
        INDArray in = Nd4j.rand(4, 8);
        MultiLayerNetwork restored = App.roundTrip(net, dir.resolve("model.dlc"));
        assertArrayEquals(net.output(in).data().asFloat(), restored.output(in).data().asFloat(), 1e-2f);
    }
}
