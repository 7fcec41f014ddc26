package dev.compressor.prune.structured;

import dev.compressor.api.tensor.FloatTensor;
import dev.compressor.api.tensor.TensorLayout;

/** Copies the kept slices of a tensor along some axes into a smaller tensor of the same order. Stateless. */
final class Gather {

    private Gather() {
    }

    /**
     * The sub-tensor of the kept indices.
     *
     * @param src the tensor
     * @param keep per axis, the kept indices in ascending order, or null to keep the whole axis
     * @return a new tensor with the same element order
     */
    static FloatTensor gather(FloatTensor src, int[][] keep) {
        TensorLayout in = src.layout();
        int rank = in.rank();
        int[][] idx = new int[rank][];
        long[] shape = new long[rank];
        for (int a = 0; a < rank; a++) {
            idx[a] = keep[a] != null ? keep[a] : identity((int) in.dim(a));
            shape[a] = idx[a].length;
            for (int i : idx[a]) {
                if (i < 0 || i >= in.dim(a)) {
                    throw new IllegalStateException("index " + i + " outside axis " + a + " of " + in);
                }
            }
        }
        TensorLayout outLayout = TensorLayout.of(in.order(), shape);
        float[] out = new float[outLayout.length()];
        int[] axes = new int[rank]; // fastest axis first
        for (int k = 0; k < rank; k++) {
            axes[k] = in.order() == 'c' ? rank - 1 - k : k;
        }
        long[] stride = new long[rank];
        for (int a = 0; a < rank; a++) {
            stride[a] = in.stride(a);
        }
        int fast = axes[0];
        int[] fastIdx = idx[fast];
        long fastStride = stride[fast];
        int[] counter = new int[rank];
        float[] s = src.data();
        int pos = 0;
        while (pos < out.length) {
            long base = 0;
            for (int k = 1; k < rank; k++) {
                base += idx[axes[k]][counter[axes[k]]] * stride[axes[k]];
            }
            for (int i : fastIdx) {
                out[pos++] = s[(int) (base + i * fastStride)];
            }
            for (int k = 1; k < rank; k++) { // odometer over the slower axes
                int a = axes[k];
                if (++counter[a] < idx[a].length) {
                    break;
                }
                counter[a] = 0;
            }
        }
        return new FloatTensor(outLayout, out);
    }

    static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
