package dev.compressor.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.api.CompressionState;
import dev.compressor.api.tensor.ParamKind;
import dev.compressor.api.tensor.TensorInfo;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Checks {@link TensorInfo#outputAxis()} (the per-channel axis compressors split along) against
 * real DL4J layers: scaling slice {@code k} of a weight along that axis must change only the
 * layer outputs that slice feeds.
 */
class OutputAxisTest {

    private static MultiLayerNetwork single(Layer layer, InputType in) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).list().layer(layer)
                .setInputType(in).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.params().addi(Nd4j.rand(DataType.FLOAT, net.params().shape()).subi(0.5)); // no zero weights
        return net;
    }

    private static TensorInfo info(MultiLayerNetwork net, String key) {
        for (TensorInfo t : CompressionState.of(net, 1).tensors().stream().map(s -> s.info()).toList()) {
            if (t.paramKey().equals(key)) {
                return t;
            }
        }
        throw new AssertionError("no tensor " + key);
    }

    /** Output channels (along {@code channelDim} of the output) that change when slice k is doubled. */
    private static Set<Integer> changedChannels(MultiLayerNetwork net, String key, int axis, int k, INDArray x,
            int channelDim) {
        return changedChannels(net, key, axis, k, x, channelDim, o -> o);
    }

    private static Set<Integer> changedChannels(MultiLayerNetwork net, String key, int axis, int k, INDArray x,
            int channelDim, UnaryOperator<INDArray> select) {
        INDArray w = net.getLayer(0).getParam(key);
        INDArrayIndex[] idx = new INDArrayIndex[w.rank()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i == axis ? NDArrayIndex.point(k) : NDArrayIndex.all();
        }
        return changed(net, x, channelDim, select, () -> w.get(idx).muli(2), () -> w.get(idx).divi(2));
    }

    private static Set<Integer> changed(MultiLayerNetwork net, INDArray x, int channelDim,
            UnaryOperator<INDArray> select, Runnable perturb, Runnable restore) {
        INDArray before = select.apply(net.output(x)).dup();
        perturb.run();
        INDArray after = select.apply(net.output(x)).dup();
        restore.run();
        Set<Integer> changed = new TreeSet<>();
        for (int c = 0; c < before.size(channelDim); c++) {
            INDArrayIndex[] oi = new INDArrayIndex[before.rank()];
            for (int i = 0; i < oi.length; i++) {
                oi[i] = i == channelDim ? NDArrayIndex.point(c) : NDArrayIndex.all();
            }
            double d = before.get(oi).sub(after.get(oi)).norm2Number().doubleValue();
            if (d > 1e-6 * (1 + before.get(oi).norm2Number().doubleValue())) {
                changed.add(c);
            }
        }
        return changed;
    }

    private static void zeroBias(MultiLayerNetwork net, String key) {
        INDArray b = net.getLayer(0).getParam(key);
        if (b != null) {
            b.assign(0);
        }
    }

    @Test
    void denseSplitsAlongColumns() {
        MultiLayerNetwork net = single(new DenseLayer.Builder().nOut(6).activation(Activation.IDENTITY).build(),
                InputType.feedForward(5));
        TensorInfo w = info(net, "W");
        assertEquals(1, w.outputAxis());
        assertEquals(6, w.layout().dim(1));
        assertEquals(Set.of(4), changedChannels(net, "W", 1, 4, Nd4j.rand(DataType.FLOAT, 3, 5), 1));
    }

    @Test
    void convolutionSplitsAlongOutputChannels() {
        MultiLayerNetwork net = single(new ConvolutionLayer.Builder(3, 3).nOut(5).activation(Activation.IDENTITY)
                .build(), InputType.convolutional(7, 7, 3));
        TensorInfo w = info(net, "W");
        assertEquals(0, w.outputAxis());
        assertEquals(5, w.layout().dim(0));
        assertEquals(Set.of(2), changedChannels(net, "W", 0, 2, Nd4j.rand(DataType.FLOAT, 2, 3, 7, 7), 1));
    }

    /**
     * DL4J 1.0.0-M2.1 declares Conv1D weights [nOut, nIn, k, 1] but reads the memory as [k, nIn, nOut]:
     * the declared axis 0 is not the output channel (so the API reports no output axis); {@link Channels} splits element i into
     * channel i % nOut instead.
     */
    @Test
    void convolution1dChannelsAreInterleavedDespiteTheDeclaredShape() {
        MultiLayerNetwork net = single(new Convolution1DLayer.Builder(3).nOut(4).activation(Activation.IDENTITY)
                .build(), InputType.recurrent(3, 9));
        TensorInfo w = info(net, "W");
        assertEquals(-1, w.outputAxis(), "the API reports no single output axis (see ParamRoles)");
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 9);
        assertEquals(Set.of(0, 1, 2, 3), changedChannels(net, "W", 0, 1, x, 1), "declared axis 0 mixes channels");
        ChannelSplit split = Channels.of(w);
        assertEquals(new ChannelSplit(9, 4, 1), split);
        INDArray view = net.getLayer(0).getParam("W");
        for (int k = 0; k < 4; k++) {
            int channel = k;
            Runnable scale = () -> {
                for (int i = 0; i < view.length(); i++) {
                    if (split.channelOf(i) == channel) {
                        view.putScalar(i, view.getDouble(i) * 2);
                    }
                }
            };
            Runnable unscale = () -> {
                for (int i = 0; i < view.length(); i++) {
                    if (split.channelOf(i) == channel) {
                        view.putScalar(i, view.getDouble(i) / 2);
                    }
                }
            };
            assertEquals(Set.of(k), changed(net, x, 1, o -> o, scale, unscale), "channel " + k);
        }
    }

    @Test
    void deconvolutionSplitsAlongItsSecondAxis() {
        MultiLayerNetwork net = single(new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(4)
                .activation(Activation.IDENTITY).build(), InputType.convolutional(4, 4, 3));
        TensorInfo w = info(net, "W");
        assertEquals(1, w.outputAxis());
        assertEquals(4, w.layout().dim(1));
        assertEquals(Set.of(3), changedChannels(net, "W", 1, 3, Nd4j.rand(DataType.FLOAT, 2, 3, 4, 4), 1));
    }

    @Test
    void depthwiseSplitsAlongInputChannelsEachFeedingItsMultiplierGroup() {
        MultiLayerNetwork net = single(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2)
                .activation(Activation.IDENTITY).build(), InputType.convolutional(6, 6, 3));
        TensorInfo w = info(net, "W");
        assertEquals(2, w.outputAxis());
        assertEquals(3, w.layout().dim(2));
        Set<Integer> changed = changedChannels(net, "W", 2, 1, Nd4j.rand(DataType.FLOAT, 2, 3, 6, 6), 1);
        assertEquals(2, changed.size(), "one input channel feeds depthMultiplier output channels: " + changed);
    }

    @Test
    void separablePointwiseSplitsAlongOutputsAndDepthwiseAlongInputChannels() {
        MultiLayerNetwork net = single(new SeparableConvolution2D.Builder(3, 3).nOut(4).depthMultiplier(1)
                .activation(Activation.IDENTITY).build(), InputType.convolutional(6, 6, 3));
        zeroBias(net, "b");
        assertEquals(0, info(net, "pW").outputAxis());
        assertEquals(1, info(net, "W").outputAxis());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 6, 6);
        assertEquals(Set.of(3), changedChannels(net, "pW", 0, 3, x, 1));
        // keep only depthwise channel 1 in the pointwise mix: then only depthwise slice 1 matters
        INDArray pw = net.getLayer(0).getParam("pW");
        for (int c = 0; c < 3; c++) {
            if (c != 1) {
                pw.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
            }
        }
        assertEquals(Set.of(0, 1, 2, 3), changedChannels(net, "W", 1, 1, x, 1));
        assertEquals(Set.of(), changedChannels(net, "W", 1, 0, x, 1));
        assertEquals(Set.of(), changedChannels(net, "W", 1, 2, x, 1));
    }

    @Test
    void lstmSplitsAlongGateColumnsOfInputAndRecurrentWeights() {
        int nOut = 3;
        MultiLayerNetwork net = single(new LSTM.Builder().nOut(nOut).activation(Activation.TANH)
                .dataFormat(RNNFormat.NCW).build(), InputType.recurrent(4, 2));
        TensorInfo w = info(net, "W");
        TensorInfo rw = info(net, "RW");
        assertEquals(1, w.outputAxis());
        assertEquals(1, rw.outputAxis());
        assertEquals(ParamKind.RECURRENT_WEIGHT, rw.kind());
        assertEquals(4L * nOut, w.layout().dim(1));
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 4, 2);
        UnaryOperator<INDArray> first = o -> o.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0));
        UnaryOperator<INDArray> second = o -> o.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1));
        Set<Integer> touched = new TreeSet<>();
        for (int j = 0; j < 4 * nOut; j++) {
            // at the first step only the unit whose gate column changed can differ
            Set<Integer> units = changedChannels(net, "W", 1, j, x, 1, first);
            assertTrue(Set.of(j % nOut).containsAll(units), "W column " + j + " changed units " + units);
            // recurrent weights act from the second step on, again on their own unit only
            Set<Integer> rUnits = changedChannels(net, "RW", 1, j, x, 1, second);
            assertTrue(Set.of(j % nOut).containsAll(rUnits), "RW column " + j + " changed units " + rUnits);
            touched.addAll(units);
        }
        assertEquals(Set.of(0, 1, 2), touched, "every unit depends on some of its gate columns");
    }

    @Test
    void embeddingSplitsAlongTokens() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).list()
                .layer(new EmbeddingLayer.Builder().nIn(7).nOut(4).activation(Activation.IDENTITY).hasBias(false)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        TensorInfo w = info(net, "W");
        assertEquals(0, w.outputAxis());
        assertEquals(ParamKind.EMBEDDING, w.kind());
        INDArray tokens = Nd4j.createFromArray(new float[][] {{2}, {5}, {2}});
        // rows of the output are examples: doubling token 5's row changes example 1 only
        assertEquals(Set.of(1), changedChannels(net, "W", 0, 5, tokens, 0));
    }
}
