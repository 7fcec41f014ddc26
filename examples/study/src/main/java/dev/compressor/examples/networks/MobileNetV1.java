package dev.compressor.examples.networks;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * MobileNet-v1 1.0 (Howard et al. 2017, width multiplier 1.0, resolution 224): a full 3x3 convolution
 * then 13 depthwise-separable blocks (3x3 depthwise conv → BN → ReLU6, 1x1 pointwise conv → BN →
 * ReLU6), global average pooling, dropout 0.001 and a 1000-way fully connected softmax. Convolutions
 * have no bias. Input 224x224x3 (NCHW).
 *
 * <p>Layer names follow Keras: {@code conv1}, {@code conv1_bn}, {@code conv1_relu}, then for block
 * i = 1..13 {@code conv_dw_i}, {@code conv_dw_i_bn}, {@code conv_dw_i_relu}, {@code conv_pw_i},
 * {@code conv_pw_i_bn}, {@code conv_pw_i_relu}; {@code global_pool}; classifier {@code conv_preds}
 * (a fully connected layer, the same parameters as Keras' 1x1 convolution of that name).
 *
 * <p>Stateless and thread-safe.
 */
public final class MobileNetV1 {

    /** Input height and width, in pixels. */
    public static final int IMAGE_SIZE = 224;

    /** Per block: stride of the depthwise conv, output channels of the pointwise conv. */
    private static final int[][] BLOCKS = {
        {1, 64}, {2, 128}, {1, 128}, {2, 256}, {1, 256}, {2, 512},
        {1, 512}, {1, 512}, {1, 512}, {1, 512}, {1, 512}, {2, 1024}, {1, 1024},
    };

    private MobileNetV1() {
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
        b.conv("conv1", "input", 32, 3, 3, 2, ConvolutionMode.Same, false, Activation.IDENTITY);
        b.batchNorm("conv1_bn", "conv1");
        String x = b.activation("conv1_relu", "conv1_bn", Activation.RELU6);
        for (int i = 0; i < BLOCKS.length; i++) {
            String dw = "conv_dw_" + (i + 1);
            g.addLayer(dw, new DepthwiseConvolution2D.Builder(3, 3)
                    .stride(BLOCKS[i][0], BLOCKS[i][0])
                    .depthMultiplier(1)
                    .convolutionMode(ConvolutionMode.Same)
                    .hasBias(false)
                    .activation(Activation.IDENTITY)
                    .build(), x);
            b.batchNorm(dw + "_bn", dw);
            x = b.activation(dw + "_relu", dw + "_bn", Activation.RELU6);
            String pw = "conv_pw_" + (i + 1);
            b.conv(pw, x, BLOCKS[i][1], 1, 1, 1, ConvolutionMode.Same, false, Activation.IDENTITY);
            b.batchNorm(pw + "_bn", pw);
            x = b.activation(pw + "_relu", pw + "_bn", Activation.RELU6);
        }
        b.globalAvgPool("global_pool", x);
        b.classifier("conv_preds", "global_pool", 1000, 0.001);
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
}
