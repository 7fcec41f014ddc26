package dev.compressor.quant.internal;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A 2D convolution computed in groups of output channels, so that the scratch buffer holds the
 * weights of one group instead of the whole layer: each group is a stock DL4J convolution layer of
 * the same configuration with fewer output channels, whose parameters are a view of the scratch
 * buffer; before it runs, its channels' bias and weights ({@code W [nOut, nIn, kH, kW]} 'c' order:
 * one contiguous run per group) are expanded there; its output is copied into the layer's output at
 * its channels. Every group reads the same input. Inference only; not thread-safe.
 */
final class ConvolutionGroups {

    private final Layer[] parts;
    private final int groupChannels;
    private final int nOut;
    private final int channelAxis;

    /**
     * @param conf the layer's configuration (a {@link ConvolutionLayer})
     * @param groupChannels output channels per group (the last group may have fewer)
     */
    ConvolutionGroups(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
            LayerWeights weights, Scratch scratch, int groupChannels, DataType dataType) {
        ConvolutionLayer layer = (ConvolutionLayer) conf.getLayer();
        this.nOut = (int) layer.getNOut();
        this.groupChannels = groupChannels;
        this.channelAxis = layer.getCnn2dDataFormat() == CNN2DFormat.NHWC ? 3 : 1;
        int groups = (nOut + groupChannels - 1) / groupChannels;
        this.parts = new Layer[groups];
        long perChannel = weights.length() / nOut;
        for (int g = 0; g < groups; g++) {
            int n = Math.min(groupChannels, nOut - g * groupChannels);
            ConvolutionLayer part = (ConvolutionLayer) layer.clone();
            part.setNOut(n);
            NeuralNetConfiguration c = conf.clone();
            c.setLayer(part);
            parts[g] = part.instantiate(c, listeners, index, scratch.view(n * perChannel), false, dataType);
        }
    }

    /** Whether a layer can run in groups: a plain 2D convolution whose every tensor splits by output channel. */
    static boolean splittable(org.deeplearning4j.nn.conf.layers.Layer layer, LayerWeights w) {
        if (layer.getClass() != ConvolutionLayer.class) {
            return false;
        }
        long nOut = ((ConvolutionLayer) layer).getNOut();
        LayerWeights.Entry weight = w.entry("W");
        return weight != null && weight.tensor().info().layout().order() == 'c'
                && weight.tensor().info().layout().rank() == 4 && weight.tensor().info().layout().shape()[0] == nOut
                && w.splitsByChannel((int) nOut);
    }

    /** The first group, for what every group answers alike (type, mask handling). */
    Layer first() {
        return parts[0];
    }

    void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        for (Layer p : parts) {
            p.setInput(input, workspaceMgr);
        }
    }

    void setInputMiniBatchSize(int size) {
        for (Layer p : parts) {
            p.setInputMiniBatchSize(size);
        }
    }

    void setMaskArray(INDArray mask) {
        for (Layer p : parts) {
            p.setMaskArray(mask);
        }
    }

    void clear() {
        for (Layer p : parts) {
            p.clear();
        }
    }

    /** Runs every group and gathers their outputs along the channel axis. */
    INDArray activate(LayerWeights weights, Scratch scratch, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = null;
        for (int g = 0; g < parts.length; g++) {
            int c0 = g * groupChannels;
            int c1 = Math.min(nOut, c0 + groupChannels);
            weights.expandChannels(scratch, c0, c1, nOut);
            INDArray part = parts[g].activate(false, workspaceMgr);
            if (out == null) {
                long[] shape = part.shape().clone();
                shape[channelAxis] = nOut;
                out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, part.dataType(), shape, 'c');
            }
            INDArrayIndex[] at = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
            at[channelAxis] = NDArrayIndex.interval(c0, c1);
            out.get(at).assign(part);
        }
        return out;
    }
}
