package dev.compressor.quant.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A layer whose weights stay encoded in memory and are expanded into the network's shared scratch
 * buffer just before each forward pass. Either delegates to the original DL4J layer (whose
 * parameter views point into the scratch buffer), or, for dense and output layers that are large
 * or whose codes the {@link FusedProduct} reads, computes {@code activation(x W + b)} itself: at a
 * batch of up to {@link FusedProduct#MAX_BATCH} rows straight from the codes, else tile by tile (a block
 * of output columns of {@code W} decoded at a time, so the scratch buffer needs only one tile).
 * Inference only. Not thread-safe.
 */
final class ResidentLayer extends AbstractLayer<org.deeplearning4j.nn.conf.layers.Layer> {

    private static final long serialVersionUID = 1L;

    private final transient LayerWeights weights;
    private final transient Scratch scratch;
    private final transient Layer delegate;
    private final transient ConvolutionGroups groups;
    private final transient EmbeddingLookup embedding;
    private final transient INDArray bias;
    private final int tileColumns;

    /**
     * @param tileElements dense layers: most weights per expanded tile, 0 to delegate
     * @param groupChannels convolutions: output channels per group ({@link ConvolutionGroups}), 0 for the whole layer
     */
    ResidentLayer(NeuralNetConfiguration conf, DataType dataType, LayerWeights weights, Scratch scratch,
            int tileElements, int groupChannels, Collection<TrainingListener> listeners, int index) {
        super(conf, dataType);
        this.weights = weights;
        this.scratch = scratch;
        setIndex(index);
        if (tileElements > 0) {
            FeedForwardLayer ff = (FeedForwardLayer) conf.getLayer();
            this.tileColumns = (int) Math.max(1, Math.min(ff.getNOut(), tileElements / ff.getNIn()));
            LayerWeights.Entry b = weights.entry("b");
            if (b != null) {
                float[] v = new float[b.length()];
                LayerWeights.decodeRange(b, 0, b.length(), v);
                this.bias = Nd4j.create(v, new long[] {1, v.length}, 'c');
            } else {
                this.bias = null;
            }
            this.delegate = null;
            this.groups = null;
            this.embedding = null;
        } else if (EmbeddingLookup.supports(conf.getLayer(), weights)) {
            this.tileColumns = 0;
            this.bias = null;
            this.groups = null;
            this.delegate = null;
            this.embedding = new EmbeddingLookup((EmbeddingSequenceLayer) conf.getLayer(), weights);
        } else if (groupChannels > 0) {
            this.tileColumns = 0;
            this.bias = null;
            this.groups = new ConvolutionGroups(conf, listeners, index, weights, scratch, groupChannels, dataType);
            this.delegate = groups.first();
            this.embedding = null;
        } else {
            this.tileColumns = 0;
            this.bias = null;
            this.groups = null;
            this.delegate = conf.getLayer().instantiate(conf, listeners, index, scratch.view(weights.length()), false,
                    dataType);
            this.embedding = null;
        }
    }

    /** Whether this layer computes itself (dense tiles or fused, embedding lookups) instead of delegating. */
    boolean tiled() {
        return delegate == null;
    }

    LayerWeights weights() {
        return weights;
    }

    Scratch scratch() {
        return scratch;
    }

    long biasBytes() {
        return embedding != null ? embedding.biasBytes() : bias == null ? 0 : 4L * bias.length();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (training) {
            throw new UnsupportedOperationException("layer '" + layerId() + "' is resident-quantized: inference only");
        }
        assertInputSet(false);
        if (embedding != null) {
            return embedding.activate(input, maskArray, layerId(), workspaceMgr);
        }
        if (groups != null) {
            return groups.activate(weights, scratch, workspaceMgr);
        }
        if (delegate != null) {
            weights.expandInto(scratch);
            return delegate.activate(false, workspaceMgr);
        }
        return activateTiled(workspaceMgr);
    }

    private INDArray activateTiled(LayerWorkspaceMgr workspaceMgr) {
        FeedForwardLayer ff = (FeedForwardLayer) layerConf();
        int nIn = (int) ff.getNIn();
        int nOut = (int) ff.getNOut();
        INDArray x = input.dataType() == DataType.FLOAT ? input : input.castTo(DataType.FLOAT);
        if (x.rank() == 3 && ff instanceof RnnOutputLayer rnn) {
            // one row per time step: [b, nIn, T] (NCW) or [b, T, nIn] (NWC) to [b T, nIn] and back
            boolean ncw = rnn.getRnnDataFormat() != RNNFormat.NWC;
            long b = x.size(0);
            long t = ncw ? x.size(2) : x.size(1);
            if ((ncw ? x.size(1) : x.size(2)) != nIn) {
                throw new IllegalStateException("layer '" + layerId() + "' expects " + nIn + " input features, got "
                        + java.util.Arrays.toString(x.shape()));
            }
            INDArray rows = (ncw ? x.permute(0, 2, 1) : x).dup('c').reshape('c', b * t, nIn);
            INDArray z = activatedRows(rows, nIn, nOut, workspaceMgr).reshape('c', b, t, nOut);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    ncw ? new long[] {b, nOut, t} : new long[] {b, t, nOut}, 'c');
            return out.assign(ncw ? z.permute(0, 2, 1) : z);
        }
        if (x.rank() != 2 || x.size(1) != nIn) {
            throw new IllegalStateException("layer '" + layerId() + "' expects input [minibatch, " + nIn + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        return activatedRows(x, nIn, nOut, workspaceMgr);
    }

    /** {@code activation(x W + b)} for {@code x [rows, nIn]}: fused for a few rows, else in tiles. */
    private INDArray activatedRows(INDArray x, int nIn, int nOut, LayerWorkspaceMgr workspaceMgr) {
        LayerWeights.Entry w = weights.entry("W");
        int batch = (int) x.size(0);
        INDArray z;
        if (w.packed() != null && batch <= FusedProduct.MAX_BATCH && FusedProduct.supports(w.packed(), nIn, nOut)) {
            z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {batch, nOut}, 'c');
            float[] in = x.dup('c').reshape(x.length()).toFloatVector();
            float[] out = new float[batch * nOut];
            FusedProduct.multiply(w.packed(), nIn, nOut, in, batch, out,
                    w.packed().bits() == 8 ? null : scratch.codes(nIn + 8));
            z.assign(Nd4j.create(out, new long[] {batch, nOut}, 'c'));
        } else {
            z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {batch, nOut}, 'f');
            multiplyTiles(x, w, nIn, nOut, z);
        }
        if (bias != null) {
            z.addiRowVector(bias);
        }
        return ((BaseLayer) layerConf()).getActivationFn().getActivation(z, false);
    }

    /** {@code z = x W} one tile of output columns at a time, each expanded into the scratch buffer. */
    private void multiplyTiles(INDArray x, LayerWeights.Entry w, int nIn, int nOut, INDArray z) {
        for (int j0 = 0; j0 < nOut; j0 += tileColumns) {
            int j1 = Math.min(nOut, j0 + tileColumns);
            int len = (j1 - j0) * nIn;
            LayerWeights.expandRange(w, j0 * nIn, j1 * nIn, scratch, 0);
            INDArray tile = scratch.view(len).reshape('f', nIn, j1 - j0);
            z.get(NDArrayIndex.all(), NDArrayIndex.interval(j0, j1)).assign(x.mmul(tile));
        }
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        if (groups != null) {
            groups.setInput(this.input, workspaceMgr);
        } else if (delegate != null) {
            delegate.setInput(this.input, workspaceMgr);
        }
    }

    @Override
    public void setInputMiniBatchSize(int size) {
        super.setInputMiniBatchSize(size);
        if (groups != null) {
            groups.setInputMiniBatchSize(size);
        } else if (delegate != null) {
            delegate.setInputMiniBatchSize(size);
        }
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        super.setMaskArray(maskArray);
        if (groups != null) {
            groups.setMaskArray(maskArray);
        } else if (delegate != null) {
            delegate.setMaskArray(maskArray);
        }
    }

    @Override
    public void clear() {
        super.clear();
        if (groups != null) {
            groups.clear();
        } else if (delegate != null) {
            delegate.clear();
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException("layer '" + layerId() + "' is resident-quantized: inference only");
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return delegate != null ? delegate.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize)
                : super.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    }

    @Override
    public Type type() {
        return delegate != null ? delegate.type() : embedding != null ? Type.RECURRENT : Type.FEED_FORWARD;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no weight noise at inference
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public long numParams() {
        return 0;
    }

    @Override
    public long numParams(boolean backwards) {
        return 0;
    }

    @Override
    public INDArray params() {
        return null;
    }

    @Override
    public Map<String, INDArray> paramTable() {
        return Collections.emptyMap();
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropParamsOnly) {
        return Collections.emptyMap();
    }
}
