package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Inception-v3 (Szegedy et al. 2015, "Rethinking the Inception Architecture"), without the auxiliary
 * classifier: the 299x299 stem, three 35x35 modules (Mixed_5b-d), grid reduction Mixed_6a, four
 * 17x17 modules with factorised 1x7/7x1 convolutions (Mixed_6b-e), grid reduction Mixed_7a, two 8x8
 * modules with expanded 1x3/3x1 branches (Mixed_7b-c), global average pooling, dropout 0.2 and a
 * 1000-way softmax. Every convolution has no bias and is followed by batch normalisation and ReLU.
 * Input 299x299x3 (NCHW).
 *
 * <p>Layer names follow TF-slim / torchvision: {@code Conv2d_1a_3x3}, {@code Conv2d_2a_3x3},
 * {@code Conv2d_2b_3x3}, {@code MaxPool_3a_3x3}, {@code Conv2d_3b_1x1}, {@code Conv2d_4a_3x3},
 * {@code MaxPool_5a_3x3}, then {@code Mixed_5b_branch1x1}, {@code Mixed_5b_branch5x5_1}, ...,
 * {@code Mixed_7c_branch_pool} with module outputs {@code Mixed_5b} ... {@code Mixed_7c}; each
 * convolution {@code c} is followed by {@code c_bn} and {@code c_relu}; classifier
 * {@code predictions}.
 *
 * <p>Stateless and thread-safe.
 */
public final class InceptionV3 {

    /** Input height and width, in pixels. */
    public static final int IMAGE_SIZE = 299;

    private static final ConvolutionMode SAME = ConvolutionMode.Same;
    private static final ConvolutionMode VALID = ConvolutionMode.Truncate;

    private InceptionV3() {
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
        x = b.maxPool("MaxPool_3a_3x3", x, 3, 2, VALID);
        x = b.convBnRelu("Conv2d_3b_1x1", x, 80, 1, 1, 1, VALID);
        x = b.convBnRelu("Conv2d_4a_3x3", x, 192, 3, 3, 1, VALID);
        x = b.maxPool("MaxPool_5a_3x3", x, 3, 2, VALID);
        x = moduleA(b, "Mixed_5b", x, 32);
        x = moduleA(b, "Mixed_5c", x, 64);
        x = moduleA(b, "Mixed_5d", x, 64);
        x = reductionA(b, "Mixed_6a", x);
        x = moduleB(b, "Mixed_6b", x, 128);
        x = moduleB(b, "Mixed_6c", x, 160);
        x = moduleB(b, "Mixed_6d", x, 160);
        x = moduleB(b, "Mixed_6e", x, 192);
        x = reductionB(b, "Mixed_7a", x);
        x = moduleC(b, "Mixed_7b", x);
        x = moduleC(b, "Mixed_7c", x);
        b.globalAvgPool("avg_pool", x);
        b.classifier("predictions", "avg_pool", 1000, 0.2);
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

    private static String moduleA(GraphBlocks b, String m, String in, int poolFeatures) {
        String b1 = b.convBnRelu(m + "_branch1x1", in, 64, 1, 1, 1, SAME);
        String b5 = b.convBnRelu(m + "_branch5x5_1", in, 48, 1, 1, 1, SAME);
        b5 = b.convBnRelu(m + "_branch5x5_2", b5, 64, 5, 5, 1, SAME);
        String d = b.convBnRelu(m + "_branch3x3dbl_1", in, 64, 1, 1, 1, SAME);
        d = b.convBnRelu(m + "_branch3x3dbl_2", d, 96, 3, 3, 1, SAME);
        d = b.convBnRelu(m + "_branch3x3dbl_3", d, 96, 3, 3, 1, SAME);
        String p = b.avgPool(m + "_pool", in, 3, 1, SAME);
        p = b.convBnRelu(m + "_branch_pool", p, poolFeatures, 1, 1, 1, SAME);
        return b.concat(m, b1, b5, d, p);
    }

    private static String reductionA(GraphBlocks b, String m, String in) {
        String b3 = b.convBnRelu(m + "_branch3x3", in, 384, 3, 3, 2, VALID);
        String d = b.convBnRelu(m + "_branch3x3dbl_1", in, 64, 1, 1, 1, SAME);
        d = b.convBnRelu(m + "_branch3x3dbl_2", d, 96, 3, 3, 1, SAME);
        d = b.convBnRelu(m + "_branch3x3dbl_3", d, 96, 3, 3, 2, VALID);
        String p = b.maxPool(m + "_pool", in, 3, 2, VALID);
        return b.concat(m, b3, d, p);
    }

    private static String moduleB(GraphBlocks b, String m, String in, int c7) {
        String b1 = b.convBnRelu(m + "_branch1x1", in, 192, 1, 1, 1, SAME);
        String s = b.convBnRelu(m + "_branch7x7_1", in, c7, 1, 1, 1, SAME);
        s = b.convBnRelu(m + "_branch7x7_2", s, c7, 1, 7, 1, SAME);
        s = b.convBnRelu(m + "_branch7x7_3", s, 192, 7, 1, 1, SAME);
        String d = b.convBnRelu(m + "_branch7x7dbl_1", in, c7, 1, 1, 1, SAME);
        d = b.convBnRelu(m + "_branch7x7dbl_2", d, c7, 7, 1, 1, SAME);
        d = b.convBnRelu(m + "_branch7x7dbl_3", d, c7, 1, 7, 1, SAME);
        d = b.convBnRelu(m + "_branch7x7dbl_4", d, c7, 7, 1, 1, SAME);
        d = b.convBnRelu(m + "_branch7x7dbl_5", d, 192, 1, 7, 1, SAME);
        String p = b.avgPool(m + "_pool", in, 3, 1, SAME);
        p = b.convBnRelu(m + "_branch_pool", p, 192, 1, 1, 1, SAME);
        return b.concat(m, b1, s, d, p);
    }

    private static String reductionB(GraphBlocks b, String m, String in) {
        String b3 = b.convBnRelu(m + "_branch3x3_1", in, 192, 1, 1, 1, SAME);
        b3 = b.convBnRelu(m + "_branch3x3_2", b3, 320, 3, 3, 2, VALID);
        String s = b.convBnRelu(m + "_branch7x7x3_1", in, 192, 1, 1, 1, SAME);
        s = b.convBnRelu(m + "_branch7x7x3_2", s, 192, 1, 7, 1, SAME);
        s = b.convBnRelu(m + "_branch7x7x3_3", s, 192, 7, 1, 1, SAME);
        s = b.convBnRelu(m + "_branch7x7x3_4", s, 192, 3, 3, 2, VALID);
        String p = b.maxPool(m + "_pool", in, 3, 2, VALID);
        return b.concat(m, b3, s, p);
    }

    private static String moduleC(GraphBlocks b, String m, String in) {
        String b1 = b.convBnRelu(m + "_branch1x1", in, 320, 1, 1, 1, SAME);
        String t = b.convBnRelu(m + "_branch3x3_1", in, 384, 1, 1, 1, SAME);
        String t3 = b.concat(m + "_branch3x3",
                b.convBnRelu(m + "_branch3x3_2a", t, 384, 1, 3, 1, SAME),
                b.convBnRelu(m + "_branch3x3_2b", t, 384, 3, 1, 1, SAME));
        String d = b.convBnRelu(m + "_branch3x3dbl_1", in, 448, 1, 1, 1, SAME);
        d = b.convBnRelu(m + "_branch3x3dbl_2", d, 384, 3, 3, 1, SAME);
        String d3 = b.concat(m + "_branch3x3dbl",
                b.convBnRelu(m + "_branch3x3dbl_3a", d, 384, 1, 3, 1, SAME),
                b.convBnRelu(m + "_branch3x3dbl_3b", d, 384, 3, 1, 1, SAME));
        String p = b.avgPool(m + "_pool", in, 3, 1, SAME);
        p = b.convBnRelu(m + "_branch_pool", p, 192, 1, 1, 1, SAME);
        return b.concat(m, b1, t3, d3, p);
    }
}
