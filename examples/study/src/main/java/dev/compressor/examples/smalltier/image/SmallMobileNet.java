package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * A small MobileNet-v1 for 28x28x1 images: a 3x3 convolution, then depthwise-separable blocks (3x3
 * depthwise, batch norm, ReLU, 1x1 pointwise, batch norm, ReLU) widening 16→32→64→64→128→128→256
 * with stride 2 in the first, second and fourth depthwise layers (28→14→7→4), global average
 * pooling over the last 4x4 grid and a softmax. MobileNet's first layer strides; here the first
 * depthwise layer does, so the stem sees the full 28x28 image (with the stride in the stem, 3
 * epochs reached only 0.8461) while no depthwise layer runs at full resolution: DL4J's CPU depthwise
 * convolution took 88 % of a training step there (2.4 s per batch of 64). Stateless and thread-safe.
 */
final class SmallMobileNet {

    private SmallMobileNet() {
    }

    static ComputationGraphConfiguration configuration(long seed, double lr) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = g.convBnRelu("conv1", SmallGraph.INPUT, 16, 3, 3, 1);
        int[][] blocks = {{32, 2}, {64, 2}, {64, 1}, {128, 2}, {128, 1}, {256, 1}};
        for (int i = 0; i < blocks.length; i++) {
            String n = "conv_dw_" + (i + 1);
            x = g.depthwiseBnRelu(n, x, blocks[i][1]);
            x = g.convBnRelu("conv_pw_" + (i + 1), x, blocks[i][0], 1, 1, 1);
        }
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
    }
}
