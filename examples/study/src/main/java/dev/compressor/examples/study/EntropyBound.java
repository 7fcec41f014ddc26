package dev.compressor.examples.study;

import dev.compressor.api.CompressionState;
import dev.compressor.api.TensorSelector;
import dev.compressor.api.TensorState;
import dev.compressor.api.artifact.ArtifactTensor;
import dev.compressor.api.artifact.CompressedModel;
import dev.compressor.api.encoding.entropy.EmpiricalEntropy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entropy bound of a pruned, weight-shared artifact: for every weight tensor, the empirical
 * entropy of its mask ({@code n * H(nnz / n)}) and of its code indices (the order-0 entropy of which
 * codebook entry each kept weight uses), plus its codebook at 4 bytes per entry; everything else in
 * the file (artifact header, manifest, configuration, biases and every per-blob header and frequency
 * table) counted at the bytes it takes. A file can only beat this bound with a model of higher order
 * than the per-tensor symbol frequencies. Immutable.
 *
 * @param tensors one row per weight tensor
 * @param fileBytes the artifact's size on disk
 * @param weightBlobBytes the weight tensors' blobs together
 */
public record EntropyBound(List<Row> tensors, long fileBytes, long weightBlobBytes) {

    /**
     * One weight tensor.
     *
     * @param name the parameter key
     * @param layer the layer name
     * @param length elements
     * @param kept non-zero elements
     * @param codebook distinct non-zero values (codebook entries in use)
     * @param maskBits the mask's empirical entropy, in bits
     * @param indexBits the code indices' empirical entropy, in bits
     * @param blobBytes the tensor's blob in the artifact, in bytes
     */
    public record Row(String name, String layer, long length, long kept, int codebook, double maskBits,
            double indexBits, long blobBytes) {

        /** The row's share of the bound: entropies plus codebook, in bytes. @return the bytes */
        public double boundBytes() {
            return (maskBits + indexBits) / 8 + 4.0 * codebook;
        }

        /** The fraction of weights kept. @return kept / length */
        public double density() {
            return (double) kept / length;
        }
    }

    /** Copies the rows. */
    public EntropyBound {
        tensors = List.copyOf(tensors);
    }

    /**
     * Measures the bound of an artifact written from a compression state.
     *
     * @param state the state the artifact was written from (its stored values)
     * @param artifact the artifact
     * @param fileBytes the artifact's size on disk, in bytes
     * @return the bound
     * @throws IllegalArgumentException if a weight tensor of the state is missing from the artifact
     */
    public static EntropyBound of(CompressionState state, CompressedModel artifact, long fileBytes) {
        Map<String, Long> blobs = new HashMap<>();
        for (ArtifactTensor t : artifact.tensors()) {
            blobs.put(t.info().name(), t.blobLength());
        }
        List<Row> rows = new ArrayList<>();
        long weightBlobs = 0;
        for (TensorState t : state.tensors()) {
            if (!TensorSelector.weights().test(t.info())) {
                continue;
            }
            Long blob = blobs.get(t.name());
            if (blob == null) {
                throw new IllegalArgumentException("weight tensor '" + t.name() + "' is not in the artifact");
            }
            rows.add(row(t, blob));
            weightBlobs += blob;
        }
        return new EntropyBound(rows, fileBytes, weightBlobs);
    }

    private static Row row(TensorState t, long blob) {
        float[] v = t.values().data();
        float[] kept = new float[v.length];
        int nnz = 0;
        for (float x : v) {
            if (x != 0f) {
                kept[nnz++] = x;
            }
        }
        float[] sorted = Arrays.copyOf(kept, nnz);
        Arrays.sort(sorted);
        List<Long> runs = new ArrayList<>();
        long run = 0;
        for (int i = 0; i < nnz; i++) {
            if (i > 0 && Float.compare(sorted[i - 1], sorted[i]) != 0) {
                runs.add(run);
                run = 0;
            }
            run++;
        }
        if (run > 0) {
            runs.add(run);
        }
        long[] counts = runs.stream().mapToLong(Long::longValue).toArray();
        return new Row(t.name(), t.info().layerName(), v.length, nnz, counts.length,
                EmpiricalEntropy.maskBits(v.length, nnz), EmpiricalEntropy.bits(counts), blob);
    }

    /** Bytes of the file outside the weight blobs (headers, manifest, configuration, biases). @return bytes */
    public long otherBytes() {
        return fileBytes - weightBlobBytes;
    }

    /** The bound: the rows' entropies and codebooks plus {@link #otherBytes()}. @return bytes */
    public double boundBytes() {
        return otherBytes() + tensors.stream().mapToDouble(Row::boundBytes).sum();
    }

    /** The file's size over the bound (1.0 means the file is exactly as small as the bound). @return the ratio */
    public double overhead() {
        return fileBytes / boundBytes();
    }

    /** Weights kept over all weights. @return the overall density */
    public double density() {
        long n = tensors.stream().mapToLong(Row::length).sum();
        return (double) tensors.stream().mapToLong(Row::kept).sum() / n;
    }
}
