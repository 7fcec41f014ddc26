package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Small VGG-style networks for 28x28x1 images: plain stacks of 3x3 convolutions with ReLU, a 2x2
 * max pool after each of three stages (12, 32, 64 channels at 28, 14 and 7 pixels), then two fully
 * connected layers (128 with dropout 0.5, and the softmax). Two depths, like VGG-16 and VGG-19
 * differing in convolutions per stage. The convolutions have a bias and no batch normalisation, as
 * in VGG, or batch normalisation after each, as in the batch-norm variants of VGG (torchvision's
 * {@code vgg19_bn}): the deeper {@code vgg10} uses it because without it, it did not reach 0.87 in
 * the 3 epochs that fit in 15 minutes here (0.8611). Stateless and thread-safe.
 */
final class SmallVgg {

    private SmallVgg() {
    }

    static ComputationGraphConfiguration configuration(long seed, double lr, int[] convsPerStage, boolean batchNorm) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = SmallGraph.INPUT;
        int[] widths = {12, 32, 64};
        for (int s = 0; s < convsPerStage.length; s++) {
            for (int c = 0; c < convsPerStage[s]; c++) {
                String name = "conv" + (s + 1) + "_" + (c + 1);
                x = batchNorm ? g.convBnRelu(name, x, widths[s], 3, 3, 1) : g.convRelu(name, x, widths[s], 3, 3, 1);
            }
            x = g.maxPool("pool" + (s + 1), x, 2, 2);
        }
        x = g.denseRelu("fc1", x, 128, 0.5);
        g.classifier(x, 10);
        return g.builder().build();
    }
}
