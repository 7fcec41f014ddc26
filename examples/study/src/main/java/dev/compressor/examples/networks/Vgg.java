package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * VGG-16 and VGG-19 (Simonyan and Zisserman 2014, configurations D and E): stacks of 3x3
 * convolutions with bias and ReLU, five 2x2 max pools, fully connected fc6 (4096), fc7 (4096) and
 * fc8 (1000, softmax), dropout 0.5 before fc7 and fc8. Input 224x224x3 (NCHW).
 *
 * <p>Layer names are the Caffe model-zoo names: {@code conv1_1 .. conv5_3} (VGG-19: up to
 * {@code conv5_4}), {@code pool1 .. pool5}, {@code fc6}, {@code fc7}, {@code fc8}. Parameter counts:
 * 138,357,544 (VGG-16) and 143,667,240 (VGG-19), equal to the canonical ones.
 *
 * <p>Stateless and thread-safe.
 */
public final class Vgg {

    /** Input height and width, in pixels. */
    public static final int IMAGE_SIZE = 224;

    private static final int[] WIDTHS = {64, 128, 256, 512, 512};

    private Vgg() {
    }

    /**
     * Returns the configuration of VGG-16 or VGG-19 without allocating weights.
     *
     * @param depth 16 or 19
     * @param seed  seed of the weight initialisation
     * @return the built configuration (input types set, every nIn inferred)
     */
    public static ComputationGraphConfiguration configuration(int depth, long seed) {
        int[] convsPerStage = switch (depth) {
            case 16 -> new int[] {2, 2, 3, 3, 3};
            case 19 -> new int[] {2, 2, 4, 4, 4};
            default -> throw new IllegalArgumentException("VGG depth must be 16 or 19, got " + depth);
        };
        GraphBuilder g = GraphBlocks.baseGraph(seed)
                .addInputs("input")
                .setInputTypes(InputType.convolutional(IMAGE_SIZE, IMAGE_SIZE, 3));
        GraphBlocks b = new GraphBlocks(g);
        String x = "input";
        for (int stage = 0; stage < convsPerStage.length; stage++) {
            for (int i = 1; i <= convsPerStage[stage]; i++) {
                x = b.conv("conv" + (stage + 1) + "_" + i, x, WIDTHS[stage], 3, 3, 1,
                        ConvolutionMode.Same, true, Activation.RELU);
            }
            x = b.maxPool("pool" + (stage + 1), x, 2, 2, ConvolutionMode.Truncate);
        }
        g.addLayer("fc6", new DenseLayer.Builder().nOut(4096).activation(Activation.RELU).build(), x);
        g.addLayer("fc7", new DenseLayer.Builder().nOut(4096).activation(Activation.RELU)
                .dropOut(0.5).build(), "fc6");
        b.classifier("fc8", "fc7", 1000, 0.5);
        return g.build();
    }

    /**
     * Builds VGG-16 or VGG-19 with seeded weights.
     *
     * @param depth 16 or 19
     * @param seed  seed of the weight initialisation
     * @return the initialised network
     */
    public static ComputationGraph network(int depth, long seed) {
        return GraphBlocks.initialise(configuration(depth, seed));
    }
}
