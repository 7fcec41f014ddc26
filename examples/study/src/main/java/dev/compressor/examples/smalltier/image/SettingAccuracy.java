package dev.compressor.examples.smalltier.image;

import java.util.Locale;

/**
 * Accuracy of one compression setting on one small network, next to the fp32 accuracy. Immutable.
 *
 * @param network the network id
 * @param setting the compressor's description
 * @param accuracy top-1/top-5 of the compressed network on the test split
 * @param fp32 top-1/top-5 of the uncompressed trained network on the same split
 * @param artifactBytes bytes of the compressed artifact as written with zstd
 */
public record SettingAccuracy(String network, String setting, TopKAccuracy accuracy, TopKAccuracy fp32,
                              long artifactBytes) {

    /** Returns the top-1 change against fp32 in percentage points (negative = worse). */
    public double top1DeltaPoints() {
        return 100 * (accuracy.top1() - fp32.top1());
    }

    /** Returns a table row: network, setting, top-1, top-5, delta in points, bytes. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-13s %-48s %.4f %.4f %+6.2f %,10d", network, setting,
                accuracy.top1(), accuracy.top5(), top1DeltaPoints(), artifactBytes);
    }
}
