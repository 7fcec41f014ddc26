package dev.compressor.quant;

import dev.compressor.api.artifact.ArtifactException;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.quant.internal.ResidentAssembler;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;

/**
 * The resident-quantized runtime: networks restored from an artifact whose dense, output,
 * convolution and embedding layers keep their weights encoded (int-k, codebook, fp16, sparse) in
 * memory and expand them into one shared scratch buffer just before each layer runs. Dense and
 * output layers larger than the tile budget are computed tile by tile, so the scratch buffer
 * never holds more than one tile of them. Resident weight memory falls to about the encoded size
 * plus the scratch buffer, at the price of decoding weights on every forward pass: the trade-off
 * {@link #memory(Model)} and a profiler measure.
 *
 * <p>{@link CompressedModel#restore(dev.compressor.api.artifact.RuntimeMode)} with
 * {@code RESIDENT_QUANTIZED} uses this runtime with the default tile budget. Restored networks
 * are for inference only ({@code output}, {@code feedForward}); training them throws. Like every
 * DL4J network they are not thread-safe. The methods here are stateless and thread-safe.
 */
public final class ResidentNetworks {

    /** The default tile budget: 4M weights (16 MB) of one dense layer expanded at a time. */
    public static final int DEFAULT_TILE_ELEMENTS = ResidentAssembler.DEFAULT_TILE_ELEMENTS;

    private ResidentNetworks() {
    }

    /**
     * Restores a resident network with the default tile budget.
     *
     * @param model the artifact
     * @return a MultiLayerNetwork or ComputationGraph, as the artifact holds
     * @throws ArtifactException if the artifact cannot be restored
     */
    public static Model restore(CompressedModel model) throws ArtifactException {
        return restore(model, DEFAULT_TILE_ELEMENTS);
    }

    /**
     * Restores a resident network.
     *
     * @param model the artifact
     * @param tileElements most weights of one dense layer expanded at a time; 0 expands whole layers
     * @return a MultiLayerNetwork or ComputationGraph, as the artifact holds
     * @throws ArtifactException if the artifact cannot be restored
     * @throws IllegalArgumentException if {@code tileElements} is negative
     */
    public static Model restore(CompressedModel model, int tileElements) throws ArtifactException {
        Objects.requireNonNull(model, "model");
        return ResidentAssembler.restore(model, tileElements);
    }

    /**
     * What a network holds resident for its weights.
     *
     * @param network a MultiLayerNetwork or ComputationGraph, resident or not
     * @return the memory, in bytes
     */
    public static ResidentMemory memory(Model network) {
        Objects.requireNonNull(network, "network");
        long[] m = ResidentAssembler.memory(network);
        return new ResidentMemory(m[0], m[1], m[2]);
    }

    /**
     * Resident weight memory of a network.
     *
     * @param encodedBytes encoded blobs held by resident layers
     * @param scratchBytes the shared expansion buffers (Java and ND4J)
     * @param denseBytes parameters held decoded (fp32): everything for an ordinary network
     */
    public record ResidentMemory(long encodedBytes, long scratchBytes, long denseBytes) {

        /** The sum. @return bytes */
        public long totalBytes() {
            return encodedBytes + scratchBytes + denseBytes;
        }
    }
}
