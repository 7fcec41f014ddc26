package dev.compressor.quant;

import dev.compressor.quant.internal.KMeans1D;

/**
 * One weight tensor under weight sharing: its place in the flat parameter vector, the fixed cluster
 * of each element ({@code -1} for an element that is zero and stays zero) and the shared value of
 * each cluster when sharing began. Applies Deep Compression's rule to flat-order gradient and
 * updater-state slices of the tensor. Immutable (the arrays are not shared with callers); thread-safe.
 */
final class SharedTensor {

    private final String name;
    private final long offset;
    private final int[] cluster;
    private final float[] centroids;

    private SharedTensor(String name, long offset, int[] cluster, float[] centroids) {
        this.name = name;
        this.offset = offset;
        this.cluster = cluster;
        this.centroids = centroids;
    }

    /**
     * Clusters a tensor's values as {@link KMeansQuantizer} does: values that already take at most
     * {@code 2^bits} distinct values are their own codebook, otherwise k-means with linear
     * initialisation; a tensor with zeros has only its non-zero values clustered, its zeros fixed.
     *
     * @param name the tensor's name
     * @param offset its first element in the flat parameter vector
     * @param values its values in flat order
     * @param bits bits per index
     * @param maxIterations most Lloyd iterations
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    static SharedTensor cluster(String name, long offset, float[] values, int bits, int maxIterations) {
        boolean zeros = false;
        for (float v : values) {
            zeros |= v == 0;
        }
        float[] free = zeros ? NonZeros.gather(values) : values;
        int[] cluster = new int[values.length];
        if (free.length == 0) {
            java.util.Arrays.fill(cluster, -1);
            return new SharedTensor(name, offset, cluster, new float[0]);
        }
        float[] own = KMeans1D.distinctAtMost(free, 1 << bits);
        float[] codebook = own != null ? own : KMeans1D.fit(free, 1 << bits, maxIterations);
        int[] idx = new int[free.length];
        KMeans1D.assigner(codebook).assign(free, 0, free.length, idx, 0, own != null);
        for (int i = 0, j = 0; i < values.length; i++) {
            cluster[i] = zeros && values[i] == 0 ? -1 : idx[j++];
        }
        return new SharedTensor(name, offset, cluster, codebook);
    }

    String name() {
        return name;
    }

    long offset() {
        return offset;
    }

    int length() {
        return cluster.length;
    }

    /** The number of clusters (zeros not counted). */
    int clusters() {
        return centroids.length;
    }

    /**
     * The tensor's values when sharing begins: each element its centroid; a zero stays the zero it
     * was (its sign bit too).
     *
     * @param original the values the tensor was clustered from
     * @return a new array
     */
    float[] sharedValues(float[] original) {
        float[] out = new float[cluster.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = cluster[i] < 0 ? original[i] : centroids[cluster[i]];
        }
        return out;
    }

    /**
     * Deep Compression's gradient of shared weights, in place: every element gets the sum (in
     * double, rounded once) of the gradients of its cluster; elements of zeros get 0.
     *
     * @param g the tensor's gradient in flat order
     */
    void sumPerCluster(float[] g) {
        double[] sum = new double[centroids.length];
        for (int i = 0; i < g.length; i++) {
            if (cluster[i] >= 0) {
                sum[cluster[i]] += g[i];
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] = cluster[i] < 0 ? 0f : (float) sum[cluster[i]];
        }
    }

    /**
     * Makes one slice of updater state (a per-element moment, in flat order) equal within each
     * cluster, in place: every element gets its cluster's mean; elements of zeros get 0. From equal
     * state and equal gradients, an element-wise updater moves all members of a cluster alike.
     *
     * @param state the slice
     */
    void equalize(float[] state) {
        double[] sum = new double[centroids.length];
        long[] count = new long[centroids.length];
        for (int i = 0; i < state.length; i++) {
            if (cluster[i] >= 0) {
                sum[cluster[i]] += state[i];
                count[cluster[i]]++;
            }
        }
        for (int i = 0; i < state.length; i++) {
            state[i] = cluster[i] < 0 ? 0f : (float) (sum[cluster[i]] / count[cluster[i]]);
        }
    }
}
