package dev.compressor.examples.smalltier.image;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/**
 * Small Inception networks for 28x28x1 images, one per version, each keeping its version's defining
 * blocks at a width that trains on two CPU cores in minutes:
 * <ul>
 *   <li>v1 (GoogLeNet): modules of parallel 1x1, 1x1→3x3, 1x1→5x5 and maxpool→1x1 branches
 *       concatenated; convolutions with bias and ReLU, no batch normalisation; max pooling between
 *       grid sizes.</li>
 *   <li>v2 (BN-Inception): batch normalisation after every convolution, the 5x5 branch replaced by
 *       two stacked 3x3, average-pool projection branch, and a grid-reduction module whose branches
 *       stride by 2 in parallel with a max pool.</li>
 *   <li>v3: factorised convolutions: a module with 1xn/nx1 asymmetric pairs (n = 5 here, 7 in the
 *       paper at 17x17) and the expanded-filter-bank module whose 3x3 branches split into parallel
 *       1x3 and 3x1 outputs; grid reduction between them.</li>
 *   <li>v4: the branched stem (parallel stride-2 convolution and max pool, concatenated), uniform
 *       Inception-A blocks, Reduction-A, an Inception-B block (1xn/nx1) and an Inception-C block
 *       (split 1x3 || 3x1 branches).</li>
 * </ul>
 * Stateless and thread-safe.
 */
final class SmallInception {

    private SmallInception() {
    }

    static ComputationGraphConfiguration v1(long seed, double lr) {
        SmallGraph g = SmallGraph.start(seed, lr, 28, 1);
        String x = g.convRelu("conv1", SmallGraph.INPUT, 32, 3, 3, 1);
        x = g.maxPool("pool1", x, 3, 2);
        x = v1Module(g, "inc3a", x, 16, 16, 24, 4, 8, 8);
        x = v1Module(g, "inc3b", x, 24, 24, 32, 8, 16, 16);
        x = g.maxPool("pool3", x, 3, 2);
        x = v1Module(g, "inc4a", x, 32, 24, 48, 8, 16, 16);
        g.globalPoolClassifier(x, 10);
        return g.builder().build();
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
        String x = g.convBnRelu("conv1", SmallGraph.INPUT, 32, 3, 3, 1);
        x = g.maxPool("pool1", x, 3, 2);
        x = v2Module(g, "inc3a", x, 16, 16, 24, 16, 24, 8);
        x = v2Module(g, "inc3b", x, 24, 24, 32, 16, 24, 16);
        x = v2Reduction(g, "inc3c", x, 24, 32, 16, 24);
        x = v2Module(g, "inc4a", x, 48, 24, 48, 24, 32, 16);
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
        String x = g.convBnRelu("conv1", SmallGraph.INPUT, 32, 3, 3, 1);
        x = g.maxPool("pool1", x, 3, 2);
        x = v2Module(g, "mixed_a", x, 16, 16, 24, 16, 24, 8); // Inception-A: 3x3 and double-3x3 branches
        x = v2Reduction(g, "mixed_red", x, 24, 32, 16, 24);
        x = factorised(g, "mixed_b", x, 32, 16, 32, 5);
        x = expanded(g, "mixed_c", x, 32, 24, 24, 24, 16);
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
        String x = g.convBnRelu("stem_conv1", SmallGraph.INPUT, 32, 3, 3, 1);
        String p = g.maxPool("stem_pool", x, 3, 2);
        String c = g.convBnRelu("stem_conv2", x, 32, 3, 3, 2);
        x = g.concat("stem_concat", p, c);
        x = inceptionA(g, "inception_a1", x);
        x = inceptionA(g, "inception_a2", x);
        x = v2Reduction(g, "reduction_a", x, 24, 32, 16, 32);
        x = factorised(g, "inception_b", x, 32, 16, 32, 5);
        x = expanded(g, "inception_c", x, 32, 24, 24, 24, 16);
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
