package dev.compressor.examples.advise;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses a bit width per layer from a {@link QuantSensitivity}: every layer starts at the gentle
 * width, and the move that saves the most weight bits per unit of measured loss (loss-free moves
 * first, largest first) is taken while the summed per-layer losses stay within a budget. Layers
 * whose narrower widths cost quality stay wide; robust ones go narrow. Stateless.
 */
final class BitAllocation {

    private static final double EPS = 1e-9;

    private BitAllocation() {
    }

    /**
     * The allocation for one loss budget.
     *
     * @param s the measured sensitivity
     * @param gentleBits the width every layer may keep (assumed loss-free), wider than {@code s.bits()[0]}
     * @param budget the largest summed per-layer loss, in metric units
     * @return layer name to bit width, in network order
     */
    static Map<String, Integer> allocate(QuantSensitivity s, int gentleBits, double budget) {
        int[] bits = s.bits();
        if (bits.length > 0 && bits[0] >= gentleBits) {
            throw new IllegalArgumentException("gentle width " + gentleBits + " must exceed " + bits[0]);
        }
        if (!(budget >= 0)) {
            throw new IllegalArgumentException("loss budget must be >= 0, got " + budget);
        }
        int layers = s.layers().size();
        long[] params = s.parameters();
        int[] level = new int[layers]; // 0 = gentle, i > 0 = bits[i - 1]
        double total = 0;
        while (true) {
            int pick = -1;
            double pickRatio = -1;
            double pickLoss = 0;
            for (int l = 0; l < layers; l++) {
                if (level[l] == bits.length) {
                    continue;
                }
                double dl = lossAt(s, l, level[l] + 1) - lossAt(s, l, level[l]);
                if (total + dl > budget + 1e-12) {
                    continue;
                }
                int from = level[l] == 0 ? gentleBits : bits[level[l] - 1];
                double saved = (double) params[l] * (from - bits[level[l]]);
                double ratio = saved / Math.max(dl, EPS);
                if (ratio > pickRatio) {
                    pick = l;
                    pickRatio = ratio;
                    pickLoss = dl;
                }
            }
            if (pick < 0) {
                break;
            }
            level[pick]++;
            total += pickLoss;
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int l = 0; l < layers; l++) {
            out.put(s.layers().get(l), level[l] == 0 ? gentleBits : bits[level[l] - 1]);
        }
        return out;
    }

    private static double lossAt(QuantSensitivity s, int layer, int level) {
        return level == 0 ? 0 : s.loss(layer, level - 1);
    }
}
