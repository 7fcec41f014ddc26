package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * ResNet-50, -101 and -152 (He et al. 2015) with bottleneck blocks (1x1, 3x3, 1x1 with expansion 4),
 * convolutions without bias each followed by batch normalisation, projection shortcuts (1x1 conv +
 * BN) on the first block of each stage, the stride on the 3x3 convolution (the "v1.5" placement used
 * by torchvision; the parameter count is the same as v1), global average pooling and a 1000-way
 * fully connected softmax {@code fc1000}. Input 224x224x3 (NCHW).
 *
 * <p>Layer names follow the original Caffe release: {@code conv1}, {@code bn_conv1}, {@code pool1},
 * then per block {@code res<stage><block>_branch2a/2b/2c} with batch norms
 * {@code bn<stage><block>_branch2a/...}, shortcut {@code res<stage>a_branch1}, sum
 * {@code res<stage><block>} and {@code res<stage><block>_relu}; blocks are lettered a, b, c, ... in
 * stages of at most six blocks and a, b1, b2, ... in longer ones (ResNet-101 {@code res4b22},
 * ResNet-152 {@code res4b35}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ResNet {

    /** Input height and width, in pixels. */
    public static final int IMAGE_SIZE = 224;

    private static final int[] WIDTHS = {64, 128, 256, 512};

    private ResNet() {
    }

    /**
     * Returns the configuration of ResNet-50, -101 or -152 without allocating weights.
     *
     * @param depth 50, 101 or 152
     * @param seed  seed of the weight initialisation
     * @return the built configuration
     */
    public static ComputationGraphConfiguration configuration(int depth, long seed) {
        int[] blocks = switch (depth) {
            case 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            case 152 -> new int[] {3, 8, 36, 3};
            default -> throw new IllegalArgumentException("ResNet depth must be 50, 101 or 152, got " + depth);
        };
        GraphBuilder g = GraphBlocks.baseGraph(seed)
                .addInputs("input")
                .setInputTypes(InputType.convolutional(IMAGE_SIZE, IMAGE_SIZE, 3));
        GraphBlocks b = new GraphBlocks(g);
        b.conv("conv1", "input", 64, 7, 7, 2, ConvolutionMode.Same, false, Activation.IDENTITY);
        b.batchNorm("bn_conv1", "conv1");
        b.activation("conv1_relu", "bn_conv1", Activation.RELU);
        String x = b.maxPool("pool1", "conv1_relu", 3, 2, ConvolutionMode.Same);
        for (int s = 0; s < blocks.length; s++) {
            for (int i = 0; i < blocks[s]; i++) {
                String id = (s + 2) + blockLetter(i, blocks[s]);
                int stride = (i == 0 && s > 0) ? 2 : 1;
                x = bottleneck(b, id, x, WIDTHS[s], stride, i == 0);
            }
        }
        b.globalAvgPool("pool5", x);
        b.classifier("fc1000", "pool5", 1000, 0);
        return g.build();
    }

    /**
     * Builds ResNet-50, -101 or -152 with seeded weights.
     *
     * @param depth 50, 101 or 152
     * @param seed  seed of the weight initialisation
     * @return the initialised network
     */
    public static ComputationGraph network(int depth, long seed) {
        return GraphBlocks.initialise(configuration(depth, seed));
    }

    static String blockLetter(int index, int blocksInStage) {
        if (index == 0) {
            return "a";
        }
        return blocksInStage <= 6 ? String.valueOf((char) ('a' + index)) : "b" + index;
    }

    private static String bottleneck(GraphBlocks b, String id, String input, int width, int stride,
                                     boolean project) {
        String shortcut = input;
        if (project) {
            b.conv("res" + id + "_branch1", input, 4 * width, 1, 1, stride, ConvolutionMode.Same, false,
                    Activation.IDENTITY);
            shortcut = b.batchNorm("bn" + id + "_branch1", "res" + id + "_branch1");
        }
        String x = input;
        String[] parts = {"2a", "2b", "2c"};
        for (int p = 0; p < 3; p++) {
            int kernel = p == 1 ? 3 : 1;
            int nOut = p == 2 ? 4 * width : width;
            String conv = "res" + id + "_branch" + parts[p];
            b.conv(conv, x, nOut, kernel, kernel, p == 1 ? stride : 1, ConvolutionMode.Same, false,
                    Activation.IDENTITY);
            x = b.batchNorm("bn" + id + "_branch" + parts[p], conv);
            if (p < 2) {
                x = b.activation(conv + "_relu", x, Activation.RELU);
            }
        }
        b.add("res" + id, x, shortcut);
        return b.activation("res" + id + "_relu", "res" + id, Activation.RELU);
    }
}
