package dev.compressor.prune;

import java.util.Arrays;

/** Selection of the k-th smallest int in linear expected time (quickselect). Stateless. */
final class IntSelect {

    private IntSelect() {
    }

    /**
     * The k-th smallest element (0-based); reorders {@code a}.
     *
     * @param a the values, reordered in place
     * @param k an index in [0, a.length)
     * @return the value that a sorted copy would hold at {@code k}
     */
    static int kthSmallest(int[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int rounds = 0;
        while (lo < hi) {
            if (++rounds > 64) { // adversarial input: fall back to sorting the rest
                Arrays.sort(a, lo, hi + 1);
                return a[k];
            }
            int mid = (lo + hi) >>> 1;
            int pivot = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static int median(int x, int y, int z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
