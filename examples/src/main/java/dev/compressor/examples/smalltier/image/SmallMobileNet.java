package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * A small MobileNet-v1 for 28x28x1 images: a strided 3x3 convolution (28→14, as MobileNet's first
 * layer strides), then depthwise-separable blocks (3x3 depthwise, batch norm, ReLU, 1x1 pointwise,
 * batch norm, ReLU) widening 16→32→64→64→128→128→256 with stride 2 at 14→7→4, global average
 * pooling over the last 4x4 grid and a softmax. The strided stem is also what makes it trainable here: DL4J's CPU depthwise
 * convolution took 88 % of a training step at full resolution (2.4 s per batch of 64).
 * Stateless and thread-safe.
 */
final class SmallMobileNet {

    private SmallMobileNet() {
    }

    static ComputationGraphConfiguration configuration(long seed, double lr) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = g.convBnRelu("conv1", SmallGraph.INPUT, 16, 3, 3, 2);
        int[][] blocks = {{32, 1}, {64, 2}, {64, 1}, {128, 2}, {128, 1}, {256, 1}};
        for (int i = 0; i < blocks.length; i++) {
            String n = "conv_dw_" + (i + 1);
            x = g.depthwiseBnRelu(n, x, blocks[i][1]);
            x = g.convBnRelu("conv_pw_" + (i + 1), x, blocks[i][0], 1, 1, 1);
        }
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
    }
}
