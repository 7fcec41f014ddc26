package dev.compressor.api.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * The orders in which a {@link PairedProfiler} runs its arms, one per round, cycled: every permutation
 * of the arms in lexicographic order for up to five arms (so each arm runs in each position equally
 * often over a full cycle), and rotations beyond (each arm first once per cycle). Stateless.
 */
final class RoundOrders {

    private static final int MAX_PERMUTED = 5;

    private RoundOrders() {
    }

    /**
     * The orders for {@code k} arms.
     *
     * @param k the number of arms, at least 1
     * @return the orders, each a permutation of {@code 0..k-1}
     */
    static List<int[]> of(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one arm, got " + k);
        }
        List<int[]> out = new ArrayList<>();
        if (k > MAX_PERMUTED) {
            for (int shift = 0; shift < k; shift++) {
                int[] o = new int[k];
                for (int i = 0; i < k; i++) {
                    o[i] = (i + shift) % k;
                }
                out.add(o);
            }
            return out;
        }
        permute(new int[0], k, out);
        return out;
    }

    private static void permute(int[] prefix, int k, List<int[]> out) {
        if (prefix.length == k) {
            out.add(prefix);
            return;
        }
        for (int a = 0; a < k; a++) {
            boolean used = false;
            for (int p : prefix) {
                used |= p == a;
            }
            if (!used) {
                int[] next = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                next[prefix.length] = a;
                permute(next, k, out);
            }
        }
    }
}
