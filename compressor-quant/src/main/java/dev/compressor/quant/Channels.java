package dev.compressor.quant;

import dev.compressor.api.tensor.TensorInfo;
import dev.compressor.api.tensor.TensorLayout;

/**
 * The output-channel split of a DL4J parameter tensor: along {@link TensorInfo#outputAxis()},
 * except where DL4J 1.0.0-M2.1 reads the memory differently from the declared shape.
 *
 * <p>The known exception: {@code Convolution1DLayer} declares its weights {@code [nOut, nIn, k, 1]}
 * ('c' order) but its forward pass reads the same memory as {@code [k, nIn, nOut]}: flat element
 * {@code i} feeds output channel {@code i % nOut} (checked in {@code OutputAxisTest}). Its channels
 * are therefore interleaved with stride 1, which no axis of the declared layout expresses, and
 * {@link TensorInfo#outputAxis()} is -1 for it. Stateless.
 */
final class Channels {

    private Channels() {
    }

    static ChannelSplit of(TensorInfo info) {
        TensorLayout layout = info.layout();
        if (isConv1dWeight(info)) {
            int nOut = (int) layout.dim(0);
            return new ChannelSplit(layout.length() / nOut, nOut, 1);
        }
        return ChannelSplit.of(layout, info.outputAxis());
    }

    static String describe(TensorInfo info) {
        return isConv1dWeight(info) ? "conv1d interleaved" : "axis " + info.outputAxis();
    }

    private static boolean isConv1dWeight(TensorInfo info) {
        return (info.layerType().equals("Convolution1DLayer") || info.layerType().equals("Convolution1D"))
                && info.paramKey().equals("W") && info.layout().rank() == 4;
    }
}
