package dev.compressor.examples.smalltier.image;

/**
 * The arithmetic of a 2-d depthwise convolution on c-order NCHW float arrays, as plain loops:
 * forward, and the gradients with respect to the input, the weights and the bias. The weights have
 * DL4J's depthwise layout {@code [kH, kW, channels, multiplier]}; output channel {@code c * multiplier
 * + m} is input channel {@code c} convolved with filter {@code m}. Padding is given explicitly (top,
 * left); positions outside the input count as zero. Dilation 1. Stateless; thread-safe.
 *
 * <p>The loops exist because DL4J 1.0.0-M2.1's CPU depthwise op ({@code depthwise_conv2d} and its
 * backward op) took 78 % of the op time of a MobileNet training step (ND4J's op profiler) on this
 * project's build machine: per example and channel the work is a few hundred multiply-adds, which
 * these loops do directly.
 */
final class DepthwiseKernels {

    /**
     * The geometry of one depthwise convolution.
     *
     * @param n examples
     * @param channels input channels
     * @param inH input height
     * @param inW input width
     * @param kH kernel height
     * @param kW kernel width
     * @param multiplier filters per input channel
     * @param sH vertical stride
     * @param sW horizontal stride
     * @param padTop zero rows above the input
     * @param padLeft zero columns left of the input
     * @param outH output height
     * @param outW output width
     */
    record Geometry(int n, int channels, int inH, int inW, int kH, int kW, int multiplier, int sH, int sW,
            int padTop, int padLeft, int outH, int outW) {

        int outChannels() {
            return channels * multiplier;
        }
    }

    private DepthwiseKernels() {
    }

    /**
     * Forward pass.
     *
     * @param g the geometry
     * @param x the input, {@code [n, channels, inH, inW]} in c order
     * @param w the weights, {@code [kH, kW, channels, multiplier]} in c order
     * @param bias one value per output channel, or null
     * @return the output, {@code [n, channels * multiplier, outH, outW]} in c order
     */
    static float[] forward(Geometry g, float[] x, float[] w, float[] bias) {
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        float[] z = new float[g.n() * g.outChannels() * outPlane];
        for (int n = 0; n < g.n(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                int xBase = (n * g.channels() + c) * inPlane;
                for (int m = 0; m < g.multiplier(); m++) {
                    int o = c * g.multiplier() + m;
                    int zBase = (n * g.outChannels() + o) * outPlane;
                    float b = bias == null ? 0f : bias[o];
                    for (int oh = 0; oh < g.outH(); oh++) {
                        for (int ow = 0; ow < g.outW(); ow++) {
                            float acc = b;
                            for (int kh = 0; kh < g.kH(); kh++) {
                                int ih = oh * g.sH() - g.padTop() + kh;
                                if (ih < 0 || ih >= g.inH()) {
                                    continue;
                                }
                                for (int kw = 0; kw < g.kW(); kw++) {
                                    int iw = ow * g.sW() - g.padLeft() + kw;
                                    if (iw >= 0 && iw < g.inW()) {
                                        acc += x[xBase + ih * g.inW() + iw] * w[weightIndex(g, kh, kw, c, m)];
                                    }
                                }
                            }
                            z[zBase + oh * g.outW() + ow] = acc;
                        }
                    }
                }
            }
        }
        return z;
    }

    /**
     * Backward pass: accumulates the weight and bias gradients and returns the input gradient.
     *
     * @param g the geometry
     * @param x the forward input, {@code [n, channels, inH, inW]} in c order
     * @param w the weights, {@code [kH, kW, channels, multiplier]} in c order
     * @param delta the gradient with respect to the output (before the activation), c order
     * @param wGrad receives the weight gradient (overwritten), the weights' layout
     * @param bGrad receives the bias gradient (overwritten), or null
     * @return the gradient with respect to the input, {@code [n, channels, inH, inW]} in c order
     */
    static float[] backward(Geometry g, float[] x, float[] w, float[] delta, float[] wGrad, float[] bGrad) {
        int inPlane = g.inH() * g.inW();
        int outPlane = g.outH() * g.outW();
        float[] dx = new float[x.length];
        java.util.Arrays.fill(wGrad, 0f);
        if (bGrad != null) {
            java.util.Arrays.fill(bGrad, 0f);
        }
        for (int n = 0; n < g.n(); n++) {
            for (int c = 0; c < g.channels(); c++) {
                int xBase = (n * g.channels() + c) * inPlane;
                for (int m = 0; m < g.multiplier(); m++) {
                    int o = c * g.multiplier() + m;
                    int dBase = (n * g.outChannels() + o) * outPlane;
                    for (int oh = 0; oh < g.outH(); oh++) {
                        for (int ow = 0; ow < g.outW(); ow++) {
                            float d = delta[dBase + oh * g.outW() + ow];
                            if (bGrad != null) {
                                bGrad[o] += d;
                            }
                            for (int kh = 0; kh < g.kH(); kh++) {
                                int ih = oh * g.sH() - g.padTop() + kh;
                                if (ih < 0 || ih >= g.inH()) {
                                    continue;
                                }
                                for (int kw = 0; kw < g.kW(); kw++) {
                                    int iw = ow * g.sW() - g.padLeft() + kw;
                                    if (iw >= 0 && iw < g.inW()) {
                                        int xi = xBase + ih * g.inW() + iw;
                                        int wi = weightIndex(g, kh, kw, c, m);
                                        wGrad[wi] += d * x[xi];
                                        dx[xi] += d * w[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx;
    }

    private static int weightIndex(Geometry g, int kh, int kw, int c, int m) {
        return ((kh * g.kW() + kw) * g.channels() + c) * g.multiplier() + m;
    }
}
