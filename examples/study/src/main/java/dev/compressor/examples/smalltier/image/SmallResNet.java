package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Small bottleneck residual networks for 28x28x1 images: a 3x3 stem and max pool to 14x14, then three
 * stages of bottleneck blocks (1x1 reduce, 3x3, 1x1 expand by 4, batch norm after each, identity
 * shortcut or a strided 1x1 projection, addition then ReLU) at 14x14, 7x7 and 4x4 with
 * 8/16/32 bottleneck widths, global average pooling and a softmax. The depth counts the weighted
 * layers: {@code 3 * blocks + 2}. Stateless and thread-safe.
 */
final class SmallResNet {

    private SmallResNet() {
    }

    static ComputationGraphConfiguration configuration(long seed, double lr, int[] blocksPerStage) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = g.convBnRelu("conv1", SmallGraph.INPUT, 16, 3, 3, 1);
        x = g.maxPool("pool1", x, 3, 2);
        int in = 16;
        int[] mids = {8, 16, 32};
        for (int s = 0; s < blocksPerStage.length; s++) {
            for (int b = 0; b < blocksPerStage[s]; b++) {
                int stride = (s > 0 && b == 0) ? 2 : 1;
                x = bottleneck(g, "res" + (s + 2) + (char) ('a' + b), x, in, mids[s], stride);
                in = mids[s] * 4;
            }
        }
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
    }

    private static String bottleneck(SmallGraph g, String n, String in, int inChannels, int mid, int stride) {
        int out = mid * 4;
        String y = g.convBnRelu(n + "_branch2a", in, mid, 1, 1, 1);
        y = g.convBnRelu(n + "_branch2b", y, mid, 3, 3, stride);
        y = g.convBn(n + "_branch2c", y, out, 1, 1, 1);
        String shortcut = (inChannels != out || stride != 1) ? g.convBn(n + "_branch1", in, out, 1, 1, stride) : in;
        return g.addRelu(n, y, shortcut);
    }
}
