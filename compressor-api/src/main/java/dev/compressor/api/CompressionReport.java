package dev.compressor.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per tensor, per layer and total: parameters, non-zeros, bits per weight, SQNR and maximum
 * absolute error of a compression, and the compression time. Immutable.
 */
public final class CompressionReport {

    private final String settings;
    private final List<TensorReport> tensors;
    private final long originalParameters;
    private final long nanos;

    CompressionReport(String settings, List<TensorReport> tensors, long originalParameters, long nanos) {
        this.settings = settings;
        this.tensors = List.copyOf(tensors);
        this.originalParameters = originalParameters;
        this.nanos = nanos;
    }

    /** The compressor's description. @return the settings */
    public String settings() {
        return settings;
    }

    /** One report per tensor, in flat-vector order. @return the reports */
    public List<TensorReport> tensors() {
        return tensors;
    }

    /**
     * One report per layer, in order of first appearance. A layer's {@link TensorReport#encoding()
     * encoding} is its tensors' encoding when they share one, else each encoding's short name with
     * the number of the layer's tensors that use it, most parameters first: {@code "int8 (1), fp32 (1)"}.
     *
     * @return the reports
     */
    public List<TensorReport> layers() {
        Map<String, List<TensorReport>> byLayer = new LinkedHashMap<>();
        for (TensorReport t : tensors) {
            byLayer.computeIfAbsent(t.layerName(), k -> new ArrayList<>()).add(t);
        }
        List<TensorReport> out = new ArrayList<>();
        byLayer.forEach((layer, ts) -> out.add(sum(layer, layer, ts)));
        return out;
    }

    /**
     * The whole network; its encoding is named as a layer's is (e.g. {@code "int8 (3), fp32 (7)"}).
     *
     * @return the total
     */
    public TensorReport total() {
        return sum("total", "", tensors);
    }

    private static TensorReport sum(String name, String layer, List<TensorReport> parts) {
        TensorReport s = new TensorReport(name, layer, null, encodings(parts), 0, 0, 0, 0, 0, 0);
        for (TensorReport t : parts) {
            s = s.plus(name, layer, t);
        }
        return s;
    }

    /**
     * The encodings of some tensors: the one description they share, or each encoding's {@link
     * #shortName short name} with the number of tensors using it, most parameters first.
     */
    static String encodings(List<TensorReport> parts) {
        Set<String> descriptions = new LinkedHashSet<>();
        parts.forEach(t -> descriptions.add(t.encoding()));
        if (descriptions.size() <= 1) {
            return descriptions.isEmpty() ? "" : descriptions.iterator().next();
        }
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (TensorReport t : parts) {
            long[] c = byName.computeIfAbsent(shortName(t.encoding()), k -> new long[2]);
            c[0]++;
            c[1] += t.parameters();
        }
        return byName.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .map(e -> e.getKey() + " (" + e.getValue()[0] + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * An encoding description's first word, its brackets closed: {@code "int8 sym per-channel(axis 0)
     * minmax"} gives {@code "int8"}, {@code "kmeans5 (32 centroids)"} gives {@code "kmeans5"},
     * {@code "bitmask(int8 sym per-tensor minmax)"} gives {@code "bitmask(int8)"}.
     */
    static String shortName(String description) {
        int space = description.indexOf(' ');
        String word = space < 0 ? description : description.substring(0, space);
        long open = word.chars().filter(c -> c == '(').count() - word.chars().filter(c -> c == ')').count();
        return word + ")".repeat((int) Math.max(0, open));
    }

    /**
     * Raw fp32 size of the original network's parameters divided by the encoded size (before outer
     * compression).
     *
     * @return the ratio
     */
    public double compressionRatio() {
        long bytes = total().encodedBytes();
        return bytes == 0 ? 0 : 4.0 * originalParameters / bytes;
    }

    /** Time the compression took, in nanoseconds. @return the time */
    public long compressionNanos() {
        return nanos;
    }

    /**
     * A fixed-width text table of the layers and the total.
     *
     * @return the table
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-28s %-30s %12s %12s %8s %9s %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "layer", "encoding", "params", "non-zeros", "bits/w", "SQNR dB",
                "max |err|"));
        List<TensorReport> rows = new ArrayList<>(layers());
        rows.add(total());
        for (TensorReport r : rows) {
            sb.append(String.format(Locale.ROOT, "%-28s %-30s %12d %12d %8.2f %9s %12.3g%n", abbreviate(r.name(), 28),
                    abbreviate(r.encoding(), 30), r.parameters(), r.nonZeros(), r.bitsPerWeight(), sqnr(r),
                    r.maxAbsError()));
        }
        sb.append("encoding: the layer's, or each one with how many of the layer's tensors use it (per tensor: "
                + "tensors())\n");
        sb.append(String.format(Locale.ROOT, "settings: %s; ratio to fp32 parameters: %.2fx; %.1f ms%n", settings,
                compressionRatio(), nanos / 1e6));
        return sb.toString();
    }

    private static String sqnr(TensorReport r) {
        double s = r.sqnrDb();
        return Double.isInfinite(s) ? "exact" : String.format(Locale.ROOT, "%.1f", s);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "~";
    }
}
