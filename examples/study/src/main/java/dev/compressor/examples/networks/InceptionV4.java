package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Inception-v4 (Szegedy et al. 2016, "Inception-v4, Inception-ResNet and the Impact of Residual
 * Connections"), the pure-inception network: the stem (Mixed_3a, 4a, 5a), 4 Inception-A modules,
 * Reduction-A (k=192, l=224, m=256, n=384), 7 Inception-B modules, Reduction-B, 3 Inception-C
 * modules, global average pooling, dropout 0.2 and a 1000-way softmax. Every convolution has no bias
 * and is followed by batch normalisation and ReLU. Input 299x299x3 (NCHW).
 *
 * <p>Layer names follow TF-slim with '/' replaced by '_': {@code Conv2d_1a_3x3}, {@code Conv2d_2a_3x3},
 * {@code Conv2d_2b_3x3}, {@code Mixed_3a_Branch_1_Conv2d_0a_3x3}, ...,
 * {@code Mixed_5b_Branch_2_Conv2d_0c_3x3}, ..., module outputs {@code Mixed_3a} ... {@code Mixed_7d};
 * each convolution {@code c} is followed by {@code c_bn} and {@code c_relu}; classifier
 * {@code predictions}.
 *
 * <p>Stateless and thread-safe.
 */
public final class InceptionV4 {

    /** Input height and width, in pixels. */
    public static final int IMAGE_SIZE = 299;

    private static final ConvolutionMode SAME = ConvolutionMode.Same;
    private static final ConvolutionMode VALID = ConvolutionMode.Truncate;

    private InceptionV4() {
    }

    /**
     * Returns the configuration without allocating weights.
     *
     * @param seed seed of the weight initialisation
     * @return the built configuration
     */
    public static ComputationGraphConfiguration configuration(long seed) {
        GraphBuilder g = GraphBlocks.baseGraph(seed)
                .addInputs("input")
                .setInputTypes(InputType.convolutional(IMAGE_SIZE, IMAGE_SIZE, 3));
        GraphBlocks b = new GraphBlocks(g);
        String x = b.convBnRelu("Conv2d_1a_3x3", "input", 32, 3, 3, 2, VALID);
        x = b.convBnRelu("Conv2d_2a_3x3", x, 32, 3, 3, 1, VALID);
        x = b.convBnRelu("Conv2d_2b_3x3", x, 64, 3, 3, 1, SAME);
        x = b.concat("Mixed_3a", b.maxPool("Mixed_3a_Branch_0_MaxPool_0a_3x3", x, 3, 2, VALID),
                b.convBnRelu("Mixed_3a_Branch_1_Conv2d_0a_3x3", x, 96, 3, 3, 2, VALID));
        x = mixed4a(b, x);
        x = b.concat("Mixed_5a", b.convBnRelu("Mixed_5a_Branch_0_Conv2d_1a_3x3", x, 192, 3, 3, 2, VALID),
                b.maxPool("Mixed_5a_Branch_1_MaxPool_1a_3x3", x, 3, 2, VALID));
        for (char c = 'b'; c <= 'e'; c++) {
            x = inceptionA(b, "Mixed_5" + c, x);
        }
        x = reductionA(b, "Mixed_6a", x);
        for (char c = 'b'; c <= 'h'; c++) {
            x = inceptionB(b, "Mixed_6" + c, x);
        }
        x = reductionB(b, "Mixed_7a", x);
        for (char c = 'b'; c <= 'd'; c++) {
            x = inceptionC(b, "Mixed_7" + c, x);
        }
        b.globalAvgPool("AvgPool_1a", x);
        b.classifier("predictions", "AvgPool_1a", 1000, 0.2);
        return g.build();
    }

    /**
     * Builds the network with seeded weights.
     *
     * @param seed seed of the weight initialisation
     * @return the initialised network
     */
    public static ComputationGraph network(long seed) {
        return GraphBlocks.initialise(configuration(seed));
    }

    private static String mixed4a(GraphBlocks b, String in) {
        String m = "Mixed_4a";
        String b0 = b.convBnRelu(m + "_Branch_0_Conv2d_0a_1x1", in, 64, 1, 1, 1, SAME);
        b0 = b.convBnRelu(m + "_Branch_0_Conv2d_1a_3x3", b0, 96, 3, 3, 1, VALID);
        String b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0a_1x1", in, 64, 1, 1, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0b_1x7", b1, 64, 1, 7, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0c_7x1", b1, 64, 7, 1, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_1a_3x3", b1, 96, 3, 3, 1, VALID);
        return b.concat(m, b0, b1);
    }

    private static String inceptionA(GraphBlocks b, String m, String in) {
        String b0 = b.convBnRelu(m + "_Branch_0_Conv2d_0a_1x1", in, 96, 1, 1, 1, SAME);
        String b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0a_1x1", in, 64, 1, 1, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0b_3x3", b1, 96, 3, 3, 1, SAME);
        String b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0a_1x1", in, 64, 1, 1, 1, SAME);
        b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0b_3x3", b2, 96, 3, 3, 1, SAME);
        b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0c_3x3", b2, 96, 3, 3, 1, SAME);
        String b3 = b.avgPool(m + "_Branch_3_AvgPool_0a_3x3", in, 3, 1, SAME);
        b3 = b.convBnRelu(m + "_Branch_3_Conv2d_0b_1x1", b3, 96, 1, 1, 1, SAME);
        return b.concat(m, b0, b1, b2, b3);
    }

    private static String reductionA(GraphBlocks b, String m, String in) {
        String b0 = b.convBnRelu(m + "_Branch_0_Conv2d_1a_3x3", in, 384, 3, 3, 2, VALID);
        String b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0a_1x1", in, 192, 1, 1, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0b_3x3", b1, 224, 3, 3, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_1a_3x3", b1, 256, 3, 3, 2, VALID);
        String b2 = b.maxPool(m + "_Branch_2_MaxPool_1a_3x3", in, 3, 2, VALID);
        return b.concat(m, b0, b1, b2);
    }

    private static String inceptionB(GraphBlocks b, String m, String in) {
        String b0 = b.convBnRelu(m + "_Branch_0_Conv2d_0a_1x1", in, 384, 1, 1, 1, SAME);
        String b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0a_1x1", in, 192, 1, 1, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0b_1x7", b1, 224, 1, 7, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0c_7x1", b1, 256, 7, 1, 1, SAME);
        String b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0a_1x1", in, 192, 1, 1, 1, SAME);
        b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0b_7x1", b2, 192, 7, 1, 1, SAME);
        b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0c_1x7", b2, 224, 1, 7, 1, SAME);
        b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0d_7x1", b2, 224, 7, 1, 1, SAME);
        b2 = b.convBnRelu(m + "_Branch_2_Conv2d_0e_1x7", b2, 256, 1, 7, 1, SAME);
        String b3 = b.avgPool(m + "_Branch_3_AvgPool_0a_3x3", in, 3, 1, SAME);
        b3 = b.convBnRelu(m + "_Branch_3_Conv2d_0b_1x1", b3, 128, 1, 1, 1, SAME);
        return b.concat(m, b0, b1, b2, b3);
    }

    private static String reductionB(GraphBlocks b, String m, String in) {
        String b0 = b.convBnRelu(m + "_Branch_0_Conv2d_0a_1x1", in, 192, 1, 1, 1, SAME);
        b0 = b.convBnRelu(m + "_Branch_0_Conv2d_1a_3x3", b0, 192, 3, 3, 2, VALID);
        String b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0a_1x1", in, 256, 1, 1, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0b_1x7", b1, 256, 1, 7, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_0c_7x1", b1, 320, 7, 1, 1, SAME);
        b1 = b.convBnRelu(m + "_Branch_1_Conv2d_1a_3x3", b1, 320, 3, 3, 2, VALID);
        String b2 = b.maxPool(m + "_Branch_2_MaxPool_1a_3x3", in, 3, 2, VALID);
        return b.concat(m, b0, b1, b2);
    }

    private static String inceptionC(GraphBlocks b, String m, String in) {
        String b0 = b.convBnRelu(m + "_Branch_0_Conv2d_0a_1x1", in, 256, 1, 1, 1, SAME);
        String t = b.convBnRelu(m + "_Branch_1_Conv2d_0a_1x1", in, 384, 1, 1, 1, SAME);
        String b1 = b.concat(m + "_Branch_1",
                b.convBnRelu(m + "_Branch_1_Conv2d_0b_1x3", t, 256, 1, 3, 1, SAME),
                b.convBnRelu(m + "_Branch_1_Conv2d_0c_3x1", t, 256, 3, 1, 1, SAME));
        String d = b.convBnRelu(m + "_Branch_2_Conv2d_0a_1x1", in, 384, 1, 1, 1, SAME);
        d = b.convBnRelu(m + "_Branch_2_Conv2d_0b_3x1", d, 448, 3, 1, 1, SAME);
        d = b.convBnRelu(m + "_Branch_2_Conv2d_0c_1x3", d, 512, 1, 3, 1, SAME);
        String b2 = b.concat(m + "_Branch_2",
                b.convBnRelu(m + "_Branch_2_Conv2d_0d_1x3", d, 256, 1, 3, 1, SAME),
                b.convBnRelu(m + "_Branch_2_Conv2d_0e_3x1", d, 256, 3, 1, 1, SAME));
        String b3 = b.avgPool(m + "_Branch_3_AvgPool_0a_3x3", in, 3, 1, SAME);
        b3 = b.convBnRelu(m + "_Branch_3_Conv2d_0b_1x1", b3, 256, 1, 1, 1, SAME);
        return b.concat(m, b0, b1, b2, b3);
    }
}
