package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * Inception-v2 as BN-Inception (Ioffe and Szegedy 2015, the network of their Table 1): GoogLeNet with
 * batch normalisation after every convolution, each 5x5 convolution replaced by two stacked 3x3
 * ("double 3x3") convolutions, average or max pooling with a 1x1 projection as the fourth branch, and
 * stride-2 modules 3c and 4e (pass-through max pool, no 1x1 branch) instead of separate pooling layers;
 * no local response normalisation, no auxiliary classifiers. Convolutions keep their bias as in the
 * released Caffe model. Input 224x224x3 (NCHW).
 *
 * <p>Layer names follow the Caffe release with '/' replaced by '_': {@code conv1_7x7_s2},
 * {@code conv2_3x3_reduce}, {@code conv2_3x3}, {@code inception_3a_1x1},
 * {@code inception_3a_3x3_reduce}, {@code inception_3a_3x3}, {@code inception_3a_double_3x3_reduce},
 * {@code inception_3a_double_3x3_1}, {@code inception_3a_double_3x3_2}, {@code inception_3a_pool},
 * {@code inception_3a_pool_proj}, {@code inception_3a_output}, ...; each convolution {@code c} is
 * followed by {@code c_bn} and {@code c_relu}; classifier {@code fc}.
 *
 * <p>Stateless and thread-safe.
 */
public final class InceptionV2 {

    /** Input height and width, in pixels. */
    public static final int IMAGE_SIZE = 224;

    private InceptionV2() {
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
        String x = cbr(b, "conv1_7x7_s2", "input", 64, 7, 2);
        x = b.maxPool("pool1_3x3_s2", x, 3, 2, ConvolutionMode.Same);
        x = cbr(b, "conv2_3x3_reduce", x, 64, 1, 1);
        x = cbr(b, "conv2_3x3", x, 192, 3, 1);
        x = b.maxPool("pool2_3x3_s2", x, 3, 2, ConvolutionMode.Same);
        x = module(b, "inception_3a", x, 64, 64, 64, 64, 96, true, 32);
        x = module(b, "inception_3b", x, 64, 64, 96, 64, 96, true, 64);
        x = reduction(b, "inception_3c", x, 128, 160, 64, 96);
        x = module(b, "inception_4a", x, 224, 64, 96, 96, 128, true, 128);
        x = module(b, "inception_4b", x, 192, 96, 128, 96, 128, true, 128);
        x = module(b, "inception_4c", x, 160, 128, 160, 128, 160, true, 128);
        x = module(b, "inception_4d", x, 96, 128, 192, 160, 192, true, 128);
        x = reduction(b, "inception_4e", x, 128, 192, 192, 256);
        x = module(b, "inception_5a", x, 352, 192, 320, 160, 224, true, 128);
        x = module(b, "inception_5b", x, 352, 192, 320, 192, 224, false, 128);
        b.globalAvgPool("global_pool", x);
        b.classifier("fc", "global_pool", 1000, 0);
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
                                 int nDblR, int nDbl, boolean avgPool, int poolProj) {
        String b1 = cbr(b, name + "_1x1", in, n1x1, 1, 1);
        String b2 = cbr(b, name + "_3x3", cbr(b, name + "_3x3_reduce", in, n3x3r, 1, 1), n3x3, 3, 1);
        String d = cbr(b, name + "_double_3x3_reduce", in, nDblR, 1, 1);
        d = cbr(b, name + "_double_3x3_1", d, nDbl, 3, 1);
        String b3 = cbr(b, name + "_double_3x3_2", d, nDbl, 3, 1);
        String pool = avgPool
                ? b.avgPool(name + "_pool", in, 3, 1, ConvolutionMode.Same)
                : b.maxPool(name + "_pool", in, 3, 1, ConvolutionMode.Same);
        String b4 = cbr(b, name + "_pool_proj", pool, poolProj, 1, 1);
        return b.concat(name + "_output", b1, b2, b3, b4);
    }

    private static String reduction(GraphBlocks b, String name, String in, int n3x3r, int n3x3, int nDblR,
                                    int nDbl) {
        String b2 = cbr(b, name + "_3x3", cbr(b, name + "_3x3_reduce", in, n3x3r, 1, 1), n3x3, 3, 2);
        String d = cbr(b, name + "_double_3x3_reduce", in, nDblR, 1, 1);
        d = cbr(b, name + "_double_3x3_1", d, nDbl, 3, 1);
        String b3 = cbr(b, name + "_double_3x3_2", d, nDbl, 3, 2);
        String b4 = b.maxPool(name + "_pool", in, 3, 2, ConvolutionMode.Same);
        return b.concat(name + "_output", b2, b3, b4);
    }

    private static String cbr(GraphBlocks b, String name, String in, int nOut, int k, int stride) {
        b.conv(name, in, nOut, k, k, stride, ConvolutionMode.Same, true, Activation.IDENTITY);
        b.batchNorm(name + "_bn", name);
        return b.activation(name + "_relu", name + "_bn", Activation.RELU);
    }
}
