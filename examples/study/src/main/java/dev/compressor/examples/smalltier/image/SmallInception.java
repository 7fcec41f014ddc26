package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Small Inception networks for 28x28x1 images, one per version, each keeping its version's defining
 * blocks at a width that trains on two CPU cores in minutes. Each stem reduces the image to 7x7
 * before the first module (v1-v3: two 3x3 convolutions each followed by a max pool; v4: two
 * branched reductions), as the originals reduce 224 to 28 or 35 before theirs; DL4J's CPU convolution
 * copies every input patch (im2col), so the modules' cost grows with the grid they run on.
 * <ul>
 *   <li>v1 (GoogLeNet): modules of parallel 1x1, 1x1→3x3, 1x1→5x5 and maxpool→1x1 branches
 *       concatenated; convolutions with bias and ReLU, no batch normalisation; max pooling between
 *       grid sizes.</li>
 *   <li>v2 (BN-Inception): batch normalisation after every convolution, the 5x5 branch replaced by
 *       two stacked 3x3, average-pool projection branch, and a grid-reduction module whose branches
 *       stride by 2 in parallel with a max pool.</li>
 *   <li>v3: factorised convolutions: a module with 1xn/nx1 asymmetric pairs (n = 5 here at 7x7, 7 in
 *       the paper at 17x17), grid reduction, then the expanded-filter-bank module whose 3x3 branches
 *       split into parallel 1x3 and 3x1 outputs on the coarsest grid, as in the paper.</li>
 *   <li>v4: the branched stem (parallel stride-2 convolution and max pool, concatenated, twice),
 *       uniform Inception-A blocks, Reduction-A, an Inception-B block (1xn/nx1, n = 3 on the 4x4
 *       grid) and an Inception-C block (split 1x3 || 3x1 branches).</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class SmallInception {

    private SmallInception() {
    }

    static ComputationGraphConfiguration v1(long seed, double lr) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = stem(g, false);
        x = v1Module(g, "inc3a", x, 32, 32, 48, 8, 16, 16);
        x = v1Module(g, "inc3b", x, 48, 48, 64, 16, 32, 32);
        x = g.maxPool("pool3", x, 3, 2);
        x = v1Module(g, "inc4a", x, 64, 48, 96, 16, 32, 32);
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
    }

    /**
     * GoogLeNet's stem scaled to 28x28: a 3x3 convolution at full size, max pool to 14x14, a 3x3
     * convolution, max pool to 7x7 (GoogLeNet reduces 224 to 28 before its first module, 8x; this
     * reduces 4x). With or without batch norm.
     */
    private static String stem(SmallGraph g, boolean bn) {
        int c1 = bn ? 24 : 32;
        int c2 = bn ? 48 : 64;
        String x = bn ? g.convBnRelu("conv1", SmallGraph.INPUT, c1, 3, 3, 1)
                : g.convRelu("conv1", SmallGraph.INPUT, c1, 3, 3, 1);
        x = g.maxPool("pool1", x, 3, 2);
        x = bn ? g.convBnRelu("conv2", x, c2, 3, 3, 1) : g.convRelu("conv2", x, c2, 3, 3, 1);
        return g.maxPool("pool2", x, 3, 2);
    }

    private static String v1Module(SmallGraph g, String n, String in, int c1, int c3r, int c3, int c5r, int c5, int pp) {
        String b1 = g.convRelu(n + "_1x1", in, c1, 1, 1, 1);
        String b2 = g.convRelu(n + "_3x3", g.convRelu(n + "_3x3_reduce", in, c3r, 1, 1, 1), c3, 3, 3, 1);
        String b3 = g.convRelu(n + "_5x5", g.convRelu(n + "_5x5_reduce", in, c5r, 1, 1, 1), c5, 5, 5, 1);
        String b4 = g.convRelu(n + "_pool_proj", g.maxPool(n + "_pool", in, 3, 1), pp, 1, 1, 1);
        return g.concat(n + "_output", b1, b2, b3, b4);
    }

    static ComputationGraphConfiguration v2(long seed, double lr) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = stem(g, true);
        x = v2Module(g, "inc3a", x, 24, 24, 32, 12, 16, 16);
        x = v2Module(g, "inc3b", x, 32, 32, 48, 12, 24, 24);
        x = v2Reduction(g, "inc3c", x, 32, 48, 12, 24);
        x = v2Module(g, "inc4a", x, 48, 32, 64, 16, 24, 24);
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
    }

    private static String v2Module(SmallGraph g, String n, String in, int c1, int c3r, int c3, int d3r, int d3, int pp) {
        String b1 = g.convBnRelu(n + "_1x1", in, c1, 1, 1, 1);
        String b2 = g.convBnRelu(n + "_3x3", g.convBnRelu(n + "_3x3_reduce", in, c3r, 1, 1, 1), c3, 3, 3, 1);
        String d = g.convBnRelu(n + "_double_3x3_reduce", in, d3r, 1, 1, 1);
        String b3 = g.convBnRelu(n + "_double_3x3_2", g.convBnRelu(n + "_double_3x3_1", d, d3, 3, 3, 1), d3, 3, 3, 1);
        String b4 = g.convBnRelu(n + "_pool_proj", g.avgPool(n + "_pool", in, 3, 1), pp, 1, 1, 1);
        return g.concat(n + "_output", b1, b2, b3, b4);
    }

    private static String v2Reduction(SmallGraph g, String n, String in, int c3r, int c3, int d3r, int d3) {
        String b1 = g.convBnRelu(n + "_3x3", g.convBnRelu(n + "_3x3_reduce", in, c3r, 1, 1, 1), c3, 3, 3, 2);
        String d = g.convBnRelu(n + "_double_3x3_1", g.convBnRelu(n + "_double_3x3_reduce", in, d3r, 1, 1, 1), d3, 3, 3, 1);
        String b2 = g.convBnRelu(n + "_double_3x3_2", d, d3, 3, 3, 2);
        String b3 = g.maxPool(n + "_pool", in, 3, 2);
        return g.concat(n + "_output", b1, b2, b3);
    }

    static ComputationGraphConfiguration v3(long seed, double lr) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = stem(g, true);
        x = v2Module(g, "mixed_a", x, 24, 24, 32, 12, 16, 16); // Inception-A: 3x3 and double-3x3 branches
        x = factorised(g, "mixed_b", x, 32, 16, 32, 5);        // 1x5/5x1 on the 7x7 grid
        x = v2Reduction(g, "mixed_red", x, 32, 48, 12, 24);
        x = expanded(g, "mixed_c", x, 32, 24, 24, 24, 24);    // expanded filter bank on the coarsest grid
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
    }

    /** v3/v4 module with 1xn then nx1 (single) and a doubled factorised branch, plus avg-pool projection. */
    private static String factorised(SmallGraph g, String n, String in, int c1, int mid, int out, int k) {
        String b1 = g.convBnRelu(n + "_1x1", in, c1, 1, 1, 1);
        String s = g.convBnRelu(n + "_1x" + k + "_reduce", in, mid, 1, 1, 1);
        s = g.convBnRelu(n + "_1x" + k, s, mid, 1, k, 1);
        String b2 = g.convBnRelu(n + "_" + k + "x1", s, out, k, 1, 1);
        String d = g.convBnRelu(n + "_dbl_reduce", in, mid, 1, 1, 1);
        d = g.convBnRelu(n + "_dbl_" + k + "x1_1", d, mid, k, 1, 1);
        d = g.convBnRelu(n + "_dbl_1x" + k + "_1", d, mid, 1, k, 1);
        d = g.convBnRelu(n + "_dbl_" + k + "x1_2", d, mid, k, 1, 1);
        String b3 = g.convBnRelu(n + "_dbl_1x" + k + "_2", d, out, 1, k, 1);
        String b4 = g.convBnRelu(n + "_pool_proj", g.avgPool(n + "_pool", in, 3, 1), c1, 1, 1, 1);
        return g.concat(n + "_output", b1, b2, b3, b4);
    }

    /** The expanded filter bank: 3x3 branches split into parallel 1x3 and 3x1 outputs. */
    private static String expanded(SmallGraph g, String n, String in, int c1, int c3, int split, int d3, int pp) {
        String b1 = g.convBnRelu(n + "_1x1", in, c1, 1, 1, 1);
        String r = g.convBnRelu(n + "_3x3_reduce", in, c3, 1, 1, 1);
        String b2a = g.convBnRelu(n + "_3x3_1x3", r, split, 1, 3, 1);
        String b2b = g.convBnRelu(n + "_3x3_3x1", r, split, 3, 1, 1);
        String d = g.convBnRelu(n + "_dbl_3x3", g.convBnRelu(n + "_dbl_reduce", in, d3, 1, 1, 1), d3, 3, 3, 1);
        String b3a = g.convBnRelu(n + "_dbl_1x3", d, split, 1, 3, 1);
        String b3b = g.convBnRelu(n + "_dbl_3x1", d, split, 3, 1, 1);
        String b4 = g.convBnRelu(n + "_pool_proj", g.avgPool(n + "_pool", in, 3, 1), pp, 1, 1, 1);
        return g.concat(n + "_output", b1, b2a, b2b, b3a, b3b, b4);
    }

    static ComputationGraphConfiguration v4(long seed, double lr) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = g.convBnRelu("stem_conv1", SmallGraph.INPUT, 24, 3, 3, 1);
        x = g.concat("stem_concat1", g.maxPool("stem_pool1", x, 3, 2), g.convBnRelu("stem_conv2", x, 24, 3, 3, 2));
        x = g.concat("stem_concat2", g.maxPool("stem_pool2", x, 3, 2), g.convBnRelu("stem_conv3", x, 48, 3, 3, 2));
        x = inceptionA(g, "inception_a1", x);
        x = inceptionA(g, "inception_a2", x);
        x = v2Reduction(g, "reduction_a", x, 32, 48, 12, 24);
        x = factorised(g, "inception_b", x, 32, 16, 32, 3); // 1x3/3x1 on the 4x4 grid
        x = expanded(g, "inception_c", x, 32, 24, 24, 24, 24);
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
    }

    /** Inception-v4's Inception-A: avg-pool→1x1, 1x1, 1x1→3x3, 1x1→3x3→3x3, all 24 wide (96 out). */
    private static String inceptionA(SmallGraph g, String n, String in) {
        String b1 = g.convBnRelu(n + "_pool_proj", g.avgPool(n + "_pool", in, 3, 1), 24, 1, 1, 1);
        String b2 = g.convBnRelu(n + "_1x1", in, 24, 1, 1, 1);
        String b3 = g.convBnRelu(n + "_3x3", g.convBnRelu(n + "_3x3_reduce", in, 16, 1, 1, 1), 24, 3, 3, 1);
        String d = g.convBnRelu(n + "_dbl_reduce", in, 16, 1, 1, 1);
        String b4 = g.convBnRelu(n + "_dbl_3x3_2", g.convBnRelu(n + "_dbl_3x3_1", d, 24, 3, 3, 1), 24, 3, 3, 1);
        return g.concat(n + "_output", b1, b2, b3, b4);
    }
}
