package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Inception-v1 (GoogLeNet, Szegedy et al. 2014), the original variant as released in the BVLC Caffe
 * model zoo ({@code bvlc_googlenet}): convolutions with bias and ReLU, no batch normalisation, local
 * response normalisation after the first two convolution stages, true 5x5 convolutions in the
 * inception modules, 7x7 average pooling, dropout 0.4 and a 1000-way softmax. The two auxiliary
 * classifiers (training-only) are left out. Input 224x224x3 (NCHW). 6,998,552 parameters.
 *
 * <p>(torchvision's {@code googlenet}, with batch normalisation and 3x3 convolutions in place of the
 * 5x5 ones, is the other common variant: 6,624,904 parameters.)
 *
 * <p>Layer names are the Caffe names with '/' replaced by '_': {@code conv1_7x7_s2},
 * {@code pool1_3x3_s2}, {@code pool1_norm1}, {@code conv2_3x3_reduce}, {@code conv2_3x3},
 * {@code conv2_norm2}, {@code pool2_3x3_s2}, {@code inception_3a_1x1} ... {@code inception_5b_output},
 * {@code pool5_7x7_s1}, {@code loss3_classifier}.
 *
 * <p>Stateless and thread-safe.
 */
public final class InceptionV1 {

    /** Input height and width, in pixels. */
    public static final int IMAGE_SIZE = 224;

    private InceptionV1() {
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
        String x = conv(b, "conv1_7x7_s2", "input", 64, 7, 2);
        x = b.maxPool("pool1_3x3_s2", x, 3, 2, ConvolutionMode.Same);
        x = lrn(g, "pool1_norm1", x);
        x = conv(b, "conv2_3x3_reduce", x, 64, 1, 1);
        x = conv(b, "conv2_3x3", x, 192, 3, 1);
        x = lrn(g, "conv2_norm2", x);
        x = b.maxPool("pool2_3x3_s2", x, 3, 2, ConvolutionMode.Same);
        x = module(b, "inception_3a", x, 64, 96, 128, 16, 32, 32);
        x = module(b, "inception_3b", x, 128, 128, 192, 32, 96, 64);
        x = b.maxPool("pool3_3x3_s2", x, 3, 2, ConvolutionMode.Same);
        x = module(b, "inception_4a", x, 192, 96, 208, 16, 48, 64);
        x = module(b, "inception_4b", x, 160, 112, 224, 24, 64, 64);
        x = module(b, "inception_4c", x, 128, 128, 256, 24, 64, 64);
        x = module(b, "inception_4d", x, 112, 144, 288, 32, 64, 64);
        x = module(b, "inception_4e", x, 256, 160, 320, 32, 128, 128);
        x = b.maxPool("pool4_3x3_s2", x, 3, 2, ConvolutionMode.Same);
        x = module(b, "inception_5a", x, 256, 160, 320, 32, 128, 128);
        x = module(b, "inception_5b", x, 384, 192, 384, 48, 128, 128);
        b.globalAvgPool("pool5_7x7_s1", x);
        b.classifier("loss3_classifier", "pool5_7x7_s1", 1000, 0.4);
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

    private static String module(GraphBlocks b, String name, String in, int n1x1, int n3x3r, int n3x3,
                                 int n5x5r, int n5x5, int poolProj) {
        String b1 = conv(b, name + "_1x1", in, n1x1, 1, 1);
        String b2 = conv(b, name + "_3x3", conv(b, name + "_3x3_reduce", in, n3x3r, 1, 1), n3x3, 3, 1);
        String b3 = conv(b, name + "_5x5", conv(b, name + "_5x5_reduce", in, n5x5r, 1, 1), n5x5, 5, 1);
        String b4 = conv(b, name + "_pool_proj", b.maxPool(name + "_pool", in, 3, 1, ConvolutionMode.Same),
                poolProj, 1, 1);
        return b.concat(name + "_output", b1, b2, b3, b4);
    }

    private static String conv(GraphBlocks b, String name, String in, int nOut, int k, int stride) {
        return b.conv(name, in, nOut, k, k, stride, ConvolutionMode.Same, true, Activation.RELU);
    }

    private static String lrn(GraphBuilder g, String name, String in) {
        // Caffe's LRN (local_size 5, alpha 1e-4, beta 0.75) divides alpha by the window size; DL4J does not.
        g.addLayer(name, new LocalResponseNormalization.Builder().k(1).n(5).alpha(1e-4 / 5).beta(0.75).build(), in);
        return name;
    }
}
