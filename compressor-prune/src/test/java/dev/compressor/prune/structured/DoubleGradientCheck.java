package dev.compressor.prune.structured;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DL4J's numerical gradient check on a double-precision network, with ND4J's default data types restored after. */
final class DoubleGradientCheck {

    private DoubleGradientCheck() {
    }

    /** Whether every analytic gradient of the network matches the numerical one (relative error 1e-3). */
    static boolean passes(MultiLayerNetwork net, INDArray x, INDArray y) {
        DataType previous = Nd4j.dataType();
        DataType previousFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil insists
        try {
            return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                    .labels(y).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloat);
        }
    }
}
